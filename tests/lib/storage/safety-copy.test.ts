import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { imageKey } from '@/lib/schemas';
import { attachImageFiles, memoryImageFiles, moveRowsToFiles, readImage } from '@/lib/storage/images';
import { forgetTrashed, missingSessions, restoreFromSafetyCopy, sweepStrayFiles, syncSafetyCopy, type SafetyStore } from '@/lib/storage/safety-copy';
import { saveAnnotations } from '@/lib/capture/annotate';
import { safetyNet, STRAY_FILE_AGE_MS } from '@/lib/storage/safety-net';
import { purgeTrash, trashSession, UNDO_WINDOW_MS } from '@/lib/step/trash';
import { sessionWithSteps as sessionWithStepsIn, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
let images: ReturnType<typeof memoryImageFiles>;
useFreshDb((fresh) => {
  ({ db, clock } = fresh);
  images = memoryImageFiles();
  attachImageFiles(db, images);
});

/** The journal's folder as a Map; counts the bytes it is asked to write. */
function memoryStore() {
  const files = new Map<string, string>();
  let written = 0;
  const store: SafetyStore = {
    readText: async (p) => files.get(p) ?? null,
    writeText: async (p, t) => {
      written += t.length;
      files.set(p, t);
    },
    remove: async (p) => void files.delete(p),
  };
  return { store, files, written: () => written };
}

async function sessionWithSteps(count: number, title?: string) {
  const made = await sessionWithStepsIn(db, clock, count, title);
  // The fixture writes image rows, as profiles from before the files hold them: move them.
  await moveRowsToFiles(db);
  // A later updatedAt than the steps', as after a real capture.
  await db.sessions.update(made.session.id, { updatedAt: 1_000 + count });
  return made;
}

const lose = () => Promise.all([db.sessions, db.steps, db.screenshots, db.images, db.summaries, db.searchTexts].map((t) => t.clear()));
const recordTables = async () => {
  const { sessions, steps, screenshots, images } = await snapshotDb(db);
  return { sessions, steps, screenshots, images };
};

const imageTexts = async () => Promise.all((await images.list()).map(async (f) => (await images.get(f.id))!.text()));

describe('the safety journal', () => {
  it('brings back every session, step and screenshot after the database is lost, over the image files that stayed', async () => {
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
    const shot = (await db.screenshots.toCollection().first())!;
    expect(await (await readImage(db, imageKey(shot.id, 'full')))!.text()).toMatch(/^px-\d-full$/);
  });

  it('holds records only: the images are not copied, so they take their space once', async () => {
    const { store, written, files } = memoryStore();
    await sessionWithSteps(3);
    const imageBytes = images.bytes();
    await syncSafetyCopy(db, store);
    expect(images.bytes()).toBe(imageBytes);
    expect([...files.values()].join('')).not.toContain('px-0-full');
    expect(written()).toBeGreaterThan(0);
  });

  it('rewrites only journals whose session changed', async () => {
    const { store } = memoryStore();
    const { session, steps } = await sessionWithSteps(3);
    await sessionWithSteps(1, 'Untouched');
    await syncSafetyCopy(db, store);
    await db.steps.update(steps[0]!.id, { note: 'edited' });
    await db.sessions.update(session.id, { updatedAt: 5_000 });
    expect(await syncSafetyCopy(db, store)).toBe(1);
    expect(await syncSafetyCopy(db, store)).toBe(0);
  });

  it('a burned redaction leaves no copy of the erased pixels anywhere', async () => {
    const { store, files } = memoryStore();
    const { steps } = await sessionWithSteps(1);
    await syncSafetyCopy(db, store);
    const shotId = `shot-${steps[0]!.id}`;
    const redact = { type: 'redact', id: 'r1', x: 0.1, y: 0.1, w: 0.1, h: 0.1 } as const;
    const paint = async () => ({ full: new Blob(['burned-pixels'], { type: 'image/jpeg' }), thumb: { blob: new Blob(['burned-thumb']), width: 5, height: 5 } });
    await saveAnnotations(db, { paint, now: () => 9_000 }, { screenshotId: shotId, annotations: [redact] });
    await syncSafetyCopy(db, store);
    expect((await imageTexts()).sort()).toEqual(['burned-pixels', 'burned-thumb']);
    expect([...files.values()].join('')).not.toContain('px-0');
  });

  it('does not offer a session that waits in the trash, and forgets it once purged, files and journal', async () => {
    const { store, files } = memoryStore();
    const { session } = await sessionWithSteps(2);
    await syncSafetyCopy(db, store);
    await trashSession(db, session.id, 5_000_000, clock.newId);
    expect(await missingSessions(db, store)).toEqual([]);
    await purgeTrash(db, 5_000_000 + UNDO_WINDOW_MS + 1, (entries) => forgetTrashed(store, entries));
    expect([...files.keys()]).toEqual(['index.json']);
    expect(await images.list()).toEqual([]);
    expect(await missingSessions(db, store)).toEqual([]);
  });

  it('restores the records even where an image file is gone, and counts what is missing', async () => {
    const { store } = memoryStore();
    await sessionWithSteps(2);
    await syncSafetyCopy(db, store);
    for (const { id } of await images.list()) if (id.endsWith('/full')) await images.remove(id);
    await lose();
    const counts = await restoreFromSafetyCopy(db, store, await missingSessions(db, store));
    expect(counts).toMatchObject({ sessions: 1, steps: 2, screenshots: 2, images: 2, skipped: 2 });
  });

  it('the stray-file sweep keeps every file a journal names while the database is lost', async () => {
    const { store } = memoryStore();
    await sessionWithSteps(2);
    await syncSafetyCopy(db, store);
    await lose();
    expect(await sweepStrayFiles(db, store, Date.now() + 3_600_000, 60_000)).toBe(0);
    expect(await images.list()).toHaveLength(4);
  });
});

describe('the safety net the background wires', () => {
  it('at the worker start moves old image rows into files and journals them; after a loss it restores them', async () => {
    const { store } = memoryStore();
    // Rows, as a profile from before the files holds them (the fixture writes rows; no move here).
    await sessionWithStepsIn(db, clock, 2);
    await images.put(imageKey('orphan', 'full'), new Blob(['stray']));
    const net = safetyNet(db, Promise.resolve(store), () => Date.now() + STRAY_FILE_AGE_MS + 1, () => undefined);
    expect(await net.sweep()).toEqual({ moved: 4, removed: 1 });
    expect(await db.images.count()).toBe(0);
    expect(await images.list()).toHaveLength(4);
    await lose();
    expect(await net.missing()).toBe(1);
    expect(await net.restore(async () => {})).toMatchObject({ sessions: 1, steps: 2, images: 4, skipped: 0 });
  });

  it('without OPFS there is no journal: nothing to restore, and the restore says so', async () => {
    const net = safetyNet(db, Promise.resolve(null), () => 0, () => undefined);
    expect(await net.missing()).toBe(0);
    expect(await net.restore(async () => {})).toBeNull();
  });
});
