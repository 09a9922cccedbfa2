import { browser } from 'wxt/browser';
import { AppFailure, type AppError } from '../errors';
import { classifyScriptingError, restrictedContent, restrictedReason } from '../capture/restricted';
import { parseProbe } from '../capture/pipeline';
import { errorText } from '../errors';
import { dataUrlToBlob } from '../capture/encode';
import { gatherPageContext } from './page-context';
import { serialQueue } from '../serial';
import { measurePhase, timed } from '../capture/marks';

// The seam around browser APIs the capture needs. Unit tests replace these functions;
// WXT's fake browser has no captureVisibleTab or executeScript.

export { CAPTURE_FORMAT } from '../vocabulary';
import { CAPTURE_FORMAT } from '../vocabulary';

export async function getTab(tabId: number) {
  try {
    return await browser.tabs.get(tabId);
  } catch {
    throw new AppFailure({ kind: 'no-tab' });
  }
}

/**
 * Reads what the page says about itself; fails with a typed error where Chrome refuses to.
 * A capture also asks for the page context (timing, vitals, errors): those scripts run beside
 * this one, and a page that refuses them still gets its step, without context.
 */
export async function probePage(tabId: number, { context = true }: { context?: boolean } = {}) {
  const tab = await getTab(tabId);
  const early = restrictedReason(tab.url ?? tab.pendingUrl) ?? (await hiddenView(tab));
  if (early) throw new AppFailure(early);
  const gathered = context ? withTimeout(PROBE_TIMEOUT_MS, gatherPageContext(tabId)).catch(() => ({ metrics: null, errors: null })) : undefined;
  try {
    // A page stuck in a loop never answers; the shopper hears so rather than waiting for ever.
    const [result] = await withTimeout(PROBE_TIMEOUT_MS, browser.scripting.executeScript({
      target: { tabId },
      // Runs in the page: keep it tiny and self-contained.
      func: () => ({
        url: location.href,
        title: document.title,
        viewport: { width: window.innerWidth, height: window.innerHeight },
        devicePixelRatio: window.devicePixelRatio,
        contentType: document.contentType,
      }),
    }));
    const probe = parseProbe(result?.result, await gathered);
    const viewer = restrictedContent(probe.url, (result?.result as { contentType?: unknown } | undefined)?.contentType);
    if (viewer) throw new AppFailure(viewer);
    return probe;
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure(classifyScriptingError(errorText(e), tab.url));
  }
}

const PROBE_TIMEOUT_MS = 5000;

function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppFailure({ kind: 'capture-failed', detail: 'the page did not answer; it may be busy, try again in a moment' })), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * We may read every web page, so a tab whose URL the browser hides from us shows one of its own
 * views of a web page (view-source: does this; scripting it never answers, so ask first).
 */
async function hiddenView(tab: { id?: number; url?: string; pendingUrl?: string }): Promise<AppError | null> {
  if (tab.url !== undefined || tab.pendingUrl !== undefined || tab.id === undefined) return null;
  const frame = await browser.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null);
  if (!frame || !/^(https?|file):/.test(frame.url)) return null;
  return { kind: 'restricted-page', url: `view-source:${frame.url}`, reason: "it is a view-source page (or another of the browser's own views); open the page itself" };
}

// Chrome allows about two captureVisibleTab calls a second and fails the rest. Queuing calls
// one after another, spaced, and retrying once the quota frees up (the spacing is lost when
// the worker restarts), turns a burst of shortcut presses into steps.
const MIN_CAPTURE_INTERVAL_MS = 510;
let lastCaptureAt = 0;
const serially = serialQueue();

export function captureVisibleTab(windowId: number, asDataUrl?: (dataUrl: string) => void): Promise<Blob> {
  return serially(() => captureWithRetry(windowId, asDataUrl));
}

/**
 * captureVisibleTab for a capture whose pixels the page took itself (the panel, at the click;
 * RequestExtras.pixels): its data URL turned into bytes. When the page could not take them
 * (null), the background captures as it always does, and says why if it cannot either.
 */
export function pagePixels(given: () => Promise<string | null>): typeof captureVisibleTab {
  return async (windowId, asDataUrl) => {
    // Measured until the page's pixels arrive: bench/ reads where they landed.
    const dataUrl = await timed('pixels', given);
    if (dataUrl === null) return captureVisibleTab(windowId, asDataUrl);
    // The browser's quota counts the page's call too: the next capture here keeps its distance.
    lastCaptureAt = Date.now();
    const decoding = performance.now();
    const blob = dataUrlToBlob(dataUrl);
    measurePhase('decode', decoding);
    return blob;
  };
}

async function captureWithRetry(windowId: number, asDataUrl?: (dataUrl: string) => void): Promise<Blob> {
  for (let attempt = 0; ; attempt++) {
    const wait = lastCaptureAt + MIN_CAPTURE_INTERVAL_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastCaptureAt = Date.now();
    try {
      const dataUrl = await timed('capture', () => browser.tabs.captureVisibleTab(windowId, CAPTURE_FORMAT));
      // Before the bytes are made: the page that asked decodes its preview meanwhile.
      asDataUrl?.(dataUrl);
      const decoding = performance.now();
      const blob = dataUrlToBlob(dataUrl);
      measurePhase('decode', decoding);
      return blob;
    } catch (e) {
      const message = errorText(e);
      if (/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(message) && attempt < 4) continue;
      throw new AppFailure(classifyScriptingError(message, undefined));
    }
  }
}
