import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import type { Session } from '../schemas';

// Which browser tab a session follows: auto-capture's switch and the audited tab it remembers.
// Background-only writes, like the rest of session/.

/**
 * Switches auto-capture on (following `tabId`) or off. Only a session still recording can
 * switch it on; switching off is always allowed, so a stale panel can stop it.
 */
export async function setAutoCapture(db: AppDB, sessionId: string, change: { on: true; tabId: number } | { on: false }, now: number): Promise<Session> {
  return db.transaction('rw', db.sessions, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
    if (change.on && session.status !== 'active') throw new AppFailure({ kind: 'session-not-active', status: session.status });
    const changes: Partial<Session> = change.on ? { autoCapture: true, tabId: change.tabId, updatedAt: now } : { autoCapture: false, updatedAt: now };
    await db.sessions.update(sessionId, changes);
    return { ...session, ...changes };
  });
}

/** The tab a capture of the session came from, so its next pages get the error listener. */
export async function rememberAuditedTab(db: AppDB, sessionId: string, tabId: number): Promise<void> {
  await db.sessions.where('id').equals(sessionId).and((s) => s.status === 'active' && s.tabId !== tabId).modify({ tabId });
}

/** Tab ids do not survive a browser restart: no session may follow a stranger's tab. */
export async function forgetAuditedTabs(db: AppDB): Promise<void> {
  await db.sessions.where('status').equals('active').modify({ autoCapture: false, tabId: null });
}
