import { browser } from 'wxt/browser';
import { callOverPort, LONG_REQUEST_PORT, type LongRequestOptions, type PortLike } from '../channel';
import { errorText } from '../errors';
import { EventSchema, requestEnvelope, type AppEvent, type Reply, type RequestName, type RequestPayload } from '../messages';

// lib/browser/ — glue to the browser's APIs (wxt/browser): messages to the background, tabs and page
// probes, scripts run in pages, auto-capture's listeners, files. Top layer with capture/: may import
// anything in lib/; never components/ or entrypoints/.

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
export function sendLong<N extends RequestName>(name: N, payload: RequestPayload<N>, options: LongRequestOptions = {}): Promise<Reply<N>> {
  return callOverPort(() => browser.runtime.connect({ name: LONG_REQUEST_PORT }) as unknown as PortLike, name, payload, options);
}

/** Calls `listener` for each valid event the background broadcasts; returns an unsubscribe. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  const handler = (raw: unknown) => {
    const parsed = EventSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
