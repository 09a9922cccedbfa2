import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { forgetAuditedTabs, rememberAuditedTab, setAutoCapture } from '@/lib/session/tabs';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

// Auto-capture's switch on a session: which tab it follows, and when it stops following.

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

describe('auto-capture on a session', () => {
  it('is off by default, and on from the start when asked, following the panel tab', async () => {
    const plain = await startSession(db, { ...newSessionInput(), tabId: 4 }, environment, clock);
    expect(plain).toMatchObject({ autoCapture: false, tabId: 4 });
    const auto = await startSession(db, { ...newSessionInput(), autoCapture: { tabId: 5 } }, environment, clock);
    expect(await db.sessions.get(auto.id)).toMatchObject({ autoCapture: true, tabId: 5 });
  });

  it('switches on and off, and only a recording session can switch on', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    expect(await setAutoCapture(db, s.id, { on: true, tabId: 9 }, 5)).toMatchObject({ autoCapture: true, tabId: 9 });
    expect(await setAutoCapture(db, s.id, { on: false }, 6)).toMatchObject({ autoCapture: false, tabId: 9 });
    await setSessionStatus(db, s.id, 'completed', 7);
    const refused = await setAutoCapture(db, s.id, { on: true, tabId: 9 }, 8).catch((e: unknown) => e);
    expect((refused as AppFailure).error).toEqual({ kind: 'session-not-active', status: 'completed' });
    expect((await db.sessions.get(s.id))?.autoCapture).toBe(false);
  });

  it('stops following the tab when the session is paused, or another one starts', async () => {
    const a = await startSession(db, { ...newSessionInput('A'), autoCapture: { tabId: 1 } }, environment, clock);
    await setSessionStatus(db, a.id, 'paused', 5);
    expect((await db.sessions.get(a.id))?.autoCapture).toBe(false);
    await setAutoCapture(db, a.id, { on: false }, 6);
    await setSessionStatus(db, a.id, 'active', 7);
    await setAutoCapture(db, a.id, { on: true, tabId: 1 }, 8);
    await startSession(db, newSessionInput('B'), environment, clock);
    expect(await db.sessions.get(a.id)).toMatchObject({ status: 'paused', autoCapture: false });
  });

  it('is off again after a resume, until the shopper names the tab again', async () => {
    const a = await startSession(db, { ...newSessionInput(), autoCapture: { tabId: 1 } }, environment, clock);
    await setSessionStatus(db, a.id, 'paused', 5);
    await setSessionStatus(db, a.id, 'active', 6);
    expect(await db.sessions.get(a.id)).toMatchObject({ autoCapture: false, tabId: null });
    await rememberAuditedTab(db, a.id, 3);
    expect(await db.sessions.get(a.id)).toMatchObject({ autoCapture: false, tabId: 3 });
  });

  it('forgets every tab at browser start, and remembers none for a session not recording', async () => {
    const a = await startSession(db, { ...newSessionInput(), autoCapture: { tabId: 1 } }, environment, clock);
    await forgetAuditedTabs(db);
    expect(await db.sessions.get(a.id)).toMatchObject({ autoCapture: false, tabId: null });
    await setSessionStatus(db, a.id, 'completed', 9);
    await rememberAuditedTab(db, a.id, 4);
    expect((await db.sessions.get(a.id))?.tabId).toBeNull();
  });

  it('refuses an unknown session', async () => {
    const e = await setAutoCapture(db, 'nope', { on: false }, 1).catch((x: unknown) => x);
    expect((e as AppFailure).error).toEqual({ kind: 'not-found', what: 'session' });
  });
});

describe('session.setAutoCapture request', () => {
  it('needs the tab to follow when switching on, and nothing else', async () => {
    const { parseRequest, requestEnvelope } = await import('@/lib/messages');
    expect(parseRequest(requestEnvelope('session.setAutoCapture', { sessionId: 's', on: true, tabId: 3 })).ok).toBe(true);
    expect(parseRequest(requestEnvelope('session.setAutoCapture', { sessionId: 's', on: false })).ok).toBe(true);
    expect(parseRequest({ channel: 'mystery-shopper', name: 'session.setAutoCapture', payload: { sessionId: 's', on: true } }).ok).toBe(false);
    expect(parseRequest({ channel: 'mystery-shopper', name: 'session.setAutoCapture', payload: { sessionId: 's', on: false, tabId: 3, x: 1 } }).ok).toBe(false);
  });
});
