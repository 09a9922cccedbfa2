import { useRef, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import type { AppError } from '@/lib/errors';
import type { Reply } from '@/lib/messages';
import type { Step } from '@/lib/schemas';

interface Options {
  tabId: number | null;
  sessionId: string | undefined;
  /** A full-page capture or a pick is running. */
  blocked: boolean;
  run(action: () => Promise<Reply<'step.capture'>>): Promise<Step | undefined>;
  onNoTab(error: AppError): void;
  onStep(step: Step): void;
}

/** The panel's "Capture step": one at a time, whichever way it was asked for (button or key). */
export function useVisibleCapture({ tabId, sessionId, blocked, run, onNoTab, onStep }: Options) {
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
      const step = await run(() => sendRequest('step.capture', { tabId, sessionId })).finally(() => (capturingNow.current = false));
      if (step) onStep(step);
    } finally {
      setCapturing(false);
    }
  }

  return { capturing, capture };
}
