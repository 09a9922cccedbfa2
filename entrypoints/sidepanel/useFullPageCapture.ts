import { useRef, useState } from 'preact/hooks';
import { sendLong } from '@/lib/browser/messaging';
import type { FullPageMethod } from '@/lib/capture/full-page-step';
import type { Reply } from '@/lib/messages';

/**
 * A full-page capture from the panel: it takes seconds, so it goes to the worker over a port
 * that carries progress back and a cancel forward; the panel stays usable meanwhile.
 */
export function useFullPageCapture(onDone: (reply: Reply<'step.captureFullPage'>, cancelled: boolean) => void) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function start(tabId: number, sessionId: string | undefined, method: FullPageMethod) {
    // One at a time: a second press while one runs would fight over the page's scroll position.
    if (abort.current) return;
    const controller = (abort.current = new AbortController());
    setProgress({ done: 0, total: method === 'dom' ? 1 : 0 });
    try {
      const reply = await sendLong('step.captureFullPage', { tabId, sessionId, method }, {
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      onDone(reply, controller.signal.aborted);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  return { progress, start, cancel: () => abort.current?.abort() };
}
