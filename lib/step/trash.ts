import type { AppDB, TrashEntry } from '../db';
import { stepsOfSession } from '../db/queries';
import { AppFailure } from '../errors';
import type { Step } from '../schemas';
import { imageIdsOfShots, removeImages } from '../storage/images';

// Deleting asks first and can be undone for a while: a deleted session or step's records (a few KB)
// move into `trash` in one transaction, and move back the same way. Live tables never hold a
// "deleted" flag, so no query has to remember to skip one. The pixels do not move: their files (or rows) stay
// where they are (lib/storage/images.ts), unreachable while their screenshot is in the trash, and the entry names them. So a
// delete writes kilobytes, not a copy of every image (a 20 MB session used to take 40 MB to delete,
// which failed on the nearly full disk where deleting is the advice). After the window the entry is
// purged, which deletes its images and frees the space.

export const UNDO_WINDOW_MS = 30_000;

/** What a delete answers: enough for the page to offer Undo until `undoUntil`. */
export interface TrashReceipt {
  trashId: string;
  kind: TrashEntry['kind'];
  label: string;
  undoUntil: number;
}

const liveTables = (db: AppDB) => [db.sessions, db.steps, db.screenshots, db.images, db.trash];

const receipt = (entry: TrashEntry): TrashReceipt => ({
  trashId: entry.id,
  kind: entry.kind,
  label: entry.label,
  undoUntil: entry.deletedAt + UNDO_WINDOW_MS,
});

export async function trashSession(db: AppDB, sessionId: string, now: number, newId: () => string): Promise<TrashReceipt> {
  return db.transaction('rw', liveTables(db), async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
    const steps = await stepsOfSession(db, sessionId);
    const screenshots = await db.screenshots.where('sessionId').equals(sessionId).toArray();
    const imageIds = imageIdsOfShots(screenshots.map((s) => s.id));
    const entry: TrashEntry = { id: newId(), kind: 'session', sessionId, label: session.title, deletedAt: now, sessions: [session], steps, screenshots, imageIds };
    await db.trash.add(entry);
    await db.screenshots.bulkDelete(screenshots.map((s) => s.id));
    await db.steps.bulkDelete(steps.map((s) => s.id));
    await db.sessions.delete(sessionId);
    return receipt(entry);
  });
}

/** Later steps keep their positions, so a restored step drops back into its own place. */
export async function trashStep(db: AppDB, stepId: string, now: number, newId: () => string): Promise<TrashReceipt> {
  return db.transaction('rw', liveTables(db), async () => {
    const step = await db.steps.get(stepId);
    if (!step) throw new AppFailure({ kind: 'not-found', what: 'step' });
    const session = await db.sessions.get(step.sessionId);
    if (session?.status === 'completed') throw new AppFailure({ kind: 'session-not-active', status: session.status });
    const before = await db.steps
      .where('[sessionId+position]')
      .between([step.sessionId, -Infinity], [step.sessionId, step.position])
      .count();
    const screenshots = await db.screenshots.where('stepId').equals(stepId).toArray();
    const imageIds = imageIdsOfShots(screenshots.map((s) => s.id));
    const entry: TrashEntry = {
      id: newId(),
      kind: 'step',
      sessionId: step.sessionId,
      label: `Step ${before + 1}`,
      deletedAt: now,
      sessions: [],
      steps: [step],
      screenshots,
      imageIds,
    };
    await db.trash.add(entry);
    await db.screenshots.bulkDelete(screenshots.map((s) => s.id));
    await db.steps.delete(stepId);
    await db.sessions.update(step.sessionId, { updatedAt: now });
    return receipt(entry);
  });
}

/** Puts everything back as it was; refuses when the window has passed or the place is gone. */
export async function restoreTrash(db: AppDB, trashId: string, now: number): Promise<{ kind: TrashEntry['kind']; sessionId: string }> {
  return db.transaction('rw', liveTables(db), async () => {
    const entry = await db.trash.get(trashId);
    if (!entry || entry.deletedAt + UNDO_WINDOW_MS < now) throw new AppFailure({ kind: 'not-found', what: 'deleted item' });
    if (entry.kind === 'step' && !(await db.sessions.get(entry.sessionId))) throw new AppFailure({ kind: 'not-found', what: 'session' });
    if (entry.kind === 'session' && (await db.sessions.get(entry.sessionId)))
      throw new AppFailure({ kind: 'invalid-message', detail: 'a session with this id exists again (was it imported?)' });
    // Only one session is active at a time; one started since the delete keeps the place.
    const sessions = (await db.sessions.where('status').equals('active').count())
      ? entry.sessions.map((s) => (s.status === 'active' ? { ...s, status: 'paused' as const } : s))
      : entry.sessions;
    await db.sessions.bulkAdd(sessions);
    if (entry.kind === 'step') for (const step of entry.steps) await makeRoom(db, step);
    await db.steps.bulkAdd(entry.steps);
    await db.screenshots.bulkAdd(entry.screenshots);
    if (entry.images?.length) await db.images.bulkPut(entry.images);
    if (entry.kind === 'step') await db.sessions.update(entry.sessionId, { updatedAt: now });
    await db.trash.delete(trashId);
    return { kind: entry.kind, sessionId: entry.sessionId };
  });
}

/**
 * A reorder or an added step since the delete renumbers positions densely, so the deleted step's
 * place may be taken: later steps shift down by one and it drops back in at the same index.
 */
async function makeRoom(db: AppDB, step: Step) {
  const key = [step.sessionId, step.position];
  if ((await db.steps.where('[sessionId+position]').equals(key).count()) === 0) return;
  await db.steps
    .where('[sessionId+position]')
    .between(key, [step.sessionId, Infinity])
    .modify((s) => {
      s.position += 1;
    });
}

/**
 * Drops entries whose undo window has passed, with the images they kept waiting; returns how many.
 * `onPurged` hears what went, once committed (the safety copy forgets it then).
 */
export async function purgeTrash(db: AppDB, now: number, onPurged?: (entries: TrashEntry[]) => Promise<void>): Promise<number> {
  const purged = await db.transaction('rw', [db.trash], async () => {
    const expired = await db.trash.where('deletedAt').below(now - UNDO_WINDOW_MS).toArray();
    await db.trash.bulkDelete(expired.map((entry) => entry.id));
    return expired;
  });
  // The entries first, then their images: a worker stopped in between leaves files no record
  // names, which the sweep at its next start removes; never an entry whose Undo finds no pixels.
  // Entries from before the trash named its images still name their screenshots.
  await removeImages(db, purged.flatMap((entry) => entry.imageIds ?? imageIdsOfShots(entry.screenshots.map((s) => s.id))));
  if (purged.length) await onPurged?.(purged);
  return purged.length;
}

/**
 * Deleted things wait in the trash for the undo window. `afterDelete` sets a timer that purges
 * them if this worker is still alive then; otherwise the purge at the next start (the one this
 * runs now) does, so space is always freed.
 */
export function trashPurger(db: AppDB, now: () => number, onPurged?: (entries: TrashEntry[]) => Promise<void>) {
  const purge = () => purgeTrash(db, now(), onPurged).catch(() => undefined);
  void purge();
  return {
    afterDelete<T>(receipt: T): T {
      setTimeout(purge, UNDO_WINDOW_MS + 1_000);
      return receipt;
    },
  };
}
