import { browser } from 'wxt/browser';
import type { LongRequestOptions, PortLike } from '../channel';
import { LONG_REQUEST_PORT, requestEnvelope } from '../envelope';
import { errorText } from '../errors';
import type { AppEvent, Reply, RequestName, RequestPayload } from '../messages';
import { CAPTURE_FORMAT } from '../vocabulary';

// lib/browser/ — glue to the browser's APIs (wxt/browser): messages to the background, tabs and page
// probes, scripts run in pages, auto-capture's listeners, files. Top layer with capture/: may import
// anything in lib/; never components/ or entrypoints/.
// Pages import the contract by type only: the background validates every request (lib/router.ts),
// so a page's first view loads no zod. The port channel and the event schema load on first use.

/** Sends a request to the background and resolves with its typed Result; never throws. */
export async function sendRequest<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Reply<N>> {
  try {
    const reply = (await browser.runtime.sendMessage(requestEnvelope(name, payload))) as Reply<N> | undefined;
    if (!reply) return { ok: false, error: { kind: 'internal', detail: 'the background did not answer' } };
    return reply;
  } catch (e) {
    return { ok: false, error: { kind: 'internal', detail: errorText(e) } };
  }
}

/**
 * Sends a long request (progress, cancel) or one with bytes over a runtime port (lib/channel.ts):
 * the same contract and validation as sendRequest, in Chrome and Firefox alike; a background
 * that stops meanwhile is reported at once.
 */
export async function sendLong<N extends RequestName>(name: N, payload: RequestPayload<N>, options: LongRequestOptions = {}): Promise<Reply<N>> {
  let channel: typeof import('../channel');
  try {
    channel = await import('../channel');
  } catch (e) {
    return { ok: false, error: { kind: 'internal', detail: errorText(e) } };
  }
  return channel.callOverPort(() => browser.runtime.connect({ name: channel.LONG_REQUEST_PORT }) as unknown as PortLike, name, payload, options);
}

/**
 * The visible tab of a window, taken by this page as the background would take it (extension
 * pages may): a JPEG data URL, or null when the browser refuses (its per-second quota, a page it
 * will not capture), in which case the background captures and says why in words.
 */
export async function captureVisiblePixels(windowId: number): Promise<string | null> {
  try {
    return await browser.tabs.captureVisibleTab(windowId, CAPTURE_FORMAT);
  } catch {
    return null;
  }
}

/** Loads the port channel ahead of a long request that must not wait for it (a capture from the panel). */
export function preloadLong(): void {
  import('../channel').catch(() => undefined);
}

/**
 * Calls `onStop` once when the background goes away (Chrome stopped its worker, the add-on was
 * reloaded): an open port's onDisconnect is the one signal a page gets. The port carries no request,
 * so the background only holds it. Returns a function that closes it without calling `onStop`.
 */
export function watchBackground(onStop: () => void): () => void {
  let live = true;
  let port: ReturnType<typeof browser.runtime.connect>;
  try {
    port = browser.runtime.connect({ name: LONG_REQUEST_PORT });
  } catch {
    onStop();
    return () => undefined;
  }
  port.onDisconnect.addListener(() => live && onStop());
  return () => {
    live = false;
    port.disconnect();
  };
}

/** Calls `listener` for each valid event the background broadcasts; returns an unsubscribe. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  // Still checked against the contract (content scripts message pages too), with the schema loaded
  // when the first event arrives; the import is one promise, so events keep their order.
  let contract: Promise<typeof import('../messages')> | null = null;
  let live = true;
  const handler = (raw: unknown) => {
    void (contract ??= import('../messages')).then(({ EventSchema }) => {
      const parsed = EventSchema.safeParse(raw);
      if (live && parsed.success) listener(parsed.data);
    });
  };
  browser.runtime.onMessage.addListener(handler);
  return () => {
    live = false;
    browser.runtime.onMessage.removeListener(handler);
  };
}
