import { browser } from 'wxt/browser';

// Opening the extension's own pages. Both calls must run inside a click handler: Chrome opens a
// side panel, and Firefox a sidebar, only in answer to a user gesture.

/** The side panel (Chrome) or sidebar (Firefox) in the given window, else the current one. */
export async function openSidePanel(windowId?: number): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel?.open) {
    // The window is looked up only when not given: an await before open() may lose the gesture.
    const id = windowId ?? (await browser.windows.getCurrent()).id!;
    return api.sidePanel.open({ windowId: id });
  }
  return api.sidebarAction?.open();
}

/** The dashboard in a tab of its own, at an optional route such as `#/session/<id>`. */
export async function openDashboard(hash = '#/'): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html${hash}` as '/dashboard.html') });
}
