// The one way a capture module gets a 2D canvas: OffscreenCanvas (the service worker and extension
// pages have it; no DOM needed), high-quality smoothing for every downscale, and a clear error where
// the platform gives no 2D context rather than a null to trip over later.

export function canvas2d(width: number, height: number): { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.imageSmoothingQuality = 'high';
  return { canvas, ctx };
}
