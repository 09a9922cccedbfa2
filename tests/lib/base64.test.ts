import { expect, it } from 'vitest';
import { base64Ascii } from '@/lib/base64';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

it('writes the same base64 as the platform for every length and every byte value', () => {
  const all = Uint8Array.from({ length: 1000 }, (_, i) => (i * 167 + 13) & 255);
  for (let length = 0; length <= 40; length++) expect(text(base64Ascii(all.subarray(0, length)))).toBe(Buffer.from(all.subarray(0, length)).toString('base64'));
  expect(text(base64Ascii(all))).toBe(Buffer.from(all).toString('base64'));
});

it('reuses the buffer it is given when it is large enough, and never writes past what it answers', () => {
  const into = new Uint8Array(16).fill(42);
  const short = base64Ascii(Uint8Array.of(1, 2, 3, 4), into);
  expect(short.buffer).toBe(into.buffer);
  expect(text(short)).toBe('AQIDBA==');
  expect([...into.subarray(8)]).toEqual(Array(8).fill(42));
  const long = base64Ascii(new Uint8Array(30), into);
  expect(long.buffer).not.toBe(into.buffer);
  expect(text(long)).toBe('A'.repeat(40));
});
