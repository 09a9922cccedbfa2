import { describe, expect, it } from 'vitest';
import { classifyScriptingError, restrictedReason } from '@/lib/capture/restricted';

describe('restrictedReason', () => {
  it.each([
    'chrome://extensions/',
    'chrome://newtab/',
    'chrome://settings/privacy',
    'edge://settings',
    'about:blank',
    'about:preferences',
    'view-source:https://shop.example.com/',
    'https://chromewebstore.google.com/detail/some-extension/abcdef',
    'https://chrome.google.com/webstore/detail/abcdef',
    'https://addons.mozilla.org/en-US/firefox/addon/x/',
    'chrome-extension://abcdefghijklmnop/sidepanel.html',
  ])('refuses %s as a restricted page with a reason', (url) => {
    const error = restrictedReason(url);
    expect(error?.kind).toBe('restricted-page');
    if (error?.kind !== 'restricted-page') return;
    expect(error.url).toBe(url);
    expect(error.reason.trim().length).toBeGreaterThan(0);
  });

  it('gives the new-tab page, view-source, an empty tab and a store distinct, specific reasons', () => {
    const reasons = ['chrome://newtab/', 'view-source:https://a.example/', 'about:blank', 'https://chromewebstore.google.com/'].map(
      (url) => (restrictedReason(url) as { reason: string }).reason,
    );
    expect(new Set(reasons).size).toBe(reasons.length);
    expect(reasons[0]).toMatch(/new-tab/);
    expect(reasons[1]).toMatch(/view-source/);
    expect(reasons[2]).toMatch(/empty/);
    expect(reasons[3]).toMatch(/store/);
  });

  it('names the browser page in its reason', () => {
    const error = restrictedReason('chrome://extensions/');
    expect(error?.kind === 'restricted-page' && error.reason).toContain('chrome://extensions');
  });

  it('treats a chrome-error:// page as not loaded', () => {
    expect(restrictedReason('chrome-error://chromewebdata/')).toEqual({ kind: 'page-not-loaded', url: 'chrome-error://chromewebdata/' });
  });

  it.each(['https://shop.example.com/cart?x=1', 'http://localhost:8080/', 'https://www.google.com/search?q=webstore', undefined, ''])(
    'lets %s through',
    (url) => {
      expect(restrictedReason(url)).toBeNull();
    },
  );
});

describe('classifyScriptingError', () => {
  it('maps an error page to page-not-loaded', () => {
    expect(classifyScriptingError('Frame with ID 0 is showing error page', 'https://down.example.com/')).toEqual({
      kind: 'page-not-loaded',
      url: 'https://down.example.com/',
    });
    expect(classifyScriptingError('Frame with ID 0 is showing error page', undefined).kind).toBe('page-not-loaded');
  });

  it('maps "Cannot access a chrome:// URL" to restricted-page naming the scheme', () => {
    const error = classifyScriptingError('Cannot access a chrome:// URL', undefined);
    expect(error.kind).toBe('restricted-page');
    expect(error.kind === 'restricted-page' && error.reason).toContain('chrome://');
  });

  it('prefers what the URL says when the browser gave one', () => {
    expect(classifyScriptingError('Cannot access contents of the page', 'chrome://newtab/')).toEqual(restrictedReason('chrome://newtab/'));
  });

  it('maps a closed tab to no-tab and local files to a hint about file access', () => {
    expect(classifyScriptingError('No tab with id: 42.', undefined)).toEqual({ kind: 'no-tab' });
    const file = classifyScriptingError('Cannot access contents of url "file:///tmp/a.html"', 'file:///tmp/a.html');
    expect(file.kind === 'restricted-page' && file.reason).toMatch(/file URLs/);
  });

  it('falls back to capture-failed with the original message', () => {
    expect(classifyScriptingError('Something odd happened', 'https://shop.example.com/')).toEqual({
      kind: 'capture-failed',
      detail: 'Something odd happened',
    });
  });
});

describe('restrictedContent', () => {
  it('refuses a PDF in the browser viewer, whatever its URL, and nothing else', async () => {
    const { restrictedContent } = await import('@/lib/capture/restricted');
    const pdf = restrictedContent('https://shop.example.com/terms', 'application/pdf');
    expect(pdf?.kind === 'restricted-page' && pdf.reason).toMatch(/PDF viewer/);
    for (const type of ['text/html', 'application/xhtml+xml', undefined, 42]) expect(restrictedContent('https://a.example/', type)).toBeNull();
  });
});
