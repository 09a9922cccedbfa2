import { expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { captureTarget } from '@/lib/capture/target';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

const visible = async () => ({ active: true, windowId: 2 });

it('a shortcut (no session named) captures into the active session, and the tab becomes its audited tab', async () => {
  const session = await startSession(db, newSessionInput(), environment, clock);
  expect(await captureTarget(db, visible, 11)).toEqual({ sessionId: session.id, tabId: 11, windowId: 2 });
  await vi.waitFor(async () => expect((await db.sessions.get(session.id))?.tabId).toBe(11));
});

it('a named session is taken as named (the pipeline checks it), without a lookup', async () => {
  expect(await captureTarget(db, visible, 11, 'named')).toEqual({ sessionId: 'named', tabId: 11, windowId: 2 });
});

it('refuses without an active session, and refuses a tab that is not the visible one', async () => {
  await expect(captureTarget(db, visible, 11)).rejects.toMatchObject({ error: { kind: 'no-active-session' } });
  const session = await startSession(db, newSessionInput(), environment, clock);
  await expect(captureTarget(db, async () => ({ active: false, windowId: 2 }), 11)).rejects.toMatchObject({
    error: { kind: 'capture-failed', detail: 'the audited tab is not the visible one; switch to it and capture again' },
  });
  await setSessionStatus(db, session.id, 'paused', clock.now());
  await expect(captureTarget(db, visible, 11)).rejects.toMatchObject({ error: { kind: 'no-active-session' } });
});
