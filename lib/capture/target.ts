import type { AppDB } from '../db';
import { activeSession } from '../db/queries';
import { AppFailure } from '../errors';
import { rememberAuditedTab } from '../session/tabs';
import type { CaptureTarget } from './pipeline';

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
  if (!tab.active) throw new AppFailure({ kind: 'capture-failed', detail: 'the audited tab is not the visible one; switch to it and capture again' });
  void rememberAuditedTab(db, id, tabId).catch(() => undefined);
  return { sessionId: id, tabId, windowId: tab.windowId };
}
