import { useEffect, useRef, useState } from 'preact/hooks';
import { captureVisiblePixels, preloadLong, sendLong } from '@/lib/browser/messaging';
import { base64Bytes, dropPicture, expectPicture, quickPicture } from '@/components/data/pictures';
import type { AppError } from '@/lib/errors';
import type { CapturedStep, Reply } from '@/lib/messages';
import type { Screenshot, Step } from '@/lib/schemas';

interface Options {
  tabId: number | null;
  /** The tab's window, sent so the background need not look the tab up before capturing. */
  windowId: number | null;
  sessionId: string | undefined;
  /** A full-page capture or a pick is running. */
  blocked: boolean;
  run(action: () => Promise<Reply<'step.capture'>>): Promise<CapturedStep | undefined>;
  onNoTab(error: AppError): void;
  onStep(step: Step): void;
  /** The committed step with its screenshots, as the reply gives them, possibly before the live query lists it. */
  onFresh(step: Step, shots: Screenshot[]): void;
}

/** The panel's "Capture step": one at a time, whichever way it was asked for (button or key). */
export function useVisibleCapture({ tabId, windowId, sessionId, blocked, run, onNoTab, onStep, onFresh }: Options) {
  const [capturing, setCapturing] = useState(false);
  const capturingNow = useRef(false);
  // The capture goes over a port (its pixels come ahead of the reply): load that code before the first click.
  useEffect(preloadLong, []);

  async function capture() {
    if (tabId === null) return onNoTab({ kind: 'no-tab' });
    // One capture at a time from the panel: a double press must not make two steps, a
    // full-page capture owns the page's scroll position until it ends, and an open picker's
    // outline would be in the pixels.
    if (capturingNow.current || blocked) return;
    capturingNow.current = true;
    setCapturing(true);
    let previewed: string | undefined;
    // Nothing between the click and the browser's capture: this page takes the pixels itself and
    // starts decoding them at once, while the request goes ahead so the background checks the
    // session and the page meanwhile; it stores them, the only writer, and the card shows them
    // only after its reply. Without a window (or a session), the background captures.
    const started = performance.now();
    const pixels = windowId !== null && sessionId !== undefined ? captureVisiblePixels(windowId) : null;
    const decoding = pixels?.then((dataUrl) => {
      if (!dataUrl) return null;
      // Where the pixels reached the panel: bench/ times the "preview" phase to here.
      performance.measure('ms:capture', { start: started });
      performance.mark('ms:preview');
      return quickPicture(dataUrl);
    });
    try {
      const request = { tabId, sessionId, ...(windowId !== null ? { windowId } : {}), ...(pixels ? { pixels: 'page' as const } : {}) };
      const captured = await run(async () => {
        const reply = await sendLong('step.capture', request, {
          ...(pixels ? { pixels } : {}),
          // The pixels, before the commit: decoded while the background stores them.
          onPreview: (preview) => {
            // Where the pixels reached the panel: bench/ times the "preview" phase to here.
            performance.mark('ms:preview');
            previewed = preview.screenshotId;
            expectPicture(preview);
          },
        });
        capturingNow.current = false;
        // Where the reply reached the panel: bench/ times the "render" phase from here.
        performance.mark('ms:reply');
        // Stored: the step is drawn from the reply's records at once, beside the live query that lists it.
        const own = pixels && (await pixels);
        const shot = reply.ok ? reply.value.shots[0] : undefined;
        // The card shows this page's pixels only if they are the ones stored: the background
        // captures itself when they could not be used (the tab moved to another window).
        const stored = !!own && !!shot && !previewed && shot.bytes === base64Bytes(own);
        const picture = (await decoding) ?? undefined;
        if (stored) expectPicture({ screenshotId: shot.id, dataUrl: own }, picture);
        else if (picture?.url.startsWith('blob:')) URL.revokeObjectURL(picture.url);
        if (reply.ok) onFresh(reply.value.step, reply.value.shots);
        else if (previewed) dropPicture(previewed);
        return reply;
      });
      if (captured) onStep(captured.step);
    } finally {
      capturingNow.current = false;
      setCapturing(false);
    }
  }

  return { capturing, capture };
}
