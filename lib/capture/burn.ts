import { REDACT_FILL, redactionPixels } from '../annotation/shapes';
import { drawAnnotations } from '../annotation/render';
import type { Annotation, Rect, Screenshot } from '../schemas';
import { THUMB_FORMAT, thumbSize } from './encode';
import { canvas2d } from './canvas';
import type { EncodedImage } from '../step/commit';
import { measurePhase } from './marks';

// Pixel work on annotated screenshots. Runs where OffscreenCanvas exists (the service worker
// and extension pages); unit tests reach the rules around it through lib/capture/annotate.ts.

/** Lossy formats are re-encoded at the capture's own quality; PNG stays lossless. */
const QUALITY = 0.85;


export interface Painted {
  /** The full image with the new redactions burned in; null when there were none to burn. */
  full: Blob | null;
  /** A thumbnail of the (burned) image with every annotation drawn on it. */
  thumb: EncodedImage;
}

/**
 * Decodes the stored image once, fills each redaction opaque (grown by a device pixel to take
 * antialiased edges), re-encodes it in its own format, and draws the annotated thumbnail from
 * the burned pixels, never from the original.
 */
export async function paintScreenshot(full: Blob, mimeType: Screenshot['mimeType'], redactions: readonly Rect[], annotations: readonly Annotation[]): Promise<Painted> {
  const decoding = performance.now();
  const bitmap = await createImageBitmap(full);
  measurePhase('decode', decoding);
  try {
    const size = { width: bitmap.width, height: bitmap.height };
    // A full-size canvas only when there is something to burn: a stitched page is tens of MB of
    // pixels, and a save of boxes and arrows only redraws the thumbnail.
    let source: OffscreenCanvas | ImageBitmap = bitmap;
    let burnedCanvas: OffscreenCanvas | null = null;
    if (redactions.length) {
      const { canvas, ctx } = canvas2d(size.width, size.height);
      ctx.drawImage(bitmap, 0, 0);
      ctx.fillStyle = REDACT_FILL;
      for (const r of redactions) {
        const px = redactionPixels(r, size);
        ctx.fillRect(px.x, px.y, px.w, px.h);
      }
      source = burnedCanvas = canvas;
    }
    const { width: tw, height: th } = thumbSize(size.width, size.height);
    const thumb = canvas2d(tw, th);
    thumb.ctx.drawImage(source, 0, 0, tw, th);
    drawAnnotations(thumb.ctx, annotations, { width: tw, height: th });
    // Both drawn from the burned pixels by now: the two encodes run side by side.
    const encoding = performance.now();
    const [burned, blob] = await Promise.all([
      burnedCanvas ? timedEncode(burnedCanvas.convertToBlob({ type: mimeType, quality: QUALITY }), 'encode', encoding) : null,
      timedEncode(thumb.canvas.convertToBlob(THUMB_FORMAT), 'thumbnail', encoding),
    ]);
    return { full: burned, thumb: { blob, width: tw, height: th } };
  } finally {
    bitmap.close();
  }
}

const timedEncode = (work: Promise<Blob>, phase: 'encode' | 'thumbnail', start: number) => work.finally(() => measurePhase(phase, start));

/** A copy of a stored image with its annotations drawn in at full size, for exports. */
export async function annotatedCopy(image: Blob, mimeType: Screenshot['mimeType'], annotations: readonly Annotation[]): Promise<Blob> {
  // Saved redactions are burned into the stored image already: drawing them again would only cost
  // a decode and another lossy encode per exported image.
  const drawn = annotations.filter((a) => a.type !== 'redact');
  if (drawn.length === 0) return image;
  const bitmap = await createImageBitmap(image);
  try {
    const { canvas, ctx } = canvas2d(bitmap.width, bitmap.height);
    ctx.drawImage(bitmap, 0, 0);
    drawAnnotations(ctx, drawn, { width: bitmap.width, height: bitmap.height });
    return await canvas.convertToBlob({ type: mimeType, quality: QUALITY });
  } finally {
    bitmap.close();
  }
}
