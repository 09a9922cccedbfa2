import { describe, expect, it, vi } from 'vitest';
import { callOverPort, CHUNK_BYTES, fromBase64Into, serveLongRequest, toBase64, type PortLike } from '@/lib/channel';
import type { Handlers } from '@/lib/router';
import type { SenderInfo } from '@/lib/messages';

const ctx = { extensionId: 'ourextensionid', extensionOrigin: 'chrome-extension://ourextensionid/' };
const ownPage = { id: ctx.extensionId, url: `${ctx.extensionOrigin}sidepanel.html` };

/**
 * Two connected ends, as runtime.connect gives: messages arrive later and as JSON (Chrome's
 * ports serialise them), disconnecting one end tells the other.
 */
function portPair(sender: SenderInfo) {
  type Listeners = { message: ((m: unknown) => void)[]; disconnect: (() => void)[] };
  const make = (mine: Listeners, theirs: Listeners, log: unknown[]): PortLike => ({
    name: 'mystery-shopper-long',
    sender,
    postMessage(m) {
      if (closed) throw new Error('Attempting to use a disconnected port object');
      log.push(m);
      const copy = JSON.parse(JSON.stringify(m));
      setTimeout(() => theirs.message.forEach((fn) => fn(copy)));
    },
    disconnect() {
      if (closed) return;
      closed = true;
      setTimeout(() => theirs.disconnect.forEach((fn) => fn()));
    },
    onMessage: { addListener: (fn) => mine.message.push(fn) },
    onDisconnect: { addListener: (fn) => mine.disconnect.push(fn) },
  });
  let closed = false;
  const a: Listeners = { message: [], disconnect: [] };
  const b: Listeners = { message: [], disconnect: [] };
  const fromPage: unknown[] = [];
  const fromBackground: unknown[] = [];
  const page = make(a, b, fromPage);
  const background = make(b, a, fromBackground);
  return { page, background, fromPage, fromBackground, stopBackground: () => background.disconnect() };
}

function handlers(overrides: Partial<Handlers>): Handlers {
  return overrides as Handlers;
}

describe('the long-request port', () => {
  it("brings a capture's preview before its reply, and ignores one that is not an image data URL", async () => {
    const pair = portPair(ownPage);
    const order: string[] = [];
    serveLongRequest(pair.background, handlers({
      'step.capture': async (_p, extras) => {
        extras.preview?.({ screenshotId: 'shot-1', dataUrl: 'data:image/jpeg;base64,cmF3' });
        extras.preview?.({ screenshotId: 'shot-2', dataUrl: 'javascript:alert(1)' });
        return { step: { id: 'step-1' }, shots: [] } as never;
      },
    }), ctx);
    const reply = await callOverPort(() => pair.page, 'step.capture', { tabId: 4 }, {
      onPreview: (p) => order.push(`preview ${p.screenshotId} ${p.dataUrl}`),
    });
    order.push('reply');
    expect(reply).toEqual({ ok: true, value: { step: { id: 'step-1' }, shots: [] } });
    expect(order).toEqual(['preview shot-1 data:image/jpeg;base64,cmF3', 'reply']);
  });

  it("hands the handler the page's own pixels, posted after the request, while the handler already runs", async () => {
    const pair = portPair(ownPage);
    const seen: string[] = [];
    serveLongRequest(pair.background, handlers({
      'step.capture': async (p, extras) => {
        seen.push(`started ${p.pixels}`);
        seen.push(`pixels ${await extras.pixels?.()}`);
        return { step: { id: 'step-1' }, shots: [] } as never;
      },
    }), ctx);
    let give: (url: string | null) => void = () => undefined;
    const pixels = new Promise<string | null>((resolve) => (give = resolve));
    const replying = callOverPort(() => pair.page, 'step.capture', { tabId: 4, sessionId: 's1', windowId: 1, pixels: 'page' }, { pixels });
    await vi.waitFor(() => expect(seen).toEqual(['started page']));
    give('data:image/jpeg;base64,cmF3');
    expect(await replying).toEqual({ ok: true, value: { step: { id: 'step-1' }, shots: [] } });
    expect(seen).toEqual(['started page', 'pixels data:image/jpeg;base64,cmF3']);
  });

  it('passes on that the page could not take its pixels, and treats pixels that are not a JPEG data URL the same way', async () => {
    const given: unknown[] = [];
    for (const dataUrl of [null, 'data:text/html;base64,PHNjcmlwdD4=']) {
      const pair = portPair(ownPage);
      serveLongRequest(pair.background, handlers({
        'step.capture': async (_p, extras) => {
          given.push(await Promise.race([extras.pixels?.(), new Promise((r) => setTimeout(() => r('none in time'), 50))]));
          return { step: { id: 'step-1' }, shots: [] } as never;
        },
      }), ctx);
      await callOverPort(() => pair.page, 'step.capture', { tabId: 4, pixels: 'page' }, { pixels: Promise.resolve(dataUrl) });
    }
    // The background then captures itself: a handler is never left waiting for pixels that cannot come.
    expect(given).toEqual([null, null]);
  });

  it('tells a handler waiting for pixels that the page went away, so that the background captures itself', async () => {
    const pair = portPair(ownPage);
    let outcome: Promise<unknown> = Promise.resolve();
    serveLongRequest(pair.background, handlers({
      'step.capture': (_p, extras) => {
        outcome = extras.pixels!().then((p) => `pixels ${p}`, (e) => `refused: ${e.error.detail}`);
        return new Promise(() => {});
      },
    }), ctx);
    pair.page.postMessage({ kind: 'request', request: { channel: 'mystery-shopper', name: 'step.capture', payload: { tabId: 4, pixels: 'page' } } });
    await new Promise((r) => setTimeout(r, 10));
    pair.page.disconnect();
    await vi.waitFor(async () => expect(await outcome).toBe('pixels null'));
  });

  it('runs a request through the router, with progress on the way and the typed reply at the end', async () => {
    const pair = portPair(ownPage);
    const step = { id: 'step-1' };
    serveLongRequest(pair.background, handlers({
      'step.captureFullPage': async (_p, extras) => {
        extras.progress?.(1, 3);
        extras.progress?.(2, 3);
        return step as never;
      },
    }), ctx);
    const progress: number[][] = [];
    const reply = await callOverPort(() => pair.page, 'step.captureFullPage', { tabId: 4, method: 'scroll' }, { onProgress: (d, t) => progress.push([d, t]) });
    expect(reply).toEqual({ ok: true, value: step });
    expect(progress).toEqual([[1, 3], [2, 3]]);
  });

  it('carries bytes in acknowledged chunks and hands the handler the identical Uint8Array', async () => {
    const pair = portPair(ownPage);
    const bytes = new Uint8Array(Math.floor(2.5 * CHUNK_BYTES)).map((_, i) => (i * 7 + 3) & 0xff);
    let got: Uint8Array | undefined;
    serveLongRequest(pair.background, handlers({ 'bundle.import': async (p) => ((got = p.bytes), { sessions: 1, steps: 2 }) }), ctx);
    const reply = await callOverPort(() => pair.page, 'bundle.import', { bytes });
    expect(reply).toEqual({ ok: true, value: { sessions: 1, steps: 2 } });
    expect(got).toBeInstanceOf(Uint8Array);
    // Buffer.equals: toEqual walks 2 MB element by element for seconds.
    expect(Buffer.from(got!).equals(Buffer.from(bytes))).toBe(true);
    // Three chunks, each sent only after the previous was acknowledged: never more than one in flight.
    const kinds = pair.fromPage.map((m) => (m as { kind: string }).kind);
    expect(kinds).toEqual(['request', 'chunk', 'chunk', 'chunk']);
    expect(pair.fromBackground.filter((m) => (m as { kind: string }).kind === 'ack')).toHaveLength(3);
  });

  it('refuses a port from a content script before reading anything, and runs no handler', async () => {
    const pair = portPair({ id: ctx.extensionId, url: 'https://shop.example/checkout' });
    const run = vi.fn();
    serveLongRequest(pair.background, handlers({ 'step.captureFullPage': run }), ctx);
    const reply = await callOverPort(() => pair.page, 'step.captureFullPage', { tabId: 4, method: 'auto' });
    expect(reply).toEqual({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(run).not.toHaveBeenCalled();
  });

  it('validates the payload with the same contract as runtime messages', async () => {
    const pair = portPair(ownPage);
    const run = vi.fn();
    serveLongRequest(pair.background, handlers({ 'step.captureFullPage': run }), ctx);
    const reply = await callOverPort(() => pair.page, 'step.captureFullPage', { tabId: -1, method: 'auto' });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.kind).toBe('invalid-message');
    expect(run).not.toHaveBeenCalled();
  });

  it('passes Cancel on to the handler as an aborted signal', async () => {
    const pair = portPair(ownPage);
    const abort = new AbortController();
    serveLongRequest(pair.background, handlers({
      'step.captureFullPage': (_p, extras) =>
        new Promise((_, reject) => {
          extras.progress?.(1, 20);
          extras.signal?.addEventListener('abort', () => reject(new Error('cancelled')));
        }),
    }), ctx);
    const reply = await callOverPort(() => pair.page, 'step.captureFullPage', { tabId: 4, method: 'scroll' }, { signal: abort.signal, onProgress: () => abort.abort() });
    expect(reply).toEqual({ ok: false, error: { kind: 'internal', detail: 'cancelled' } });
  });

  it('says at once that the background stopped when the port closes before the reply', async () => {
    const pair = portPair(ownPage);
    serveLongRequest(pair.background, handlers({ 'step.captureFullPage': (_p, extras) => (extras.progress?.(3, 22), new Promise(() => {})) }), ctx);
    const reply = await callOverPort(() => pair.page, 'step.captureFullPage', { tabId: 4, method: 'scroll' }, { onProgress: () => pair.stopBackground() });
    expect(reply).toEqual({ ok: false, error: { kind: 'background-stopped' } });
  });

  it('refuses more bytes than the request announced', async () => {
    const pair = portPair(ownPage);
    const run = vi.fn();
    serveLongRequest(pair.background, handlers({ 'bundle.import': run }), ctx);
    const replies: unknown[] = [];
    pair.page.onMessage.addListener((m) => replies.push(m));
    pair.page.postMessage({ kind: 'request', request: { channel: 'mystery-shopper', name: 'bundle.import', payload: {} }, attachment: { size: 2 } });
    pair.page.postMessage({ kind: 'chunk', base64: toBase64(new Uint8Array([1, 2, 3])) });
    await vi.waitFor(() => expect(replies.at(-1)).toMatchObject({ kind: 'reply', reply: { ok: false, error: { kind: 'invalid-message', detail: 'more bytes than the request announced' } } }));
    expect(run).not.toHaveBeenCalled();
  });
});

describe('base64 chunks', () => {
  it('matches the standard encoding for every length remainder and byte value', () => {
    for (const length of [0, 1, 2, 3, 256, 1000, 1001, 1002]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) % 256);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      const into = new Uint8Array(length + 5);
      expect(fromBase64Into(text, into, 5)).toBe(length);
      expect(Buffer.from(into.subarray(5)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('refuses text that is not base64, and bytes that would not fit', () => {
    expect(() => fromBase64Into('ab$d', new Uint8Array(3), 0)).toThrow(/unexpected character/);
    expect(() => fromBase64Into('abc', new Uint8Array(3), 0)).toThrow(/multiple of 4/);
    expect(fromBase64Into('AAAA', new Uint8Array(2), 0)).toBeNull();
  });
});
