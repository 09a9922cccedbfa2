import { browser, type Browser } from 'wxt/browser';
import { AppFailure } from '../errors';

type TabLike = Pick<Browser.tabs.Tab, 'id' | 'url'>;

/**
 * The tab a keyboard shortcut means: the one Chrome names, else the first candidate (the active
 * tab of the focused window, then of any normal window), skipping our own pages: a detached
 * panel window may hold the focus.
 */
export function chooseShortcutTab(named: TabLike | undefined, candidates: readonly TabLike[], ownOrigin: string): number {
  const ours = (t: TabLike) => !!t.url?.startsWith(ownOrigin);
  if (named?.id !== undefined && !ours(named)) return named.id;
  const candidate = candidates.find((t) => t.id !== undefined && !ours(t));
  if (candidate?.id === undefined) throw new AppFailure({ kind: 'no-tab' });
  return candidate.id;
}

export async function shortcutTab(named: Browser.tabs.Tab | undefined, ownOrigin: string): Promise<number> {
  // The queries only when Chrome named no usable tab.
  if (named?.id !== undefined && !named.url?.startsWith(ownOrigin)) return named.id;
  const focused = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const anywhere = await browser.tabs.query({ active: true, windowType: 'normal' });
  return chooseShortcutTab(undefined, [...focused, ...anywhere], ownOrigin);
}
