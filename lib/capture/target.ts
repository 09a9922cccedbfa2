import type { AppDB } from '../db';
import { activeSession } from '../db/queries';
import { AppFailure } from '../errors';
import { rememberAuditedTab } from '../session/tabs';
import type { CaptureTarget } from './pipeline';

/** Thrown by visibleIn when the tab has moved to another window since the page looked. */
export const MOVED = Symbol('the tab is in another window');

/** A tab can be captured only while it is the visible one of the window the capture names. */
export function visibleIn(tab: { active?: boolean; windowId?: number }, windowId: number): void {
  if (!tab.active) throw new AppFailure({ kind: 'capture-failed', detail: 'the audited tab is not the visible one; switch to it and capture again' });
  if (tab.windowId !== windowId) throw MOVED;
}

/**
 * Where a capture goes: the named session, else the active one (a shortcut names none), and the
 * tab's window. Refuses a tab that is not the visible one of its window: its pixels cannot be read.
 * Remembers the tab as the session's audited tab, off the reply's path (only the tab's next page
 * load needs it, for its error listener).
 */
export async function captureTarget(
  db: AppDB,
  getTab: (tabId: number) => Promise<{ active: boolean; windowId: number }>,
  tabId: number,
  sessionId?: string,
): Promise<CaptureTarget> {
  // A named session is checked by the pipeline itself; only the shortcut needs a lookup.
  const [id, tab] = await Promise.all([sessionId ?? activeSession(db).then((s) => s?.id), getTab(tabId)]);
  if (!id) throw new AppFailure({ kind: 'no-active-session' });
  visibleIn(tab, tab.windowId);
  void rememberAuditedTab(db, id, tabId).catch(() => undefined);
  return { sessionId: id, tabId, windowId: tab.windowId };
}
