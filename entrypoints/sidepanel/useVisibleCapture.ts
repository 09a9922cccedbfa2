import { useRef, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { readStepAhead } from '@/components/data/pictures';
import type { AppError } from '@/lib/errors';
import type { Reply } from '@/lib/messages';
import type { Screenshot, Step } from '@/lib/schemas';

interface Options {
  tabId: number | null;
  /** The tab's window, sent so the background need not look the tab up before capturing. */
  windowId: number | null;
  sessionId: string | undefined;
  /** A full-page capture or a pick is running. */
  blocked: boolean;
  run(action: () => Promise<Reply<'step.capture'>>): Promise<Step | undefined>;
  onNoTab(error: AppError): void;
  onStep(step: Step): void;
  /** The committed step with its screenshots and picture read, possibly before the live query lists it. */
  onFresh(step: Step, shots: Screenshot[]): void;
}

/** The panel's "Capture step": one at a time, whichever way it was asked for (button or key). */
export function useVisibleCapture({ tabId, windowId, sessionId, blocked, run, onNoTab, onStep, onFresh }: Options) {
  const [capturing, setCapturing] = useState(false);
  const capturingNow = useRef(false);

  async function capture() {
    if (tabId === null) return onNoTab({ kind: 'no-tab' });
    // One capture at a time from the panel: a double press must not make two steps, a
    // full-page capture owns the page's scroll position until it ends, and an open picker's
    // outline would be in the pixels.
    if (capturingNow.current || blocked) return;
    capturingNow.current = true;
    setCapturing(true);
    try {
      const request = { tabId, sessionId, ...(windowId !== null ? { windowId } : {}) };
      const step = await run(() =>
        sendRequest('step.capture', request)
          .then((reply) => {
            // The step is committed: read it and its picture now, beside the live query that lists it.
            if (reply.ok) void readStepAhead(reply.value.id).then((shots) => onFresh(reply.value, shots), () => undefined);
            return reply;
          })
          .finally(() => {
            capturingNow.current = false;
            // Where the reply reached the panel: bench/ times the "render" phase from here.
            performance.mark('ms:reply');
          }),
      );
      if (step) onStep(step);
    } finally {
      setCapturing(false);
    }
  }

  return { capturing, capture };
}
