import type { EncodedImage } from './pipeline';

// Runs where OffscreenCanvas exists (the service worker, extension pages). No DOM needed.

export const THUMB_WIDTH = 320;

export interface EncodeOptions {
  /** Re-encode the captured image into this format; null stores the browser's bytes as they are. */
  reencode: { type: 'image/webp' | 'image/jpeg'; quality: number } | null;
  thumb: { type: 'image/webp' | 'image/jpeg'; quality: number; width: number };
}

export async function encodeCapture(raw: Blob, options: EncodeOptions): Promise<{ full: EncodedImage; thumb: EncodedImage }> {
  const bitmap = await createImageBitmap(raw);
  try {
    const { width, height } = bitmap;
    const full: EncodedImage = options.reencode
      ? { blob: await drawTo(bitmap, width, height, options.reencode), width, height }
      : { blob: raw, width, height };
    const tw = Math.min(options.thumb.width, width);
    const th = Math.max(1, Math.round((height * tw) / width));
    const thumb: EncodedImage = { blob: await drawTo(bitmap, tw, th, options.thumb), width: tw, height: th };
    return { full, thumb };
  } finally {
    bitmap.close();
  }
}

async function drawTo(bitmap: ImageBitmap, width: number, height: number, format: { type: string; quality: number }): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return canvas.convertToBlob({ type: format.type, quality: format.quality });
}

/** captureVisibleTab answers with a data URL; decode it without a fetch. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(5, comma);
  const mime = header.split(';')[0] || 'application/octet-stream';
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}
