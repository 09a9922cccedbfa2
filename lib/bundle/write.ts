import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { imageKey, type Screenshot, type Session, type StoredImage } from '../schemas';
import type { Table } from 'dexie';
import type { BundleData } from './export';
import { PENDING_THUMB_BYTES } from '../step/commit';
import type { ParsedBundle } from './import';
import { readImage, storedImageIds, writeImages } from '../storage/images';

// The only part of bundles that touches the database: gather what to export, write what was imported.

export const IMPORTED_SUFFIX = ' (imported)';
const TITLE_MAX = 200;

/**
 * Writes a bundle that readBundle has checked, in one transaction: all of it or none of it.
 * Nothing is ever overwritten: a session whose id is already here comes in as a copy with fresh ids
 * throughout (and " (imported)" after its title), and any step or screenshot whose id is taken gets a
 * fresh one. Active sessions arrive paused, since only one session may be active at a time.
 */
export async function importIntoDb(
  db: AppDB,
  bundle: ParsedBundle,
  newId: () => string,
  now: number,
  replacing?: Replacing,
): Promise<{ sessions: number; steps: number }> {
  // Ids are chosen before anything is written, since the image files (written first, named by
  // screenshot id) cannot join the transaction; the transaction checks the choice still holds.
  const takenNow = async (table: { bulkGet(keys: string[]): PromiseLike<unknown[]> }, keys: string[]) => {
    const found = (await table.bulkGet(keys)) as Array<{ sessionId?: string; id?: string } | undefined>;
    // What `replacing` is about to delete counts as free.
    return new Set(keys.filter((_, i) => found[i] !== undefined && !(replacing && (found[i]!.sessionId ?? found[i]!.id) === replacing.sessionId)));
  };
  const taken = async () => ({
    sessions: await takenNow(db.sessions, bundle.sessions.map((s) => s.id)),
    steps: await takenNow(db.steps, bundle.steps.map((s) => s.id)),
    shots: await takenNow(db.screenshots, bundle.screenshots.map((s) => s.id)),
  });
  const plan = await taken();
  const replaced = new Set(replacing ? ((await db.screenshots.where('sessionId').equals(replacing.sessionId).primaryKeys()) as string[]) : []);
  const takenImages = await storedImageIds(
    db,
    bundle.screenshots.filter((s) => !replaced.has(s.id)).flatMap((s) => [imageKey(s.id, 'full'), imageKey(s.id, 'thumb')]),
  );
  const takenSessions = plan.sessions;
  const takenSteps = plan.steps;
  const takenShots = plan.shots;

  const sessionIds = new Map(bundle.sessions.map((s) => [s.id, takenSessions.has(s.id) ? newId() : s.id]));
  const copied = (sessionId: string) => sessionIds.get(sessionId) !== sessionId;
  const stepIds = new Map(bundle.steps.map((s) => [s.id, copied(s.sessionId) || takenSteps.has(s.id) ? newId() : s.id]));
  const shotIds = new Map(
    bundle.screenshots.map((s) => {
      const clash = takenShots.has(s.id) || takenImages.has(imageKey(s.id, 'full')) || takenImages.has(imageKey(s.id, 'thumb'));
      return [s.id, copied(s.sessionId) || clash ? newId() : s.id];
    }),
  );

  const sessions = bundle.sessions.map((s): Session => {
    const copy = copied(s.id);
    const paused = s.status === 'active';
    return {
      ...s,
      id: sessionIds.get(s.id)!,
      title: copy ? importedTitle(s.title) : s.title,
      status: paused ? 'paused' : s.status,
      updatedAt: copy || paused ? now : s.updatedAt,
    };
  });
  const steps = bundle.steps.map((s) => ({ ...s, id: stepIds.get(s.id)!, sessionId: sessionIds.get(s.sessionId)! }));
  const screenshots = bundle.screenshots.map((s) => ({ ...s, id: shotIds.get(s.id)!, stepId: stepIds.get(s.stepId)!, sessionId: sessionIds.get(s.sessionId)! }));
  const images = bundle.images.map((image): StoredImage => {
    const screenshotId = shotIds.get(image.screenshotId)!;
    // new Blob copies the bytes, so the stored image never holds on to the whole bundle.
    const blob = new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mimeType });
    return { id: imageKey(screenshotId, image.variant), screenshotId, variant: image.variant, blob };
  });

  // No image was stored under these keys (takenImages): a failed import takes their files back.
  // A replaced session's own keys held its images, and are left for the sweep as before.
  const created = new Set(images.filter((i) => !replaced.has(i.screenshotId)).map((i) => i.id));
  const tables = [db.sessions, db.steps, db.screenshots, db.images, ...(replacing?.tables ?? [])];
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((id) => b.has(id));
  const check = async () => {
    const current = await taken();
    if (!same(current.sessions, plan.sessions) || !same(current.steps, plan.steps) || !same(current.shots, plan.shots))
      throw new AppFailure({ kind: 'internal', detail: 'the library changed while the import was being written; try again' });
    return true;
  };
  return (await writeImages(
    db,
    images,
    (rows) =>
      db.transaction('rw', tables, async () => {
        await replacing?.remove();
        await check();
        // bulkAdd, never put: a key that is somehow taken fails the transaction instead of overwriting.
        await db.sessions.bulkAdd(sessions);
        await db.steps.bulkAdd(steps);
        await db.screenshots.bulkAdd(screenshots);
        await db.images.bulkAdd(rows);
        await replacing?.then?.();
        return { sessions: sessions.length, steps: steps.length };
      }),
    // Checked again in the image queue's turn, before any file is written: another import of the
    // same bundle that committed since the plan now names these keys, and its files must be neither
    // overwritten nor taken back by this one's failure.
    check,
    { removeOnFailure: created },
  ))!;
}

/** An import that takes the place of one session (a team copy's newer revision), in the same transaction. */
export interface Replacing {
  sessionId: string;
  /** Further tables the two callbacks touch. */
  tables: Table[];
  /** Deletes the old records, first thing in the transaction. */
  remove(): Promise<void>;
  /** Runs last in the transaction, the import written. */
  then?(): Promise<void>;
}

function importedTitle(title: string): string {
  return `${title.slice(0, TITLE_MAX - IMPORTED_SUFFIX.length).trimEnd()}${IMPORTED_SUFFIX}`;
}

/** The sessions, their steps (in order) and screenshots (in the order of their steps), read in one transaction. */
export async function recordsForExport(db: AppDB, sessionIds: readonly string[]): Promise<Pick<BundleData, 'sessions' | 'steps' | 'screenshots'>> {
  const ids = [...new Set(sessionIds)];
  return db.transaction('r', [db.sessions, db.steps, db.screenshots], async () => {
    const found = await db.sessions.bulkGet(ids);
    if (found.some((s) => !s)) throw new AppFailure({ kind: 'not-found', what: 'session' });
    const steps = [];
    for (const id of ids) steps.push(...(await db.steps.where('[sessionId+position]').between([id, -Infinity], [id, Infinity]).toArray()));
    const stepOrder = new Map(steps.map((s, i) => [s.id, i]));
    const screenshots = (await db.screenshots.where('sessionId').anyOf(ids).toArray()).sort(
      (a, b) => (stepOrder.get(a.stepId) ?? Infinity) - (stepOrder.get(b.stepId) ?? Infinity) || a.createdAt - b.createdAt,
    );
    return { sessions: found as Session[], steps, screenshots };
  });
}

/** The sessions, their steps, screenshots and image bytes, ready for buildBundle. */
export async function exportFromDb(db: AppDB, sessionIds: readonly string[]): Promise<BundleData> {
  const { sessions, steps, screenshots } = await recordsForExport(db, sessionIds);
  // Blobs are read after the transaction: awaiting anything but IndexedDB inside one would end it.
  const mimeOf = new Map(screenshots.map((s) => [s.id, s.mimeType]));
  const keys = screenshots.flatMap((s) => (['full', 'thumb'] as const).map((variant) => ({ id: imageKey(s.id, variant), screenshotId: s.id, variant })));
  const found = await Promise.all(keys.map(async (k) => ({ ...k, blob: await readImage(db, k.id) })));
  const stored = found.flatMap((k) => (k.blob ? [{ ...k, blob: k.blob }] : []));
  const images = await Promise.all(
    stored.map(async ({ id, screenshotId, variant, blob }) => ({
      id,
      screenshotId,
      variant,
      bytes: new Uint8Array(await blob.arrayBuffer()),
      mimeType: blob.type || mimeOf.get(screenshotId) || '',
      blob,
    })),
  );
  return { sessions, steps, screenshots, images: withThumbStandIns(screenshots, images) };
}

/**
 * A thumbnail not made yet (the worker stopped after a capture's reply) travels as the full
 * image, so the bundle stays complete; the importing side shows it scaled.
 */
export function withThumbStandIns<I extends { id: string; screenshotId: string; variant: 'full' | 'thumb' }>(screenshots: readonly Screenshot[], images: readonly I[]): I[] {
  const pending = new Set(screenshots.filter((s) => s.thumbBytes === PENDING_THUMB_BYTES).map((s) => s.id));
  const withThumb = new Set(images.filter((i) => i.variant === 'thumb').map((i) => i.screenshotId));
  const standIns = images.filter((i) => i.variant === 'full' && pending.has(i.screenshotId) && !withThumb.has(i.screenshotId)).map((i) => ({ ...i, id: imageKey(i.screenshotId, 'thumb'), variant: 'thumb' as const }));
  return [...images, ...standIns];
}
