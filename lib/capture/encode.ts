import type { EncodedImage } from '../step/commit';
import { AppFailure } from '../errors';
import { canvas2d } from './canvas';
import { readImageHeader, type HeaderSize } from './image-header';

// Runs where OffscreenCanvas exists (the service worker, extension pages). No DOM needed.

export const THUMB_WIDTH = 320;

/** Every thumbnail, whatever the capture mode: JPEG encodes in ~1 ms against ~6 ms for WebP, for ~5 KB more. */
export const THUMB_FORMAT = { type: 'image/jpeg', quality: 0.8, width: THUMB_WIDTH } as const;

/** A thumbnail's size for an image: at most `maxWidth` wide, never upscaled, the aspect kept. */
export function thumbSize(width: number, height: number, maxWidth: number = THUMB_WIDTH): { width: number; height: number } {
  const tw = Math.min(maxWidth, width);
  return { width: tw, height: Math.max(1, Math.round((height * tw) / width)) };
}

type Format = { type: 'image/webp' | 'image/jpeg'; quality: number };

/** Decodes a stored image and draws its thumbnail (THUMB_FORMAT); made after the capture's reply. */
export async function drawThumbnail(full: Blob): Promise<EncodedImage> {
  const bitmap = await createImageBitmap(full);
  try {
    const { width, height } = thumbSize(bitmap.width, bitmap.height);
    return { blob: await drawTo(bitmap, width, height, THUMB_FORMAT), width, height };
  } finally {
    bitmap.close();
  }
}

/** Encodes a drawn canvas (a stitched page) as the stored image and its thumbnail. */
export async function encodeCanvas(
  canvas: OffscreenCanvas,
  options: { full: Format; thumb: Format & { width: number } },
): Promise<{ full: EncodedImage; thumb: EncodedImage }> {
  const { width, height } = canvas;
  const full: EncodedImage = { blob: await canvas.convertToBlob(options.full), width, height };
  const fitted = thumbSize(width, height, options.thumb.width);
  const tw = fitted.width;
  // A page many screens tall would make a thumbnail a thin ribbon: keep its top, as wide as the panel shows.
  const th = Math.min(fitted.height, tw * 2);
  const { canvas: thumbCanvas, ctx } = canvas2d(tw, th);
  ctx.drawImage(canvas, 0, 0, width, Math.round((th * width) / tw), 0, 0, tw, th);
  const thumb: EncodedImage = { blob: await thumbCanvas.convertToBlob(options.thumb), width: tw, height: th };
  return { full, thumb };
}

async function drawTo(source: CanvasImageSource, width: number, height: number, format: { type: string; quality: number }): Promise<Blob> {
  const { canvas, ctx } = canvas2d(width, height);
  ctx.drawImage(source, 0, 0, width, height);
  return canvas.convertToBlob({ type: format.type, quality: format.quality });
}

// WebCodecs' ImageDecoder, where the platform has it (windows and dedicated workers; not service
// workers): TypeScript's DOM library does not declare it yet.
type ScaledDecoder = new (init: { data: Uint8Array; type: string; desiredWidth: number; desiredHeight: number }) => {
  decode(): Promise<{ image: CanvasImageSource & { close(): void } }>;
  close(): void;
};

/**
 * The thumbnail (THUMB_FORMAT) of an encoded image, decoded straight to about its size where the
 * platform can: a JPEG decoded at a quarter of its width skips most of the work (measured in
 * Chromium 156 on a 1280×800 capture: 9 ms against 76 ms for createImageBitmap in full).
 */
export async function thumbnailOfBytes(bytes: Uint8Array): Promise<EncodedImage> {
  const header = readImageHeader(bytes);
  if (!header) throw new AppFailure({ kind: 'capture-failed', detail: 'the browser returned an image it could not read' });
  const { width, height } = thumbSize(header.width, header.height);
  const Decoder = (globalThis as { ImageDecoder?: ScaledDecoder }).ImageDecoder;
  if (Decoder) {
    const decoder = new Decoder({ data: bytes, type: header.type, desiredWidth: width, desiredHeight: height });
    try {
      const { image } = await decoder.decode();
      try {
        return { blob: await drawTo(image, width, height, THUMB_FORMAT), width, height };
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  }
  // No scaled decoder here (a service worker, an older browser): the full decode every thumbnail made after a reply uses.
  return drawThumbnail(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: header.type }));
}

type FromBase64 = (text: string) => Uint8Array;

/**
 * Base64 to bytes with the platform's decoder where there is one (Uint8Array.fromBase64:
 * Chromium and Firefox have it; Node 20 has not), else atob and a copy loop. `native` is a
 * parameter so that tests reach both paths on any runtime.
 */
export function base64ToBytes(text: string, native: FromBase64 | undefined = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64): Uint8Array {
  if (native) return native.call(Uint8Array, text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// Sizes read from the header while the bytes were at hand, so imageSize needs no second read of a
// Blob this worker made itself. Weak: a Blob dropped is forgotten with its size.
const headerSizes = new WeakMap<Blob, HeaderSize>();

/** Bytes of an encoded image as a Blob of their own type; the header's size is remembered for imageSize. */
export function bytesToImage(bytes: Uint8Array, fallbackType: string): Blob {
  const header = readImageHeader(bytes);
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: header?.type ?? fallbackType });
  if (header) headerSizes.set(blob, header);
  return blob;
}

/** The bytes and type of a base64 data URL (captureVisibleTab's answer), without a fetch. */
export function dataUrlBytes(dataUrl: string): { bytes: Uint8Array; mime: string } {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(5, comma);
  return { bytes: base64ToBytes(dataUrl.slice(comma + 1)), mime: header.split(';')[0] || 'application/octet-stream' };
}

/** captureVisibleTab answers with a data URL; decode it without a fetch. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const { bytes, mime } = dataUrlBytes(dataUrl);
  return bytesToImage(bytes, mime);
}

// A JPEG's frame header comes after its tables and any EXIF block: 64 KB covers all but the rare
// camera file, which is then read whole.
const HEADER_BYTES = 64 * 1024;

/** Width and height of an encoded image from its header, without decoding it. */
export async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  const known = headerSizes.get(blob);
  if (known) return { width: known.width, height: known.height };
  const head = readImageHeader(new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer()));
  const found = head ?? (blob.size > HEADER_BYTES ? readImageHeader(new Uint8Array(await blob.arrayBuffer())) : null);
  if (!found) throw new AppFailure({ kind: 'capture-failed', detail: 'the browser returned an image it could not read' });
  return { width: found.width, height: found.height };
}

/** The image as the browser encoded it, with its size from the header: nothing is decoded. */
export async function asStored(raw: Blob): Promise<EncodedImage> {
  return { blob: raw, ...(await imageSize(raw)) };
}
