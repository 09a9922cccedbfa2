import { encodeCanvas, THUMB_FORMAT } from './encode';
import { placeInPart, type Part, type Strip } from './fullpage';
import type { EncodedImage } from '../step/commit';

// Draws the strips of a full-page capture into one OffscreenCanvas per part, as they arrive, so
// each capture is decoded while the next one waits its turn under Chrome's capture quota.

export interface StitchedPart {
  full: EncodedImage;
  thumb: EncodedImage;
}

export interface Stitcher {
  /** Draws rows of one viewport capture; `place` picks them once the image's size is known. */
  add(capture: Blob, place: (image: { width: number; height: number }) => Strip | null): Promise<void>;
  /** Encodes every part, the last one cut at `coveredHeight` device rows (a page that ended early). */
  finish(coveredHeight: number): Promise<StitchedPart[]>;
}

export const STITCH_FORMAT = { type: 'image/jpeg', quality: 0.85 } as const;

export function createStitcher(parts: Part[]): Stitcher {
  const canvases = new Map<Part, OffscreenCanvas>();
  let width = 0;
  const canvasFor = (part: Part) => {
    let canvas = canvases.get(part);
    if (!canvas) {
      canvas = new OffscreenCanvas(width, part.end - part.start);
      canvases.set(part, canvas);
    }
    return canvas;
  };
  return {
    async add(capture, place) {
      const bitmap = await createImageBitmap(capture);
      try {
        width ||= bitmap.width;
        const strip = place(bitmap);
        if (!strip) return;
        for (const part of parts) {
          const spot = placeInPart(strip, part);
          if (!spot) continue;
          const ctx = canvasFor(part).getContext('2d');
          if (!ctx) throw new Error('no 2D canvas context');
          ctx.drawImage(bitmap, 0, spot.srcY, bitmap.width, spot.height, 0, spot.destY, bitmap.width, spot.height);
        }
      } finally {
        bitmap.close();
      }
    },
    async finish(coveredHeight) {
      const out: StitchedPart[] = [];
      for (const part of parts) {
        const canvas = canvases.get(part);
        if (!canvas || part.start >= coveredHeight) break;
        let drawn = canvas;
        if (part.end > coveredHeight) {
          drawn = new OffscreenCanvas(canvas.width, coveredHeight - part.start);
          drawn.getContext('2d')?.drawImage(canvas, 0, 0);
        }
        out.push(await encodeCanvas(drawn, { full: STITCH_FORMAT, thumb: THUMB_FORMAT }));
        // Release each part's pixels as soon as it is encoded: a tall page is hundreds of MB raw.
        canvas.width = canvas.height = 0;
      }
      return out;
    },
  };
}
