// Base64 by table, as bytes: the port's chunks (channel.ts) and the HTML report's images
// (entrypoints/sidepanel/exports.ts). Not btoa: it goes through a string of one char per byte,
// which costs seconds per megabyte in some engines (a 200-step report spent 2.5 s there); bytes can
// go straight into a Blob, with no string in the page's heap at all. Imports nothing.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const BASE64_CODES = new TextEncoder().encode(ALPHABET);
export const BASE64_PAD = 61; // '='

/** The base64 of `bytes` as ASCII bytes, written into `into` when it is large enough (reused between calls), else a new array. */
export function base64Ascii(bytes: Uint8Array, into?: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const length = Math.ceil(bytes.length / 3) * 4;
  const out = into && into.length >= length ? into.subarray(0, length) : new Uint8Array(length);
  const codes = BASE64_CODES;
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = codes[n >> 18]!;
    out[o++] = codes[(n >> 12) & 63]!;
    out[o++] = codes[(n >> 6) & 63]!;
    out[o++] = codes[n & 63]!;
  }
  if (whole < bytes.length) {
    const n = (bytes[whole]! << 16) | ((bytes[whole + 1] ?? 0) << 8);
    out[o++] = codes[n >> 18]!;
    out[o++] = codes[(n >> 12) & 63]!;
    out[o++] = whole + 1 < bytes.length ? codes[(n >> 6) & 63]! : BASE64_PAD;
    out[o++] = BASE64_PAD;
  }
  return out;
}
