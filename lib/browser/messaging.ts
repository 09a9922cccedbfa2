import { browser } from 'wxt/browser';
import { errorText } from '../errors';
import { EventSchema, requestEnvelope, type AppEvent, type Reply, type RequestName, type RequestPayload } from '../messages';

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

/** Calls `listener` for each valid event the background broadcasts; returns an unsubscribe. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  const handler = (raw: unknown) => {
    const parsed = EventSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
