import { browser } from 'wxt/browser';
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

const WORKER_SILENCE_MS = 60_000;

/**
 * Sends a request whose payload is binary straight to the service worker with postMessage,
 * transferring the bytes (runtime.sendMessage would serialise them as JSON). Same contract,
 * same validation and the same typed Result as sendRequest.
 */
export async function sendToWorker<N extends RequestName>(
  name: N,
  payload: RequestPayload<N>,
  transfer: Transferable[] = [],
  options: { onProgress?(done: number, total: number): void; signal?: AbortSignal } = {},
): Promise<Reply<N>> {
  try {
    // Firefox's MV2 background is a page, not a worker; its runtime messages keep a Uint8Array
    // intact (structured clone), so the ordinary path carries the bytes there.
    const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    const worker = registration?.active;
    if (!worker) return sendRequest(name, payload);
    const channel = new MessageChannel();
    const reply = new Promise<Reply<N>>((resolve) => {
      // Progress doubles as a heartbeat: a worker Chrome stopped mid-request never answers.
      let silence: ReturnType<typeof setTimeout>;
      const watch = () => {
        clearTimeout(silence);
        silence = setTimeout(() => resolve({ ok: false, error: { kind: 'internal', detail: 'the background stopped answering, so nothing was saved; try again' } }), WORKER_SILENCE_MS);
      };
      watch();
      channel.port1.onmessage = (e) => {
        const data = e.data as { kind: 'progress'; done: number; total: number } | { kind: 'reply'; reply: Reply<N> };
        if (data.kind === 'progress') {
          watch();
          options.onProgress?.(data.done, data.total);
        } else {
          clearTimeout(silence);
          resolve(data.reply);
        }
      };
    });
    options.signal?.addEventListener('abort', () => channel.port1.postMessage({ kind: 'cancel' }), { once: true });
    worker.postMessage(requestEnvelope(name, payload), [channel.port2, ...transfer]);
    return await reply;
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
