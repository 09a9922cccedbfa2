import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { DEFAULT_STAGE_NAMES, FIVE_PRINCIPLES } from '@/lib/rubric/builtin';
import { imageKey, type Step } from '@/lib/schemas';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { updateStep } from '@/lib/step/update';
import { trashSession, trashStep } from '@/lib/step/trash';
import { countAll, environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

async function addStep(sessionId: string, overrides: Partial<Step> = {}): Promise<Step> {
  const step: Step = {
    id: clock.newId(),
    sessionId,
    position: 0,
    stageId: null,
    capturedAt: clock.now(),
    sincePreviousMs: null,
    url: 'https://shop.example.com/',
    pageTitle: 'Shop',
    note: '',
    scores: {},
    severity: null,
    tags: [],
    emotion: null,
    momentOfTruth: false,
    viewport: null,
    devicePixelRatio: null,
    context: null,
    updatedAt: clock.now(),
    ...overrides,
  };
  await db.steps.add(step);
  return step;
}

async function expectFailure(promise: Promise<unknown>, kind: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).error.kind).toBe(kind);
}

describe('startSession', () => {
  it('stores an active session with a snapshot of the chosen rubric', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const stored = await db.sessions.get(session.id);
    expect(stored?.status).toBe('active');
    expect(stored?.title).toBe('Checkout audit');
    expect(stored?.rubric).toEqual(FIVE_PRINCIPLES);
    expect(stored?.stages.length).toBeGreaterThan(0);
  });

  it('does not share the rubric with the template: later template edits do not reach the session', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const originalName = FIVE_PRINCIPLES.pillars[0]!.name;
    const originalWeight = FIVE_PRINCIPLES.pillars[0]!.weight;
    try {
      expect(session.rubric).not.toBe(FIVE_PRINCIPLES);
      expect(session.rubric.pillars).not.toBe(FIVE_PRINCIPLES.pillars);
      FIVE_PRINCIPLES.pillars[0]!.name = 'Renamed';
      FIVE_PRINCIPLES.pillars[0]!.weight = 9;
      const stored = await db.sessions.get(session.id);
      expect(stored?.rubric.pillars[0]).toMatchObject({ name: originalName, weight: originalWeight });
      expect(session.rubric.pillars[0]).toMatchObject({ name: originalName, weight: originalWeight });
    } finally {
      FIVE_PRINCIPLES.pillars[0]!.name = originalName;
      FIVE_PRINCIPLES.pillars[0]!.weight = originalWeight;
    }
  });

  it('pauses any other active session', async () => {
    const first = await startSession(db, newSessionInput('First'), environment, clock);
    clock.time += 5000;
    const second = await startSession(db, newSessionInput('Second'), environment, clock);
    const firstNow = await db.sessions.get(first.id);
    expect(firstNow?.status).toBe('paused');
    expect(firstNow?.updatedAt).toBe(clock.time);
    expect((await db.sessions.get(second.id))?.status).toBe('active');
    expect(await db.sessions.where('status').equals('active').count()).toBe(1);
  });

  it('stores custom stage names in order, each with its own id, and tags without duplicates', async () => {
    const names = ['Search', 'Compare', 'Pay'];
    const session = await startSession(
      db,
      { ...newSessionInput(), persona: 'Busy parent', scenario: 'Buy a pram', stages: names, tags: ['mobile', 'uk', 'mobile'] },
      environment,
      clock,
    );
    const stored = await db.sessions.get(session.id);
    expect(stored?.stages.map((st) => st.name)).toEqual(names);
    const ids = stored!.stages.map((st) => st.id);
    expect(new Set(ids).size).toBe(names.length);
    expect(ids).not.toContain(session.id);
    expect(stored?.tags).toEqual(['mobile', 'uk']);
    expect(stored).toMatchObject({ persona: 'Busy parent', scenario: 'Buy a pram' });
  });

  it('uses the default stages when none or an empty list is given', async () => {
    const omitted = await startSession(db, newSessionInput(), environment, clock);
    const empty = await startSession(db, { ...newSessionInput(), stages: [] }, environment, clock);
    for (const s of [omitted, empty]) {
      expect((await db.sessions.get(s.id))?.stages.map((st) => st.name)).toEqual([...DEFAULT_STAGE_NAMES]);
    }
    expect(omitted).toMatchObject({ persona: '', scenario: '', tags: [] });
  });

  it('refuses an unknown rubric and stores nothing', async () => {
    await expectFailure(startSession(db, { ...newSessionInput(), rubricId: 'nope' }, environment, clock), 'not-found');
    expect(await db.sessions.count()).toBe(0);
  });
});

describe('setSessionStatus', () => {
  it('pauses, completes and resumes, recording when it was completed', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    expect((await setSessionStatus(db, s.id, 'paused', 2_000_000)).status).toBe('paused');
    const done = await setSessionStatus(db, s.id, 'completed', 3_000_000);
    expect(done).toMatchObject({ status: 'completed', completedAt: 3_000_000, updatedAt: 3_000_000 });
    expect(await db.sessions.get(s.id)).toMatchObject({ status: 'completed', completedAt: 3_000_000 });
    await setSessionStatus(db, s.id, 'active', 4_000_000);
    expect(await db.sessions.get(s.id)).toMatchObject({ status: 'active', completedAt: null, updatedAt: 4_000_000 });
  });

  it('resuming one session pauses the one that was active', async () => {
    const a = await startSession(db, newSessionInput('A'), environment, clock);
    const b = await startSession(db, newSessionInput('B'), environment, clock);
    await setSessionStatus(db, a.id, 'active', 2_000_000);
    expect((await db.sessions.get(a.id))?.status).toBe('active');
    expect((await db.sessions.get(b.id))?.status).toBe('paused');
  });

  it('fails with not-found for a missing session', async () => {
    await expectFailure(setSessionStatus(db, 'missing', 'paused', 1), 'not-found');
  });
});

describe('updateStep', () => {
  it('merges scores pillar by pillar and null clears one', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const step = await addStep(s.id, { scores: { 'get-it-right': 4, communicate: 2 } });
    const updated = await updateStep(db, step.id, { scores: { communicate: 5, 'no-near-misses': 'na', 'get-it-right': null } }, 2_000_000);
    const expected = { communicate: 5, 'no-near-misses': 'na' };
    expect(updated.scores).toEqual(expected);
    expect((await db.steps.get(step.id))?.scores).toEqual(expected);
    expect((await db.sessions.get(s.id))?.updatedAt).toBe(2_000_000);
  });

  it('updates the note and severity without touching scores', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const step = await addStep(s.id, { scores: { communicate: 3 } });
    await updateStep(db, step.id, { note: 'Delivery cost hidden', severity: 3 }, 2_000_000);
    expect(await db.steps.get(step.id)).toMatchObject({ note: 'Delivery cost hidden', severity: 3, scores: { communicate: 3 }, updatedAt: 2_000_000 });
  });

  it('rejects an unknown pillar or an off-scale score and changes nothing', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const step = await addStep(s.id, { scores: { communicate: 3 } });
    const { min, max } = s.rubric.scale;
    const bad: Record<string, number>[] = [{ ghost: 3 }, { communicate: max + 1 }, { communicate: min - 1 }];
    for (const scores of bad) {
      await expectFailure(updateStep(db, step.id, { note: 'should not be saved', scores }, 2_000_000), 'invalid-message');
    }
    expect(await db.steps.get(step.id)).toEqual(step);
    expect((await db.sessions.get(s.id))?.updatedAt).toBe(s.updatedAt);
  });

  it('fails with not-found for a missing step', async () => {
    await expectFailure(updateStep(db, 'missing', { note: 'x' }, 1), 'not-found');
  });

  it('moves a step to another stage of its session', async () => {
    const s = await startSession(db, { ...newSessionInput(), stages: ['One', 'Two'] }, environment, clock);
    const step = await addStep(s.id, { stageId: s.stages[0]!.id });
    const target = s.stages[1]!.id;
    const updated = await updateStep(db, step.id, { stageId: target }, 2_000_000);
    expect(updated.stageId).toBe(target);
    expect((await db.steps.get(step.id))?.stageId).toBe(target);
  });

  it('refuses a stage that is not in the session and changes nothing', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const other = await startSession(db, { ...newSessionInput('Other'), stages: ['Elsewhere'] }, environment, clock);
    const resumed = await setSessionStatus(db, s.id, 'active', clock.now());
    const step = await addStep(s.id, { stageId: s.stages[0]!.id });
    for (const stageId of [other.stages[0]!.id, 'no-such-stage']) {
      await expectFailure(updateStep(db, step.id, { note: 'should not be saved', stageId }, 2_000_000), 'invalid-message');
    }
    expect(await db.steps.get(step.id)).toEqual(step);
    expect((await db.sessions.get(s.id))?.updatedAt).toBe(resumed.updatedAt);
  });

  it('sets emotion, moment of truth and tags, deduplicating tags, and null clears emotion', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const step = await addStep(s.id);
    await updateStep(db, step.id, { emotion: -2, momentOfTruth: true, tags: ['slow', 'confusing', 'slow'] }, 2_000_000);
    expect(await db.steps.get(step.id)).toMatchObject({ emotion: -2, momentOfTruth: true, tags: ['slow', 'confusing'], updatedAt: 2_000_000 });
    await updateStep(db, step.id, { emotion: null, momentOfTruth: false, tags: [] }, 3_000_000);
    expect(await db.steps.get(step.id)).toMatchObject({ emotion: null, momentOfTruth: false, tags: [] });
  });

  it('refuses to edit a step of a completed session and changes nothing', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const step = await addStep(s.id, { note: 'as reported', scores: { communicate: 3 } });
    const completed = await setSessionStatus(db, s.id, 'completed', 2_000_000);
    await expectFailure(updateStep(db, step.id, { note: 'changed later', scores: { communicate: 5 }, emotion: 2 }, 3_000_000), 'session-not-active');
    expect(await db.steps.get(step.id)).toEqual(step);
    expect((await db.sessions.get(s.id))?.updatedAt).toBe(completed.updatedAt);
  });
});

describe('trashStep (delete a step)', () => {
  it('removes the step, its screenshots and their images, and nothing else', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const doomed = await addStep(s.id, { position: 0 });
    const kept = await addStep(s.id, { position: 1 });
    const shot = (id: string, stepId: string) => ({
      id, stepId, sessionId: s.id, kind: 'visible' as const, mimeType: 'image/jpeg' as const, width: 10, height: 10,
      devicePixelRatio: 1, bytes: 3, thumbWidth: 5, thumbHeight: 5, thumbBytes: 1, annotations: [], part: null, createdAt: 1,
    });
    await db.screenshots.bulkAdd([shot('shot-a', doomed.id), shot('shot-b', doomed.id), shot('shot-c', kept.id)]);
    for (const shotId of ['shot-a', 'shot-b', 'shot-c'])
      for (const variant of ['full', 'thumb'] as const)
        await db.images.add({ id: imageKey(shotId, variant), screenshotId: shotId, variant, blob: new Blob(['px']) });

    await trashStep(db, doomed.id, 2_000_000, clock.newId);

    expect(await db.steps.get(doomed.id)).toBeUndefined();
    expect((await db.steps.toArray()).map((x) => x.id)).toEqual([kept.id]);
    expect((await db.screenshots.toArray()).map((x) => x.id)).toEqual(['shot-c']);
    expect((await db.images.toArray()).map((x) => x.id).sort()).toEqual([imageKey('shot-c', 'full'), imageKey('shot-c', 'thumb')]);
    expect((await db.steps.get(kept.id))?.position).toBe(1);
    expect((await db.sessions.get(s.id))?.updatedAt).toBe(2_000_000);
  });

  it('fails with not-found for a missing step', async () => {
    await expectFailure(trashStep(db, 'missing', 1, clock.newId), 'not-found');
  });

  it('refuses to delete a step of a completed session and deletes nothing', async () => {
    const s = await startSession(db, newSessionInput(), environment, clock);
    const step = await addStep(s.id);
    await db.screenshots.add({
      id: 'shot-a', stepId: step.id, sessionId: s.id, kind: 'visible', mimeType: 'image/jpeg', width: 10, height: 10,
      devicePixelRatio: 1, bytes: 3, thumbWidth: 5, thumbHeight: 5, thumbBytes: 1, annotations: [], part: null, createdAt: 1,
    });
    await db.images.add({ id: imageKey('shot-a', 'full'), screenshotId: 'shot-a', variant: 'full', blob: new Blob(['px']) });
    const completed = await setSessionStatus(db, s.id, 'completed', 2_000_000);
    const before = await countAll(db);
    await expectFailure(trashStep(db, step.id, 3_000_000, clock.newId), 'session-not-active');
    expect(await db.steps.get(step.id)).toEqual(step);
    expect(await countAll(db)).toEqual(before);
    expect((await db.sessions.get(s.id))?.updatedAt).toBe(completed.updatedAt);
  });
});

describe('trashSession (delete a session)', () => {
  it('removes the session with all its steps, screenshots and images, and leaves other sessions whole', async () => {
    const doomed = await startSession(db, newSessionInput(), environment, clock);
    const kept = await startSession(db, newSessionInput('Other audit'), environment, clock);
    const steps = [await addStep(doomed.id, { position: 0 }), await addStep(doomed.id, { position: 1 }), await addStep(kept.id, { position: 0 })];
    for (const [i, st] of steps.entries()) {
      const shotId = `shot-${i}`;
      await db.screenshots.add({
        id: shotId, stepId: st.id, sessionId: st.sessionId, kind: 'visible', mimeType: 'image/jpeg', width: 10, height: 10,
        devicePixelRatio: 1, bytes: 3, thumbWidth: 5, thumbHeight: 5, thumbBytes: 1, annotations: [], part: null, createdAt: 1,
      });
      await db.images.add({ id: imageKey(shotId, 'full'), screenshotId: shotId, variant: 'full', blob: new Blob(['px']) });
    }

    await trashSession(db, doomed.id, clock.now(), clock.newId);

    expect((await db.sessions.toArray()).map((s) => s.id)).toEqual([kept.id]);
    expect((await db.steps.toArray()).map((s) => s.sessionId)).toEqual([kept.id]);
    expect((await db.screenshots.toArray()).map((s) => s.id)).toEqual(['shot-2']);
    expect((await db.images.toArray()).map((s) => s.id)).toEqual([imageKey('shot-2', 'full')]);
  });

  it('fails with not-found for a missing session and deletes nothing', async () => {
    await startSession(db, newSessionInput(), environment, clock);
    const before = await countAll(db);
    await expectFailure(trashSession(db, 'nope', clock.now(), clock.newId), 'not-found');
    expect(await countAll(db)).toEqual(before);
  });
});
