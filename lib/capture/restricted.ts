import type { AppError } from '../errors';

// Chrome refuses to capture or script some pages. Naming the reason up front beats
// a raw "Cannot access contents of url" from the API.

const BROWSER_SCHEMES = ['chrome:', 'chrome-untrusted:', 'chrome-search:', 'edge:', 'brave:', 'opera:', 'vivaldi:', 'about:', 'devtools:', 'moz-extension:', 'chrome-extension:'];
const STORE_HOSTS = ['chromewebstore.google.com', 'microsoftedge.microsoft.com', 'addons.mozilla.org'];

/** Why a URL can never be captured, or null when it may be. */
export function restrictedReason(url: string | undefined): AppError | null {
  if (!url) return null;
  if (url.startsWith('chrome-error:')) return { kind: 'page-not-loaded', url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol;
  if (scheme === 'view-source:') return { kind: 'restricted-page', url, reason: 'it is a view-source page; open the page itself' };
  if (url.startsWith('chrome://newtab') || url.startsWith('chrome://new-tab-page') || url.startsWith('chrome-search://'))
    return { kind: 'restricted-page', url, reason: "it is the browser's new-tab page" };
  if (url === 'about:blank') return { kind: 'restricted-page', url, reason: 'the tab is empty' };
  if (scheme === 'chrome-extension:' || scheme === 'moz-extension:')
    return { kind: 'restricted-page', url, reason: 'it belongs to a browser extension' };
  if (BROWSER_SCHEMES.includes(scheme))
    return { kind: 'restricted-page', url, reason: `it is a browser page (${scheme}//${parsed.host}), which extensions may not read` };
  if (STORE_HOSTS.includes(parsed.hostname) || (parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore')))
    return { kind: 'restricted-page', url, reason: 'browser extension stores do not allow extensions to read them' };
  return null;
}

/**
 * Why a page whose document we could reach may still not be captured: a PDF is drawn by the
 * browser's viewer, whose content, title and context the page cannot tell us.
 */
export function restrictedContent(url: string, contentType: unknown): AppError | null {
  if (contentType === 'application/pdf')
    return { kind: 'restricted-page', url, reason: "it is a PDF shown in the browser's PDF viewer, which extensions may not read" };
  return null;
}

/**
 * Maps the error Chrome gives when it refuses to script a tab onto a typed error.
 * `url` is the tab's URL when the browser told us, which it does not for browser pages.
 */
export function classifyScriptingError(message: string, url: string | undefined): AppError {
  const known = restrictedReason(url);
  if (known) return known;
  if (/error page/i.test(message)) return { kind: 'page-not-loaded', url: url ?? '' };
  if (/No tab with id/i.test(message)) return { kind: 'no-tab' };
  const scheme = /Cannot access a ([a-z-]+:\/\/) URL/i.exec(message)?.[1];
  if (scheme) return { kind: 'restricted-page', url: url ?? scheme, reason: `it is a browser page (${scheme}…), which extensions may not read` };
  if (/gallery|webstore/i.test(message))
    return { kind: 'restricted-page', url: url ?? '', reason: 'browser extension stores do not allow extensions to read them' };
  if (/file:/i.test(message) || url?.startsWith('file:'))
    return { kind: 'restricted-page', url: url ?? '', reason: 'local files need "Allow access to file URLs" turned on for Mystery Shopper' };
  if (/Cannot access|cannot be scripted|permission/i.test(message))
    return { kind: 'restricted-page', url: url ?? '', reason: 'the browser does not allow extensions to read it' };
  return { kind: 'capture-failed', detail: message };
}
