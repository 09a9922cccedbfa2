import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendRequest } from '@/lib/browser/messaging';
import type { PageDescription } from '@/lib/messages';

/**
 * The tab the panel captures. In the side panel it is the active tab of the panel's window;
 * a panel opened as a page with `?tab=<id>` (a detached panel) stays bound to that tab.
 */
export function useTargetTab(boundTabId: number | null) {
  const [tabId, setTabId] = useState<number | null>(boundTabId);
  const [page, setPage] = useState<PageDescription | null>(null);
  // Sent with a capture, so the background need not look the tab up before capturing.
  const [tabWindowId, setTabWindowId] = useState<number | null>(null);

  useEffect(() => {
    let disposed = false;
    let generation = 0;
    let current: number | null = boundTabId;
    async function resolve() {
      const mine = ++generation;
      let id = boundTabId;
      let inWindow: number | null = null;
      if (id === null) {
        const win = await browser.windows.getCurrent();
        const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
        id = tab?.id ?? null;
        inWindow = tab?.windowId ?? null;
      } else {
        inWindow = (await browser.tabs.get(id).catch(() => undefined))?.windowId ?? null;
      }
      if (disposed || mine !== generation) return;
      current = id;
      setTabId(id);
      setTabWindowId(inWindow);
      if (id === null) return setPage(null);
      const reply = await sendRequest('page.describe', { tabId: id });
      if (disposed || mine !== generation) return;
      setPage(reply.ok ? reply.value : { url: '', title: '', viewport: null, devicePixelRatio: null, problem: reply.error });
    }
    // Only our tab's (or, unbound, our window's) events matter: re-probing on every title change
    // in every tab would run a script in pages the shopper is not auditing.
    let windowId: number | undefined;
    void browser.windows.getCurrent().then((w) => (windowId = w.id));
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (boundTabId === null && info.windowId === windowId) void resolve();
    };
    const onUpdated = (id: number, info: { status?: string; title?: string; url?: string }) => {
      if (id !== current) return;
      if (info.status === 'complete' || info.title !== undefined || info.url !== undefined) void resolve();
    };
    // A tab dragged to another window is captured there.
    const onAttached = (id: number) => {
      if (id === current) void resolve();
    };
    void resolve();
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onAttached.addListener(onAttached);
    return () => {
      disposed = true;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onAttached.removeListener(onAttached);
    };
  }, [boundTabId]);

  return { tabId, windowId: tabWindowId, page };
}
