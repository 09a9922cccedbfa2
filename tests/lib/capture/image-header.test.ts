import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readImageHeader } from '@/lib/capture/image-header';
import { base64ToBytes, dataUrlToBlob, imageSize } from '@/lib/capture/encode';

// Real files, written by Chromium (tests/lib/capture/images/): a captured JPEG and PNG, and a
// canvas-encoded JPEG with an ICC profile segment before its frame header.
const file = (name: string) => new Uint8Array(readFileSync(new URL(`./images/${name}`, import.meta.url)));
const jpeg = file('capture-37x23.jpg');
const png = file('capture-37x23.png');
const canvasJpeg = file('canvas-1280x300.jpg');

describe('readImageHeader', () => {
  it('reads the size of a JPEG and a PNG captured by Chromium', () => {
    expect(readImageHeader(jpeg)).toEqual({ type: 'image/jpeg', width: 37, height: 23 });
    expect(readImageHeader(png)).toEqual({ type: 'image/png', width: 37, height: 23 });
  });

  it('walks past an ICC profile to the frame header, with sizes above 255', () => {
    expect(readImageHeader(canvasJpeg)).toEqual({ type: 'image/jpeg', width: 1280, height: 300 });
  });

  it('finds the frame of a progressive JPEG (SOF2) after fill bytes', () => {
    // SOI, fill byte, SOF2 of 640×480, then the scan.
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xff, 0xc2, 0x00, 0x0b, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00, 0xff, 0xda]);
    expect(readImageHeader(bytes)).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
  });

  it('does not mistake a Huffman table (C4) for a frame', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00]);
    expect(readImageHeader(bytes)).toEqual({ type: 'image/jpeg', width: 32, height: 16 });
  });

  it('answers null for cut, empty or foreign bytes instead of a wrong size', () => {
    expect(readImageHeader(jpeg.subarray(0, 20))).toBeNull();
    expect(readImageHeader(png.subarray(0, 16))).toBeNull();
    expect(readImageHeader(new Uint8Array())).toBeNull();
    expect(readImageHeader(new TextEncoder().encode('GIF89a not a capture at all'))).toBeNull();
    // A frame header claiming 0×0 is no image.
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x00, 0x00, 0x00]))).toBeNull();
    // A scan before any frame.
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toBeNull();
  });
});

describe('base64ToBytes', () => {
  const text = Buffer.from(jpeg).toString('base64');
  const withFromBase64 = Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array };
  afterEach(() => {
    delete withFromBase64.fromBase64;
  });

  it('decodes with atob where the platform has no Uint8Array.fromBase64 (Node 20)', () => {
    expect(withFromBase64.fromBase64).toBeUndefined();
    expect(base64ToBytes(text)).toEqual(jpeg);
  });

  it("uses the platform's Uint8Array.fromBase64 where there is one (Chromium, Firefox)", () => {
    const native = vi.fn((s: string) => new Uint8Array(Buffer.from(s, 'base64')));
    withFromBase64.fromBase64 = native;
    expect(base64ToBytes(text)).toEqual(jpeg);
    expect(native).toHaveBeenCalledWith(text);
  });

  it('gives the same bytes on both paths', () => {
    const native = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
    expect(base64ToBytes(text, native)).toEqual(base64ToBytes(text, undefined));
  });
});

describe('imageSize', () => {
  it("knows a capture's size from the data URL it was decoded from", async () => {
    const blob = dataUrlToBlob(`data:image/jpeg;base64,${Buffer.from(canvasJpeg).toString('base64')}`);
    expect(blob.type).toBe('image/jpeg');
    expect(blob.size).toBe(canvasJpeg.length);
    expect(await imageSize(blob)).toEqual({ width: 1280, height: 300 });
  });

  it('reads the header of any other Blob', async () => {
    expect(await imageSize(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }))).toEqual({ width: 37, height: 23 });
  });

  it('refuses bytes that are no image with a capture error', async () => {
    await expect(imageSize(new Blob(['<html>error page</html>']))).rejects.toMatchObject({ error: { kind: 'capture-failed' } });
  });
});
