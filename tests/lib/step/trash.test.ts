import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { imageKey, type Step } from '@/lib/schemas';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { purgeTrash, restoreTrash, trashSession, trashStep, UNDO_WINDOW_MS } from '@/lib/step/trash';
import { environment, newSessionInput, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

/** A session with `count` steps, each with one screenshot and its two images. */
async function sessionWithSteps(count: number, title = 'Checkout audit') {
  const session = await startSession(db, newSessionInput(title), environment, clock);
  const steps: Step[] = [];
  for (let position = 0; position < count; position++) {
    const step: Step = {
      id: clock.newId(), sessionId: session.id, position, stageId: null, capturedAt: position, sincePreviousMs: null,
      url: `https://shop.example.com/${position}`, pageTitle: 'Shop', note: `note ${position}`, scores: {}, severity: null, tags: [],
      emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: position,
    };
    await db.steps.add(step);
    const shotId = `shot-${step.id}`;
    await db.screenshots.add({
      id: shotId, stepId: step.id, sessionId: session.id, kind: 'visible', mimeType: 'image/jpeg', width: 10, height: 10,
      devicePixelRatio: 1, bytes: 3, thumbWidth: 5, thumbHeight: 5, thumbBytes: 1, annotations: [], part: null, createdAt: position,
    });
    for (const variant of ['full', 'thumb'] as const)
      await db.images.add({ id: imageKey(shotId, variant), screenshotId: shotId, variant, blob: new Blob([`px-${position}-${variant}`]) });
    steps.push(step);
  }
  return { session, steps };
}

async function failureKind(promise: Promise<unknown>) {
  const e = await promise.then(() => null, (e: unknown) => e);
  return e instanceof AppFailure ? e.error.kind : e;
}

describe('undoing a deleted step', () => {
  it('puts the step, its screenshot and its pixels back exactly as they were, in their place', async () => {
    const { steps } = await sessionWithSteps(3);
    const before = await snapshotDb(db);
    const receipt = await trashStep(db, steps[1]!.id, 5_000_000, clock.newId);
    expect(receipt).toMatchObject({ kind: 'step', label: 'Step 2', undoUntil: 5_000_000 + UNDO_WINDOW_MS });
    expect(await db.steps.get(steps[1]!.id)).toBeUndefined();

    await restoreTrash(db, receipt.trashId, 5_000_000 + UNDO_WINDOW_MS - 1);
    const after = await snapshotDb(db);
    // The session's updatedAt moved (the library must notice), everything else is identical.
    expect({ ...after, sessions: undefined }).toEqual({ ...before, sessions: undefined });
    expect(await db.trash.count()).toBe(0);
  });

  it('cannot be undone once the window has passed', async () => {
    const { steps } = await sessionWithSteps(1);
    const receipt = await trashStep(db, steps[0]!.id, 5_000_000, clock.newId);
    expect(await failureKind(restoreTrash(db, receipt.trashId, 5_000_000 + UNDO_WINDOW_MS + 1))).toBe('not-found');
    expect(await db.steps.count()).toBe(0);
  });

  it('refuses to bring a step back into a session that is gone', async () => {
    const { session, steps } = await sessionWithSteps(2);
    const stepReceipt = await trashStep(db, steps[0]!.id, 5_000_000, clock.newId);
    await trashSession(db, session.id, 5_000_001, clock.newId);
    expect(await failureKind(restoreTrash(db, stepReceipt.trashId, 5_000_002))).toBe('not-found');
    expect(await db.steps.count()).toBe(0);
  });
});

describe('undoing a deleted session', () => {
  it('restores every record and image', async () => {
    const { session } = await sessionWithSteps(3);
    await sessionWithSteps(1, 'Other audit');
    const before = await snapshotDb(db);
    const receipt = await trashSession(db, session.id, 5_000_000, clock.newId);
    expect(receipt).toMatchObject({ kind: 'session', label: 'Checkout audit' });
    expect(await db.sessions.get(session.id)).toBeUndefined();
    expect(await db.images.count()).toBe(2);

    await restoreTrash(db, receipt.trashId, 5_000_001);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('comes back paused when another session has become the active one', async () => {
    const { session } = await sessionWithSteps(1);
    const receipt = await trashSession(db, session.id, 5_000_000, clock.newId);
    const other = await startSession(db, newSessionInput('Started since'), environment, clock);
    await restoreTrash(db, receipt.trashId, 5_000_001);
    expect((await db.sessions.get(session.id))?.status).toBe('paused');
    expect((await db.sessions.get(other.id))?.status).toBe('active');
  });

  it('keeps a completed session completed', async () => {
    const { session } = await sessionWithSteps(1);
    await setSessionStatus(db, session.id, 'completed', 4_000_000);
    const receipt = await trashSession(db, session.id, 5_000_000, clock.newId);
    await restoreTrash(db, receipt.trashId, 5_000_001);
    expect((await db.sessions.get(session.id))?.status).toBe('completed');
  });
});

describe('purging the trash', () => {
  it('frees the images of entries whose window has passed, and keeps the rest undoable', async () => {
    const a = await sessionWithSteps(2, 'Old');
    const b = await sessionWithSteps(1, 'Recent');
    await trashSession(db, a.session.id, 1_000_000, clock.newId);
    const recent = await trashSession(db, b.session.id, 1_000_000 + UNDO_WINDOW_MS, clock.newId);

    expect(await purgeTrash(db, 1_000_000 + UNDO_WINDOW_MS + 1)).toBe(1);
    const left = await db.trash.toArray();
    expect(left.map((e) => e.label)).toEqual(['Recent']);
    expect(left[0]!.images).toHaveLength(2);
    await restoreTrash(db, recent.trashId, 1_000_000 + UNDO_WINDOW_MS + 2);
    expect((await db.sessions.toArray()).map((s) => s.title)).toEqual(['Recent']);
  });
});
