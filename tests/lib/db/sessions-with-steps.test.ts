import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { sessionsWithSteps } from '@/lib/db/queries';
import { startSession } from '@/lib/session/lifecycle';
import type { Step } from '@/lib/schemas';
import { environment, freshDb, newSessionInput, testClock } from '../fixtures';

// The compare view's read: the sessions in the order the address names them, each with its
// steps in position order, and a gap where an id matches nothing (the view then offers a picker).

let db: AppDB;
beforeEach(() => void (db = freshDb()));
afterEach(async () => {
  await db.delete();
});

const step = (id: string, sessionId: string, position: number): Step => ({
  id, sessionId, position, stageId: null, capturedAt: position, sincePreviousMs: null, url: 'https://a.example/', pageTitle: 'A',
  note: '', scores: {}, severity: null, tags: [], emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: position,
});

it('reads each session with its steps, in the order asked, undefined for an unknown id', async () => {
  const clock = testClock();
  const a = await startSession(db, newSessionInput('A'), environment, clock);
  const b = await startSession(db, newSessionInput('B'), environment, clock);
  await db.steps.bulkAdd([step('b1', b.id, 1), step('a0', a.id, 0), step('b0', b.id, 0)]);
  const got = await sessionsWithSteps(db, [b.id, 'gone', a.id]);
  expect(got.map((x) => x && [x.session.title, x.steps.map((s) => s.id)])).toEqual([['B', ['b0', 'b1']], undefined, ['A', ['a0']]]);
});
