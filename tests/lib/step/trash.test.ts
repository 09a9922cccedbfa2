import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { purgeTrash, restoreTrash, trashSession, trashStep, UNDO_WINDOW_MS } from '@/lib/step/trash';
import { environment, newSessionInput, sessionWithSteps as sessionWithStepsIn, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));


const sessionWithSteps = (count: number, title?: string) => sessionWithStepsIn(db, clock, count, title);

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
    // The trashed session's images wait in place (no copy), the other's are untouched.
    expect(await db.images.count()).toBe(8);

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
    expect(left[0]!.imageIds).toHaveLength(2);
    // Only the recent session's two images are left: the old one's four were freed.
    expect((await db.images.toCollection().primaryKeys()).sort()).toEqual([...left[0]!.imageIds!].sort());
    await restoreTrash(db, recent.trashId, 1_000_000 + UNDO_WINDOW_MS + 2);
    expect((await db.sessions.toArray()).map((s) => s.title)).toEqual(['Recent']);
  });
});

/** Counts what a piece of code asks IndexedDB to store: record JSON plus blob bytes. */
function countWrites(target: AppDB) {
  let bytes = 0;
  const size = (value: unknown): number => {
    if (value instanceof Blob) return value.size;
    if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + size(v), 0);
    if (value && typeof value === 'object') return Object.entries(value).reduce((sum, [k, v]) => sum + k.length + size(v), 0);
    return String(value).length;
  };
  target.use({
    stack: 'dbcore',
    name: 'count-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (req.type === 'add' || req.type === 'put') bytes += size(req.values);
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return { get bytes() { return bytes; } };
}

describe('deleting on a nearly full disk', () => {
  /** A session whose images weigh `mb` megabytes in all. */
  async function heavySession(steps: number, mb: number) {
    const made = await sessionWithSteps(steps);
    const each = Math.floor((mb * 1_000_000) / (steps * 2));
    for (const id of await db.images.toCollection().primaryKeys())
      await db.images.update(id as string, { blob: new Blob([new Uint8Array(each)], { type: 'image/jpeg' }) });
    return made;
  }

  it('writes kilobytes, not a copy of the images, and undo brings every pixel back', async () => {
    const { session } = await heavySession(10, 20);
    const before = await snapshotDb(db);
    const writes = countWrites(db);
    const receipt = await trashSession(db, session.id, 5_000_000, clock.newId);
    // 20 MB of images; the delete stores the records only (a few KB).
    expect(writes.bytes).toBeLessThan(20_000);
    await restoreTrash(db, receipt.trashId, 5_000_001);
    expect(await snapshotDb(db)).toEqual(before);
    // 20 MB through fake-indexeddb and two snapshots take seconds on a busy machine.
  }, 60_000);

  it('deleting a step writes no image bytes either, and its undo restores them', async () => {
    const { steps } = await heavySession(4, 8);
    const before = await snapshotDb(db);
    const writes = countWrites(db);
    const receipt = await trashStep(db, steps[2]!.id, 5_000_000, clock.newId);
    expect(writes.bytes).toBeLessThan(5_000);
    await restoreTrash(db, receipt.trashId, 5_000_001);
    expect({ ...(await snapshotDb(db)), sessions: undefined }).toEqual({ ...before, sessions: undefined });
  });

  it('still restores an entry written before 0.3, which carried copies of its images', async () => {
    const { session } = await sessionWithSteps(1);
    const before = await snapshotDb(db);
    const images = await db.images.toArray();
    const receipt = await trashSession(db, session.id, 5_000_000, clock.newId);
    // What the old trashSession left: the copies in the entry, the rows gone.
    await db.trash.update(receipt.trashId, { images, imageIds: undefined });
    await db.images.clear();
    await restoreTrash(db, receipt.trashId, 5_000_001);
    expect(await snapshotDb(db)).toEqual(before);
  });
});
