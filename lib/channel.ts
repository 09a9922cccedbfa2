import { z } from 'zod';
import { AppFailure, errorText, fail, type AppError, type Result } from './errors';
import { isOwnPage, MAX_BUNDLE_BYTES, type CapturePreview, requestEnvelope, type Reply, type RequestName, type RequestPayload, type SenderInfo } from './messages';
import { routeRequest, type Handlers, type RouterContext } from './router';
import { BASE64_CODES, BASE64_PAD, base64Ascii } from './base64';

// Long requests (a full-page capture, a bundle import) travel over a runtime port, the one
// channel that Chrome's service worker and Firefox's background page both offer with progress
// back, a cancel forward, and onDisconnect when the background goes away. Requests over the port
// go through the same router and contract as runtime.sendMessage. Ports carry JSON in Chrome, so
// bytes (a bundle) travel as base64 chunks, one at a time, each acknowledged before the next, so
// that neither side queues more than a chunk beyond the bytes themselves.
// Pure apart from the port handed in, so both ends are unit-tested with a fake port pair.

export { LONG_REQUEST_PORT } from './envelope';

/** A visible capture's data URL: a JPEG of an 8K screen is a few MB; far under Chrome's 64 MiB message limit. */
const MAX_PIXELS_CHARS = 48 * 1024 * 1024;

/** Raw bytes per chunk: 768 KiB becomes 1 MiB of base64, far under Chrome's 64 MiB message limit. */
export const CHUNK_BYTES = 768 * 1024;

/** The part of runtime.Port both ends use; Chrome's and Firefox's ports fit it. */
export interface PortLike {
  name: string;
  sender?: SenderInfo;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(fn: (message: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}

const ClientFrame = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('request'),
    request: z.unknown(),
    // The request's `bytes` field follows in chunks (only a bundle has bytes).
    attachment: z.strictObject({ size: z.number().int().nonnegative().max(MAX_BUNDLE_BYTES) }).optional(),
  }),
  z.strictObject({ kind: z.literal('chunk'), base64: z.string().max(Math.ceil(CHUNK_BYTES / 3) * 4) }),
  z.strictObject({ kind: z.literal('cancel') }),
  // The pixels of a visible capture the page took itself (RequestExtras.pixels); null: it could
  // not, the background captures instead.
  z.strictObject({ kind: z.literal('pixels'), dataUrl: z.string().startsWith('data:image/jpeg;base64,').max(MAX_PIXELS_CHARS).nullable() }),
]);

const ServerFrame = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ack') }),
  z.strictObject({ kind: z.literal('progress'), done: z.number(), total: z.number() }),
  // A capture's pixels before its commit (RequestExtras.preview): only ever an image data URL.
  z.strictObject({ kind: z.literal('preview'), screenshotId: z.string().min(1).max(100), dataUrl: z.string().startsWith('data:image/') }),
  // The reply is the router's Result; the caller reads it as its request's Reply.
  z.strictObject({ kind: z.literal('reply'), reply: z.object({ ok: z.boolean() }).passthrough() }),
]);

const CODES = BASE64_CODES;
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < CODES.length; i++) VALUES[CODES[i]!] = i;
const PAD = BASE64_PAD;

export const toBase64 = (bytes: Uint8Array): string => new TextDecoder().decode(base64Ascii(bytes));

/**
 * Decodes into `into` at `offset`; answers how many bytes were written, or null when they would
 * not fit. Throws on a character outside base64.
 */
export function fromBase64Into(base64: string, into: Uint8Array, offset: number): number | null {
  const text = new TextEncoder().encode(base64);
  if (text.length % 4 !== 0) throw new Error('its length is not a multiple of 4');
  const padding = text.length === 0 ? 0 : (text[text.length - 1] === PAD ? 1 : 0) + (text[text.length - 2] === PAD ? 1 : 0);
  const length = (text.length / 4) * 3 - padding;
  if (offset + length > into.length) return null;
  let o = offset;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text[i + k]!;
      const v = c === PAD && i + 4 === text.length && k >= 4 - padding ? 0 : (VALUES[c] ?? -1);
      if (v < 0) throw new Error(`unexpected character at ${i + k}`);
      n = (n << 6) | v;
    }
    into[o++] = n >> 16;
    if (o < offset + length) into[o++] = (n >> 8) & 255;
    if (o < offset + length) into[o++] = n & 255;
  }
  return length;
}

/**
 * The background's end of one port: checks the sender before anything else, gathers an
 * attachment, runs the request through the router with a signal (cancelled by the page, or by the
 * page going away) and progress, and posts the reply.
 */
export function serveLongRequest(port: PortLike, handlers: Handlers, ctx: RouterContext): void {
  const sender = port.sender ?? {};
  const cancel = new AbortController();
  let request: unknown;
  let bytes: Uint8Array | null = null;
  let received = 0;
  let started = false;
  // The page's own capture, which follows the request that announced it (RequestExtras.pixels).
  let givePixels: (dataUrl: string | null) => void = () => undefined;
  let losePixels: () => void = () => undefined;
  const pixels = new Promise<string | null>((resolve, reject) => {
    givePixels = resolve;
    losePixels = () => reject(new AppFailure({ kind: 'capture-failed', detail: 'the page closed before it sent its pixels' }));
  });
  pixels.catch(() => undefined);
  const post = (frame: z.input<typeof ServerFrame>) => {
    try {
      port.postMessage(frame);
    } catch {
      // The page went away; the signal below already stopped the work.
    }
  };
  const reply = (result: Result<unknown>) => {
    post({ kind: 'reply', reply: result });
    started = true;
  };
  const refuse = (error: AppError) => {
    if (!started) reply(fail(error));
  };
  const run = () => {
    started = true;
    const raw = bytes ? withBytes(request, bytes.subarray(0, received)) : request;
    bytes = null;
    void routeRequest(raw, sender, handlers, ctx, {
      signal: cancel.signal,
      progress: (done, total) => post({ kind: 'progress', done, total }),
      preview: (preview) => post({ kind: 'preview', ...preview }),
      pixels: () => pixels,
    }).then(reply);
  };

  port.onDisconnect.addListener(() => {
    cancel.abort();
    // A panel closed right after its click: the click is kept, and the background captures the
    // tab itself (its check that the tab is still in view guards it), as it did before pages
    // took their own pixels. Only a Cancel lets the pixels go.
    givePixels(null);
  });
  if (!isOwnPage(sender, ctx.extensionId, ctx.extensionOrigin)) return refuse({ kind: 'forbidden-sender' });
  port.onMessage.addListener((message) => {
    const frame = ClientFrame.safeParse(message);
    if (!frame.success) {
      // Pixels the page could not give as they should be (not a JPEG, too large): the background
      // captures itself, rather than wait for pixels that will never come.
      if ((message as { kind?: unknown } | null)?.kind === 'pixels') return givePixels(null);
      return refuse({ kind: 'invalid-message', detail: 'not a Mystery Shopper port message' });
    }
    const data = frame.data;
    if (data.kind === 'pixels') return givePixels(data.dataUrl);
    if (data.kind === 'cancel') {
      cancel.abort();
      losePixels();
      // Cancelled while the bytes were still coming: the handler answers its own cancellation
      // (it checks the signal before it reads a byte), so the page hears the usual reply.
      if (bytes && !started) run();
      return;
    }
    if (data.kind === 'request') {
      if (request !== undefined) return refuse({ kind: 'invalid-message', detail: 'one request per port' });
      request = data.request;
      if (!data.attachment) return run();
      bytes = new Uint8Array(data.attachment.size);
      return bytes.length === 0 ? run() : post({ kind: 'ack' });
    }
    // A chunk: only after a request that announced them, never beyond the size it announced.
    if (!bytes || started) return refuse({ kind: 'invalid-message', detail: 'bytes that no request announced' });
    let written: number | null;
    try {
      written = fromBase64Into(data.base64, bytes, received);
    } catch (e) {
      return refuse({ kind: 'invalid-message', detail: `a chunk of the file is not base64 (${errorText(e)})` });
    }
    if (written === null) return refuse({ kind: 'invalid-message', detail: 'more bytes than the request announced' });
    received += written;
    if (received === bytes.length) run();
    else post({ kind: 'ack' });
  });
}

function withBytes(request: unknown, bytes: Uint8Array): unknown {
  if (typeof request !== 'object' || request === null) return request;
  const r = request as { payload?: unknown };
  const payload = typeof r.payload === 'object' && r.payload !== null ? r.payload : {};
  return { ...r, payload: { ...payload, bytes } };
}

export interface LongRequestOptions {
  onProgress?(done: number, total: number): void;
  /** A capture's pixels before they are stored: decode them, show them only after an ok reply. */
  onPreview?(preview: CapturePreview): void;
  /**
   * The page's own capture of the tab, posted once it is taken (the request said `pixels:
   * 'page'`), so that the request goes ahead of the pixels and nothing stands after them;
   * null when the page could not take them.
   */
  pixels?: Promise<string | null>;
  signal?: AbortSignal;
}

/**
 * The page's end: connects, sends the request (and its `bytes`, if any, in acknowledged chunks),
 * forwards progress and cancel, and resolves with the typed Result. A port that closes before the
 * reply means the background stopped (Chrome stopped the worker, the add-on was reloaded): that
 * is said at once, not after a silence.
 */
export function callOverPort<N extends RequestName>(connect: () => PortLike, name: N, payload: RequestPayload<N>, options: LongRequestOptions = {}): Promise<Reply<N>> {
  return new Promise<Reply<N>>((resolve) => {
    let port: PortLike;
    try {
      port = connect();
    } catch (e) {
      return resolve({ ok: false, error: { kind: 'internal', detail: errorText(e) } });
    }
    let done = false;
    const finish = (reply: Reply<N>) => {
      if (done) return;
      done = true;
      options.signal?.removeEventListener('abort', onAbort);
      resolve(reply);
      try {
        port.disconnect();
      } catch {
        // Already closed.
      }
    };
    const onAbort = () => {
      try {
        port.postMessage({ kind: 'cancel' });
      } catch {
        // The port closed; onDisconnect says so.
      }
    };
    const raw = payload as Record<string, unknown>;
    const bytes = raw.bytes instanceof Uint8Array ? raw.bytes : null;
    const { bytes: _, ...rest } = raw;
    let sent = 0;
    const sendChunk = () => {
      if (!bytes || options.signal?.aborted) return;
      const chunk = bytes.subarray(sent, sent + CHUNK_BYTES);
      sent += chunk.length;
      port.postMessage({ kind: 'chunk', base64: toBase64(chunk) });
    };

    port.onDisconnect.addListener(() => finish({ ok: false, error: { kind: 'background-stopped' } }));
    port.onMessage.addListener((message) => {
      const frame = ServerFrame.safeParse(message);
      if (!frame.success) return;
      if (frame.data.kind === 'ack') sendChunk();
      else if (frame.data.kind === 'progress') options.onProgress?.(frame.data.done, frame.data.total);
      else if (frame.data.kind === 'preview') options.onPreview?.({ screenshotId: frame.data.screenshotId, dataUrl: frame.data.dataUrl });
      else finish(frame.data.reply as Reply<N>);
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const request = requestEnvelope(name, (bytes ? rest : payload) as RequestPayload<N>);
      port.postMessage({ kind: 'request', request, ...(bytes ? { attachment: { size: bytes.length } } : {}) });
      if (options.signal?.aborted) onAbort();
      void options.pixels?.catch(() => null).then((dataUrl) => {
        if (done) return;
        try {
          port.postMessage({ kind: 'pixels', dataUrl });
        } catch {
          // Pixels the port would not carry: the background captures itself. (A closed port
          // throws again here; onDisconnect says so.)
          try {
            port.postMessage({ kind: 'pixels', dataUrl: null });
          } catch {
            // The port closed.
          }
        }
      });
    } catch (e) {
      finish({ ok: false, error: { kind: 'internal', detail: errorText(e) } });
    }
  });
}
