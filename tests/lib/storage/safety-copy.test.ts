import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { imageKey } from '@/lib/schemas';
import { forgetTrashed, missingSessions, restoreFromSafetyCopy, syncSafetyCopy, type SafetyStore } from '@/lib/storage/safety-copy';
import { purgeTrash, trashSession, UNDO_WINDOW_MS } from '@/lib/step/trash';
import { sessionWithSteps as sessionWithStepsIn, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

/** OPFS as a Map; counts what it is asked to write. */
function memoryStore() {
  const files = new Map<string, string | Blob>();
  let blobBytes = 0;
  const store: SafetyStore = {
    readText: async (p) => (typeof files.get(p) === 'string' ? (files.get(p) as string) : null),
    writeText: async (p, t) => void files.set(p, t),
    readBlob: async (p) => (files.get(p) instanceof Blob ? (files.get(p) as Blob) : null),
    writeBlob: async (p, b) => {
      blobBytes += b.size;
      files.set(p, b);
    },
    remove: async (p) => void files.delete(p),
  };
  return { store, files, written: () => blobBytes };
}


async function sessionWithSteps(count: number, title?: string) {
  const made = await sessionWithStepsIn(db, clock, count, title);
  // A later updatedAt than the steps', as after a real capture.
  await db.sessions.update(made.session.id, { updatedAt: 1_000 + count });
  return made;
}

const lose = () => Promise.all([db.sessions, db.steps, db.screenshots, db.images, db.summaries, db.searchTexts].map((t) => t.clear()));
const recordTables = async () => {
  const { sessions, steps, screenshots, images } = await snapshotDb(db);
  return { sessions, steps, screenshots, images };
};

describe('the safety copy', () => {
  it('brings back every session, step, screenshot and image after the database is lost', async () => {
    const { store } = memoryStore();
    await sessionWithSteps(3);
    await sessionWithSteps(2, 'Second audit');
    await syncSafetyCopy(db, store);
    const before = await recordTables();

    await lose();
    const missing = await missingSessions(db, store);
    expect(missing).toHaveLength(2);
    const counts = await restoreFromSafetyCopy(db, store, missing);
    expect(counts).toEqual({ sessions: 2, steps: 5, screenshots: 5, images: 10, skipped: 0 });
    expect(await recordTables()).toEqual(before);
    expect(await missingSessions(db, store)).toEqual([]);
  });

  it('writes only what changed: a note edit rewrites the journal, not the images', async () => {
    const { store, written } = memoryStore();
    const { session, steps } = await sessionWithSteps(3);
    await syncSafetyCopy(db, store);
    const afterFirst = written();
    await db.steps.update(steps[0]!.id, { note: 'edited' });
    await db.sessions.update(session.id, { updatedAt: 5_000 });
    expect(await syncSafetyCopy(db, store)).toBe(1);
    expect(written()).toBe(afterFirst);
    expect(await syncSafetyCopy(db, store)).toBe(0);
  });

  it('replaces an image once a redaction is burned, so no copy keeps the erased pixels', async () => {
    const { store, files } = memoryStore();
    const { session, steps } = await sessionWithSteps(1);
    await syncSafetyCopy(db, store);
    const shotId = `shot-${steps[0]!.id}`;
    const burned = new Blob(['burned-pixels'], { type: 'image/jpeg' });
    await db.images.put({ id: imageKey(shotId, 'full'), screenshotId: shotId, variant: 'full', blob: burned });
    await db.screenshots.update(shotId, { bytes: burned.size, annotations: [{ type: 'redact', id: 'r1', x: 0, y: 0, width: 1, height: 1 } as any] });
    await db.sessions.update(session.id, { updatedAt: 9_000 });
    await syncSafetyCopy(db, store);
    const texts = await Promise.all([...files.values()].filter((f): f is Blob => f instanceof Blob).map((b) => b.text()));
    expect(texts).toContain('burned-pixels');
    expect(texts).not.toContain('px-0-full');
  });

  it('does not offer a session that waits in the trash, and forgets it once purged', async () => {
    const { store, files } = memoryStore();
    const { session } = await sessionWithSteps(2);
    await syncSafetyCopy(db, store);
    await trashSession(db, session.id, 5_000_000, clock.newId);
    expect(await missingSessions(db, store)).toEqual([]);
    await purgeTrash(db, 5_000_000 + UNDO_WINDOW_MS + 1, (entries) => forgetTrashed(store, entries));
    expect([...files.keys()]).toEqual(['index.json']);
    expect(await missingSessions(db, store)).toEqual([]);
  });

  it('restores what it can from a journal whose image files were never written', async () => {
    const { store, files } = memoryStore();
    await sessionWithSteps(2);
    await syncSafetyCopy(db, store);
    for (const key of [...files.keys()]) if (key.endsWith('.full')) files.delete(key);
    await lose();
    const counts = await restoreFromSafetyCopy(db, store, await missingSessions(db, store));
    expect(counts).toMatchObject({ sessions: 1, steps: 2, images: 2, skipped: 2 });
  });
});
