// Width and height of an encoded image read from its header (JPEG SOF, PNG IHDR), without
// decoding a pixel: a capture is committed with its size known, and decoded only later, off the
// shopper's wait, for its thumbnail. Pure: bytes in, numbers out.

export interface HeaderSize {
  type: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image's type and size from its first bytes; null if they are not a JPEG or PNG header we can read. */
export function readImageHeader(bytes: Uint8Array): HeaderSize | null {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return readPng(bytes);
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes);
  return null;
}

function readPng(bytes: Uint8Array): HeaderSize | null {
  // The first chunk is always IHDR: length (4), "IHDR" (4), width (4), height (4), big-endian.
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return sized('image/png', view.getUint32(16), view.getUint32(20));
}

// Start-of-frame markers (baseline, extended, progressive, lossless, arithmetic); C4, C8 and CC
// share the range but are tables, not frames.
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function readJpeg(bytes: Uint8Array): HeaderSize | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes may pad a marker; markers without a length carry no segment.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // Start of scan or end of image before any frame header: not a JPEG we can size.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      // Segment: length (2), precision (1), height (2), width (2).
      if (at + 9 > bytes.length) return null;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      return sized('image/jpeg', width, height);
    }
    at += 2 + length;
  }
  return null;
}

function sized(type: HeaderSize['type'], width: number, height: number): HeaderSize | null {
  return width > 0 && height > 0 ? { type, width, height } : null;
}
