import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { stepsOfSession } from '@/lib/db/queries';
import { AppFailure } from '@/lib/errors';
import { effortFigures } from '@/lib/scoring/breakdown';
import type { Session, Step } from '@/lib/schemas';
import { runAgain, setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { addTextStep, reorderSteps } from '@/lib/step/edits';
import { restoreTrash, trashStep } from '@/lib/step/trash';
import { environment, newSessionInput, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

async function sessionWithSteps(count: number): Promise<{ session: Session; steps: Step[] }> {
  const session = await startSession(db, { ...newSessionInput(), persona: 'Busy parent', scenario: 'Return a jacket', tags: ['returns'] }, environment, clock);
  const steps: Step[] = [];
  for (let position = 0; position < count; position++) {
    const step: Step = {
      id: `s${position}`, sessionId: session.id, position, stageId: session.stages[0]!.id, capturedAt: 10_000 + position * 1000,
      sincePreviousMs: position ? 1000 : null, url: `https://shop.example.com/${position}`, pageTitle: `Page ${position}`, note: '',
      scores: {}, severity: null, tags: [], emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: 0,
    };
    await db.steps.add(step);
    steps.push(step);
  }
  return { session, steps };
}

const order = async (sessionId: string) => (await stepsOfSession(db, sessionId)).map((s) => `${s.position}:${s.id}`);

async function failure(promise: Promise<unknown>) {
  const e = await promise.then(() => null, (e: unknown) => e);
  return e instanceof AppFailure ? e.error : e;
}

describe('reorderSteps', () => {
  it('renumbers positions to the new order and bumps the session, so the library and panel see the change', async () => {
    const { session } = await sessionWithSteps(4);
    clock.time = 5_000_000;
    await reorderSteps(db, session.id, ['s2', 's0', 's1', 's3'], clock.now());
    expect(await order(session.id)).toEqual(['0:s2', '1:s0', '2:s1', '3:s3']);
    expect((await db.sessions.get(session.id))!.updatedAt).toBe(5_000_000);
    // An untouched step keeps its record as it was.
    expect((await db.steps.get('s3'))!.updatedAt).toBe(0);
  });

  it('refuses an order that is not a permutation of the session (a stale page) and changes nothing', async () => {
    const { session } = await sessionWithSteps(3);
    const before = await snapshotDb(db);
    expect(await failure(reorderSteps(db, session.id, ['s0', 's1'], 1))).toMatchObject({ kind: 'invalid-message', detail: expect.stringMatching(/missing/) });
    expect(await failure(reorderSteps(db, session.id, ['s0', 's1', 's1'], 1))).toMatchObject({ kind: 'invalid-message' });
    expect(await failure(reorderSteps(db, 'nope', ['s0'], 1))).toMatchObject({ kind: 'not-found' });
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('refuses a completed session until it is reopened', async () => {
    const { session } = await sessionWithSteps(2);
    await setSessionStatus(db, session.id, 'completed', 2);
    expect(await failure(reorderSteps(db, session.id, ['s1', 's0'], 3))).toMatchObject({ kind: 'session-not-active' });
    await setSessionStatus(db, session.id, 'paused', 4);
    await reorderSteps(db, session.id, ['s1', 's0'], 5);
    expect(await order(session.id)).toEqual(['0:s1', '1:s0']);
  });

  it('lets an undone delete drop back into its index after a reorder took its position', async () => {
    const { session } = await sessionWithSteps(4);
    const receipt = await trashStep(db, 's1', 100, clock.newId);
    await reorderSteps(db, session.id, ['s3', 's0', 's2'], 101);
    await restoreTrash(db, receipt.trashId, 102);
    expect(await order(session.id)).toEqual(['0:s3', '1:s1', '2:s0', '3:s2']);
  });
});

describe('addTextStep', () => {
  it('inserts a screenshot-less step after the chosen one, in the chosen stage, with the time of the step before', async () => {
    const { session } = await sessionWithSteps(3);
    clock.time = 9_000_000;
    const stage = session.stages[2]!.id;
    const step = await addTextStep(db, { sessionId: session.id, stageId: stage, afterStepId: 's0', title: 'Phone call', note: 'Support kept me waiting 20 min' }, clock);
    expect(await order(session.id)).toEqual(['0:s0', `1:${step.id}`, '2:s1', '3:s2']);
    expect(step).toMatchObject({ stageId: stage, url: '', pageTitle: 'Phone call', note: 'Support kept me waiting 20 min', capturedAt: 10_000, sincePreviousMs: 0, context: null });
    expect(await db.screenshots.where('stepId').equals(step.id).count()).toBe(0);
    expect((await db.sessions.get(session.id))!.updatedAt).toBe(9_000_000);
    // Not a page view, and it does not stretch the time on task.
    const effort = effortFigures(await stepsOfSession(db, session.id));
    expect(effort).toMatchObject({ steps: 4, pageLoads: 3, timeOnTaskMs: 2000 });
  });

  it('goes first without a preceding step, and names itself when no title is given', async () => {
    const { session } = await sessionWithSteps(1);
    const step = await addTextStep(db, { sessionId: session.id, stageId: null, title: ' ', note: '' }, clock);
    expect(await order(session.id)).toEqual([`0:${step.id}`, '1:s0']);
    expect(step).toMatchObject({ pageTitle: 'Observed off-screen', sincePreviousMs: null, capturedAt: 10_000 });
  });

  it('refuses an unknown stage or step and a completed session, changing nothing', async () => {
    const { session } = await sessionWithSteps(2);
    const before = await snapshotDb(db);
    expect(await failure(addTextStep(db, { sessionId: session.id, stageId: 'nope', title: '', note: 'x' }, clock))).toMatchObject({ kind: 'invalid-message' });
    expect(await failure(addTextStep(db, { sessionId: session.id, stageId: null, afterStepId: 'gone', title: '', note: 'x' }, clock))).toMatchObject({ kind: 'not-found' });
    await setSessionStatus(db, session.id, 'completed', 2);
    const completed = await snapshotDb(db);
    expect(await failure(addTextStep(db, { sessionId: session.id, stageId: null, title: '', note: 'x' }, clock))).toMatchObject({ kind: 'session-not-active' });
    expect(await snapshotDb(db)).toEqual(completed);
    expect(before.steps).toEqual(completed.steps);
  });
});

describe('runAgain', () => {
  it('starts a new active session on the same journey and rubric snapshot, for a competitor', async () => {
    const { session } = await sessionWithSteps(2);
    // The snapshot, not the template: an edit to this session's copy must carry over.
    await db.sessions.update(session.id, { rubric: { ...session.rubric, name: 'Edited copy' }, verdict: 'Meh', ces: 3 });
    await setSessionStatus(db, session.id, 'completed', 50);
    const other = await startSession(db, newSessionInput('Another'), environment, clock);
    clock.time = 7_000_000;
    const again = await runAgain(db, session.id, { title: 'Rival audit', brand: 'Rival', startUrl: 'https://rival.example/' }, { ...environment, browser: 'Test 2' }, clock);
    expect(again).toMatchObject({
      title: 'Rival audit', brand: 'Rival', startUrl: 'https://rival.example/', promise: session.promise, persona: 'Busy parent',
      scenario: 'Return a jacket', tags: ['returns'], stages: session.stages, status: 'active', verdict: '', ces: null, seq: {},
      createdAt: 7_000_000, completedAt: null, environment: { browser: 'Test 2' },
    });
    expect(again.rubric.name).toBe('Edited copy');
    expect(again.id).not.toBe(session.id);
    expect(await db.steps.where('[sessionId+position]').between([again.id, 0], [again.id, Infinity]).count()).toBe(0);
    expect((await db.sessions.get(other.id))!.status).toBe('paused');
    expect((await db.sessions.get(session.id))!.status).toBe('completed');
  });

  it('refuses a session that does not exist', async () => {
    expect(await failure(runAgain(db, 'nope', { title: 'x', brand: '', startUrl: '' }, environment, clock))).toMatchObject({ kind: 'not-found' });
  });
});
