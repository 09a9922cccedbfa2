import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { imageKey, type Session, type StoredImage } from '../schemas';
import type { BundleData } from './export';
import { PENDING_THUMB_BYTES } from '../step/commit';
import type { ParsedBundle } from './import';

// The only part of bundles that touches the database: gather what to export, write what was imported.

export const IMPORTED_SUFFIX = ' (imported)';
const TITLE_MAX = 200;

/**
 * Writes a bundle that readBundle has checked, in one transaction: all of it or none of it.
 * Nothing is ever overwritten: a session whose id is already here comes in as a copy with fresh ids
 * throughout (and " (imported)" after its title), and any step or screenshot whose id is taken gets a
 * fresh one. Active sessions arrive paused, since only one session may be active at a time.
 */
export async function importIntoDb(db: AppDB, bundle: ParsedBundle, newId: () => string, now: number): Promise<{ sessions: number; steps: number }> {
  return db.transaction('rw', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    const taken = async (table: { bulkGet(keys: string[]): PromiseLike<unknown[]> }, keys: string[]) => {
      const found = await table.bulkGet(keys);
      return new Set(keys.filter((_, i) => found[i] !== undefined));
    };
    const takenSessions = await taken(db.sessions, bundle.sessions.map((s) => s.id));
    const takenSteps = await taken(db.steps, bundle.steps.map((s) => s.id));
    const takenShots = await taken(db.screenshots, bundle.screenshots.map((s) => s.id));
    const takenImages = await taken(db.images, bundle.screenshots.flatMap((s) => [imageKey(s.id, 'full'), imageKey(s.id, 'thumb')]));

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

    // bulkAdd, never put: a key that is somehow taken fails the transaction instead of overwriting.
    await db.sessions.bulkAdd(sessions);
    await db.steps.bulkAdd(steps);
    await db.screenshots.bulkAdd(screenshots);
    await db.images.bulkAdd(images);
    return { sessions: sessions.length, steps: steps.length };
  });
}

function importedTitle(title: string): string {
  return `${title.slice(0, TITLE_MAX - IMPORTED_SUFFIX.length).trimEnd()}${IMPORTED_SUFFIX}`;
}

/** The sessions, their steps, screenshots and image bytes, ready for buildBundle. */
export async function exportFromDb(db: AppDB, sessionIds: readonly string[]): Promise<BundleData> {
  const ids = [...new Set(sessionIds)];
  const { sessions, steps, screenshots, stored } = await db.transaction('r', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    const found = await db.sessions.bulkGet(ids);
    if (found.some((s) => !s)) throw new AppFailure({ kind: 'not-found', what: 'session' });
    const steps = [];
    for (const id of ids) steps.push(...(await db.steps.where('[sessionId+position]').between([id, -Infinity], [id, Infinity]).toArray()));
    const stepOrder = new Map(steps.map((s, i) => [s.id, i]));
    const screenshots = (await db.screenshots.where('sessionId').anyOf(ids).toArray()).sort(
      (a, b) => (stepOrder.get(a.stepId) ?? Infinity) - (stepOrder.get(b.stepId) ?? Infinity) || a.createdAt - b.createdAt,
    );
    const stored = await db.images.where('screenshotId').anyOf(screenshots.map((s) => s.id)).toArray();
    return { sessions: found as Session[], steps, screenshots, stored };
  });
  // Blobs are read after the transaction: awaiting anything but IndexedDB inside one would end it.
  const mimeOf = new Map(screenshots.map((s) => [s.id, s.mimeType]));
  const images = await Promise.all(
    stored.map(async ({ id, screenshotId, variant, blob }) => ({
      id,
      screenshotId,
      variant,
      bytes: new Uint8Array(await blob.arrayBuffer()),
      mimeType: blob.type || mimeOf.get(screenshotId) || '',
    })),
  );
  // A thumbnail not made yet (the worker stopped after a capture's reply) travels as the full
  // image, so the bundle stays complete; the importing side shows it scaled.
  const pending = new Set(screenshots.filter((s) => s.thumbBytes === PENDING_THUMB_BYTES).map((s) => s.id));
  const withThumb = new Set(images.filter((i) => i.variant === 'thumb').map((i) => i.screenshotId));
  const standIns = images.filter((i) => i.variant === 'full' && pending.has(i.screenshotId) && !withThumb.has(i.screenshotId)).map((i) => ({ ...i, id: imageKey(i.screenshotId, 'thumb'), variant: 'thumb' as const }));
  return { sessions, steps, screenshots, images: [...images, ...standIns] };
}
