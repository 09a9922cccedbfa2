import type { DecodedSize } from './import';
import type { ImageMime } from './format';

// The image decoder an import uses in the worker and in pages: the browser's own, in full. Kept
// apart from import.ts so that the pure reader can run in Node with another decoder.

/** Decodes with createImageBitmap; null when the bytes are not an image the browser can show. */
export async function decodeWithBitmap(bytes: Uint8Array, mimeType: ImageMime): Promise<DecodedSize | null> {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size.width > 0 && size.height > 0 ? size : null;
  } catch {
    return null;
  }
}
