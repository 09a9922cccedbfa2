import type { ImageMime } from '@/lib/bundle/format';
import type { DecodedSize } from '@/lib/bundle/import';

// The import's decoder seam for Node, which has no image decoder: it walks an image's structure the
// way a decoder starts to (JPEG segments to a frame header and the end marker, PNG's IHDR and IEND,
// WebP's RIFF and its VP8X header) and answers the size found there, or null. The worker uses
// createImageBitmap instead (lib/bundle/decode.ts), which tests/e2e/bundle.test.ts exercises.

export async function decodeHeaders(bytes: Uint8Array, mimeType: ImageMime): Promise<DecodedSize | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));
  const size = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null);
  if (mimeType === 'image/jpeg') {
    if (bytes.length < 4 || view.getUint16(0) !== 0xffd8 || view.getUint16(bytes.length - 2) !== 0xffd9) return null;
    for (let at = 2; at + 4 <= bytes.length - 2; ) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      const length = view.getUint16(at + 2);
      // SOF0–SOF2: the frame header holds height then width.
      if (marker >= 0xc0 && marker <= 0xc2) return at + 9 <= bytes.length ? size(view.getUint16(at + 7), view.getUint16(at + 5)) : null;
      at += 2 + length;
    }
    return null;
  }
  if (mimeType === 'image/png') {
    if (bytes.length < 45 || !ascii(12, 'IHDR') || !ascii(bytes.length - 8, 'IEND')) return null;
    return size(view.getUint32(16), view.getUint32(20));
  }
  if (bytes.length < 30 || !ascii(0, 'RIFF') || !ascii(8, 'WEBP') || !ascii(12, 'VP8X') || view.getUint32(4, true) !== bytes.length - 8) return null;
  return size(1 + (view.getUint32(24, true) & 0xffffff), 1 + (view.getUint32(27, true) & 0xffffff));
}

/** What readBundle needs besides the bytes, in Node. */
export const nodeDecode = { decode: decodeHeaders };
