// What a stored image's bytes are and their sha256, apart from lib/bundle/format.ts (which brings
// zod) so that lib/storage/ can hash an image as it writes it. Imports nothing.

export type ImageMime = 'image/jpeg' | 'image/webp' | 'image/png';

/** What a file's first bytes say it is, so that no other kind of file is stored as an image. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
