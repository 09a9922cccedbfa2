import { browser } from 'wxt/browser';

// Page context for a step: load timing and Web Vitals from the unlisted script
// entrypoints/page-context.ts, JavaScript errors from a listener put into the audited tab when
// each of its pages commits. No content script runs on every page: only the session's tab,
// only while auto-capture or a capture asks for it. Everything here comes back unvalidated;
// lib/step/page-context.ts checks and clips it.

const ERRORS_KEY = '__mysteryShopperErrors';
const SINCE_KEY = '__mysteryShopperErrorsSince';
const KEEP_ERRORS = 50;

/**
 * Runs in the page's own world (errors thrown by its scripts are not dispatched to an
 * extension's isolated world). Keeps the latest errors in a ring buffer on the window.
 */
function installErrorWatcher(key: string, keep: number, sinceKey: string) {
  const w = window as unknown as Record<string, unknown>;
  if (w[key]) return;
  const seen: { message: string; source: string; at: number }[] = [];
  // Put in at commit the document is still loading and its scripts have not run; later, whatever
  // it threw before now went unseen.
  Object.defineProperty(w, sinceKey, { value: document.readyState === 'loading' ? null : Date.now(), enumerable: false });
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

function readErrors(key: string, sinceKey: string) {
  const w = window as unknown as Record<string, unknown>;
  const list = w[key];
  return Array.isArray(list) ? { watched: true, errors: list.slice(-50), since: w[sinceKey] ?? null } : { watched: false, errors: [] };
}

/**
 * Starts listening for JavaScript errors in the tab's page (best effort): at commit, from its
 * start; on a page already loaded (a session started on it, auto-capture armed, a capture that
 * found no listener), from now on, and its steps say so.
 */
export async function watchPageErrors(tabId: number, documentId?: string): Promise<void> {
  await browser.scripting.executeScript({
    target: documentId ? ({ tabId, documentIds: [documentId] } as { tabId: number }) : { tabId },
    world: 'MAIN',
    injectImmediately: true,
    func: installErrorWatcher,
    args: [ERRORS_KEY, KEEP_ERRORS, SINCE_KEY],
  });
}

/** Timing, vitals and errors of the tab's page, as the page reports them; null parts failed. */
export async function gatherPageContext(tabId: number): Promise<{ metrics: unknown; errors: unknown }> {
  const [metrics, errors] = await Promise.allSettled([
    browser.scripting.executeScript({ target: { tabId }, files: ['/page-context.js'] }),
    browser.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: readErrors, args: [ERRORS_KEY, SINCE_KEY] }),
  ]);
  // A page nobody was listening to (the worker missed its commit, or it was open before the
  // session): listen from now on, so that the next step of it can say something.
  const read = errors.status === 'fulfilled' ? (errors.value[0]?.result as { watched?: unknown } | undefined) : undefined;
  if (read?.watched === false) void watchPageErrors(tabId).catch(() => undefined);
  return {
    metrics: metrics.status === 'fulfilled' ? metrics.value[0]?.result : null,
    errors: errors.status === 'fulfilled' ? errors.value[0]?.result : null,
  };
}
