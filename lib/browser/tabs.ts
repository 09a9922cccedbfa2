import { browser } from 'wxt/browser';
import { AppFailure } from '../errors';
import { classifyScriptingError, restrictedReason } from '../capture/restricted';
import { parseProbe } from '../capture/pipeline';
import { errorText } from '../errors';
import { dataUrlToBlob } from '../capture/encode';
import { gatherPageContext } from './page-context';

// The seam around browser APIs the capture needs. Unit tests replace these functions;
// WXT's fake browser has no captureVisibleTab or executeScript.

export const CAPTURE_FORMAT = { format: 'jpeg', quality: 85 } as const;

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
  const early = restrictedReason(tab.url ?? tab.pendingUrl);
  if (early) throw new AppFailure(early);
  const gathered = context ? gatherPageContext(tabId).catch(() => ({ metrics: null, errors: null })) : undefined;
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      // Runs in the page: keep it tiny and self-contained.
      func: () => ({
        url: location.href,
        title: document.title,
        viewport: { width: window.innerWidth, height: window.innerHeight },
        devicePixelRatio: window.devicePixelRatio,
      }),
    });
    return parseProbe(result?.result, await gathered);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure(classifyScriptingError(errorText(e), tab.url));
  }
}

// Chrome allows about two captureVisibleTab calls a second and fails the rest. Queuing calls
// one after another, spaced, and retrying once the quota frees up (the spacing is lost when
// the worker restarts), turns a burst of shortcut presses into steps.
const MIN_CAPTURE_INTERVAL_MS = 510;
let lastCaptureAt = 0;
let queue: Promise<unknown> = Promise.resolve();

export function captureVisibleTab(windowId: number): Promise<Blob> {
  const turn = queue.then(() => captureWithRetry(windowId));
  queue = turn.catch(() => undefined);
  return turn;
}

async function captureWithRetry(windowId: number): Promise<Blob> {
  for (let attempt = 0; ; attempt++) {
    const wait = lastCaptureAt + MIN_CAPTURE_INTERVAL_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastCaptureAt = Date.now();
    try {
      return dataUrlToBlob(await browser.tabs.captureVisibleTab(windowId, CAPTURE_FORMAT));
    } catch (e) {
      const message = errorText(e);
      if (/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(message) && attempt < 4) continue;
      throw new AppFailure(classifyScriptingError(message, undefined));
    }
  }
}
