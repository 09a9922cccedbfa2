import { expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { followSessions, refreshSummaries } from '@/lib/db/summaries';
import { commitCapture } from '@/lib/step/commit';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { updateStep } from '@/lib/step/update';
import { restoreTrash, trashSession, trashStep } from '@/lib/step/trash';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

const image = (bytes: number) => ({ blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), width: 4, height: 2 });
const capture = (sessionId: string, url: string) =>
  commitCapture(db, clock, {
    sessionId,
    probe: { url, title: 'Shop', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 },
    capturedAt: clock.now(),
    images: [{ kind: 'visible', full: image(300), thumb: image(20), devicePixelRatio: 1 }],
  }).then((c) => c.step);

it('follows every write that moves a session: capture, edit, step delete, restore, session delete', async () => {
  const session = await startSession(db, newSessionInput(), environment, clock);
  await refreshSummaries(db);
  expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 0, bas: null, bytes: 0 });

  clock.time += 1000;
  const first = await capture(session.id, 'https://shop.example.com/basket');
  clock.time += 1000;
  await capture(session.id, 'https://shop.example.com/checkout');
  expect(await refreshSummaries(db)).toBe(1);
  expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 2, bytes: 640, sessionUpdatedAt: clock.time });
  // Nothing changed, nothing rebuilt.
  expect(await refreshSummaries(db)).toBe(0);

  clock.time += 1000;
  await updateStep(db, first.id, { severity: 3, scores: { 'get-it-right': 5 }, note: 'Promo code box' }, clock.now());
  await refreshSummaries(db);
  const scored = await db.summaries.get(session.id);
  expect(scored).toMatchObject({ worstSeverity: 3, bas: 100, scoredSteps: 1 });
  expect((await db.searchTexts.get(session.id))!.text).toContain('promo code box');

  clock.time += 1000;
  const receipt = await trashStep(db, first.id, clock.now(), clock.newId);
  await refreshSummaries(db);
  expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 1, worstSeverity: null, bytes: 320 });
  clock.time += 1000;
  await restoreTrash(db, receipt.trashId, clock.now());
  await refreshSummaries(db);
  expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 2, worstSeverity: 3 });

  await setSessionStatus(db, session.id, 'paused', clock.now() + 1);
  const gone = await trashSession(db, session.id, clock.now() + 2, clock.newId);
  await refreshSummaries(db);
  expect(await db.summaries.count()).toBe(0);
  expect(await db.searchTexts.count()).toBe(0);
  await restoreTrash(db, gone.trashId, clock.now() + 3);
  await refreshSummaries(db);
  expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 2 });
});

it('rebuilds on its own after a write once following the sessions table, and refresh answers what changed', async () => {
  const follower = followSessions(db);
  const session = await startSession(db, newSessionInput(), environment, clock);
  await vi.waitFor(async () => expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 0 }), { timeout: 10_000 });
  clock.time += 1000;
  await capture(session.id, 'https://shop.example.com/basket');
  await vi.waitFor(async () => expect(await db.summaries.get(session.id)).toMatchObject({ stepCount: 1, sessionUpdatedAt: clock.time }), { timeout: 10_000 });
  // Queued behind any rebuild the write started, so nothing is left to do by then.
  expect(await follower.refresh()).toBe(0);
});
