import { useEffect, useRef, useState } from 'preact/hooks';
import { sendLong, sendRequest } from '@/lib/browser/messaging';
import { userMessage, type AppError } from '@/lib/errors';
import type { PickMode } from '@/lib/capture/pick';
import type { RequestPayload } from '@/lib/messages';
import type { Screenshot, Step } from '@/lib/schemas';
import { dropPicture, expectThumbnail } from '@/components/data/pictures';

type PickKey = RequestPayload<'step.pickKey'>['key'];
const PICK_KEYS = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape']);

/**
 * Element and region capture from the panel: one pick at a time; while it is open, arrows,
 * Enter and Esc pressed in the panel go to the picker (the page seldom has the focus), and a
 * panel that closes takes its picker with it.
 */
export function usePicker(options: {
  tabId: number | null;
  sessionId: string | undefined;
  onStep(stepId: string): void;
  /** The committed step with its screenshots, as the reply gives them, possibly before the live query lists it. */
  onFresh(step: Step, shots: Screenshot[]): void;
  onError(error: AppError): void;
}) {
  const [mode, setMode] = useState<PickMode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(options);
  latest.current = options;

  const sendKey = (key: PickKey, e?: KeyboardEvent) => {
    const { tabId } = latest.current;
    if (tabId !== null) void sendRequest('step.pickKey', { tabId, key, shift: e?.shiftKey ?? false, alt: e?.altKey ?? false });
  };

  useEffect(() => {
    if (!mode) return;
    function onKey(e: KeyboardEvent) {
      if (!PICK_KEYS.has(e.key)) return;
      const target = e.target as HTMLElement | null;
      // Enter on a button (Cancel picking) is that button's; text fields keep their arrows.
      if (target?.closest('button, input, textarea, select') && (e.key === 'Enter' || target.closest('input, textarea, select'))) return;
      e.preventDefault();
      e.stopPropagation();
      sendKey(e.key as PickKey, e);
    }
    // Capture phase on window: before the panel's own single-key shortcuts see the key.
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [mode]);

  async function pick(next: PickMode, intoStepId?: string) {
    const { tabId, sessionId } = latest.current;
    if (tabId === null) return latest.current.onError({ kind: 'no-tab' });
    if (!sessionId || mode) return;
    setMode(next);
    setNotice(null);
    // Listening from this moment, not from the next render's effect (which a busy or hidden panel
    // runs late): a panel closed right after the click must still take the picker away.
    const onHide = () => sendKey('Escape');
    addEventListener('pagehide', onHide);
    try {
      let previewed: string | undefined;
      // Over a port: the stored thumbnail comes ahead of the commit, decoded while it runs. A
      // close-up added to a step is not that step's picture, so only a new step's is kept.
      const reply = await sendLong('step.captureElement', { tabId, sessionId, mode: next, ...(intoStepId ? { intoStepId } : {}) }, {
        onPreview: (preview) => {
          if (intoStepId) return;
          previewed = preview.screenshotId;
          expectThumbnail(preview);
        },
      });
      // Where the reply reached the panel: bench/ times the "render" phase from here.
      performance.mark('ms:reply');
      if (!reply.ok) {
        if (previewed) dropPicture(previewed);
        if (reply.error.kind === 'capture-cancelled') setNotice(userMessage(reply.error));
        else latest.current.onError(reply.error);
        return;
      }
      // Stored: the new step is drawn from the reply's records at once, beside the live query.
      latest.current.onFresh(reply.value.step, reply.value.shots);
      if (reply.value.clipped) setNotice('The element was larger than the window; its visible part was captured.');
      latest.current.onStep(reply.value.step.id);
    } finally {
      removeEventListener('pagehide', onHide);
      setMode(null);
    }
  }

  return { mode, notice, pick, cancel: () => sendKey('Escape'), dismiss: () => setNotice(null) };
}
