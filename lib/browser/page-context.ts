import { browser } from 'wxt/browser';

// Page context for a step: load timing and Web Vitals from the unlisted script
// entrypoints/page-context.ts, JavaScript errors from a listener put into the audited tab when
// each of its pages commits. No content script runs on every page: only the session's tab,
// only while auto-capture or a capture asks for it. Everything here comes back unvalidated;
// lib/step/page-context.ts checks and clips it.

const ERRORS_KEY = '__mysteryShopperErrors';
const KEEP_ERRORS = 50;

/**
 * Runs in the page's own world (errors thrown by its scripts are not dispatched to an
 * extension's isolated world). Keeps the latest errors in a ring buffer on the window.
 */
function installErrorWatcher(key: string, keep: number) {
  const w = window as unknown as Record<string, unknown>;
  if (w[key]) return;
  const seen: { message: string; source: string; at: number }[] = [];
  const push = (message: string, source: string) => {
    seen.push({ message: message.slice(0, 1000), source: source.slice(0, 2000), at: Date.now() });
    if (seen.length > keep) seen.shift();
  };
  Object.defineProperty(w, key, { value: seen, enumerable: false });
  // Bubbling phase only: failed images and scripts fire `error` on their element without
  // bubbling, and they are not JavaScript errors.
  addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) push(String(e.message || 'Script error'), e.filename ? `${e.filename}:${e.lineno}:${e.colno}` : '');
  });
  addEventListener('unhandledrejection', (e) => {
    const reason = (e as PromiseRejectionEvent).reason as { message?: unknown } | undefined;
    push(`Unhandled rejection: ${String(reason && typeof reason === 'object' && 'message' in reason ? reason.message : reason)}`, '');
  });
}

function readErrors(key: string) {
  const list = (window as unknown as Record<string, unknown>)[key];
  return Array.isArray(list) ? { watched: true, errors: list.slice(-50) } : { watched: false, errors: [] };
}

/** Starts listening for JavaScript errors in a page that just committed (best effort). */
export async function watchPageErrors(tabId: number, documentId?: string): Promise<void> {
  await browser.scripting.executeScript({
    target: documentId ? ({ tabId, documentIds: [documentId] } as { tabId: number }) : { tabId },
    world: 'MAIN',
    injectImmediately: true,
    func: installErrorWatcher,
    args: [ERRORS_KEY, KEEP_ERRORS],
  });
}

/** Timing, vitals and errors of the tab's page, as the page reports them; null parts failed. */
export async function gatherPageContext(tabId: number): Promise<{ metrics: unknown; errors: unknown }> {
  const [metrics, errors] = await Promise.allSettled([
    browser.scripting.executeScript({ target: { tabId }, files: ['/page-context.js'] }),
    browser.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: readErrors, args: [ERRORS_KEY] }),
  ]);
  return {
    metrics: metrics.status === 'fulfilled' ? metrics.value[0]?.result : null,
    errors: errors.status === 'fulfilled' ? errors.value[0]?.result : null,
  };
}
