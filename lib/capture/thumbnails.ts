import type { AppDB } from '../db';
import { imageKey } from '../schemas';
import { measurePhase } from './marks';
import type { EncodedImage } from '../step/commit';

// Thumbnails made after the reply. A capture commits its step and full image first, so the
// shopper sees the step as soon as the browser's pixels are stored (the panel shows the full
// image scaled until the thumbnail lands); then the thumbnail is drawn and written in a second
// transaction. A worker stopped in between leaves a screenshot without a thumbnail, which the
// sweep at the worker's next start makes: nothing is lost, only made later.

export interface ThumbnailDeps {
  /** Decodes a stored full image and draws its thumbnail (lib/capture/encode.ts in the worker). */
  drawThumb(full: Blob): Promise<EncodedImage>;
  now(): number;
}

/**
 * Makes and stores the thumbnail of one screenshot that has a full image and no thumbnail.
 * False when there is nothing to do: the screenshot was deleted, or has its thumbnail already
 * (an annotation save draws one of its own).
 */
export async function makeThumbnail(db: AppDB, deps: ThumbnailDeps, screenshotId: string): Promise<boolean> {
  const full = await db.transaction('r', [db.screenshots, db.images], async () => {
    const [shot, images] = await Promise.all([
      db.screenshots.get(screenshotId),
      db.images.bulkGet([imageKey(screenshotId, 'full'), imageKey(screenshotId, 'thumb')]),
    ]);
    return shot && images[0] && !images[1] ? { blob: images[0].blob, bytes: shot.bytes } : null;
  });
  if (!full) return false;
  const thumb = await deps.drawThumb(full.blob);
  return db.transaction('rw', [db.sessions, db.screenshots, db.images], async () => {
    const shot = await db.screenshots.get(screenshotId);
    // Deleted, given a thumbnail, or re-encoded (a redaction burned in) while this one was drawn.
    if (!shot || shot.bytes !== full.bytes || (await db.images.get(imageKey(screenshotId, 'thumb')))) return false;
    await db.images.add({ id: imageKey(screenshotId, 'thumb'), screenshotId, variant: 'thumb', blob: thumb.blob });
    await db.screenshots.update(screenshotId, { thumbWidth: thumb.width, thumbHeight: thumb.height, thumbBytes: thumb.blob.size });
    // The library's summaries count the thumbnail's bytes, and key on the session's updatedAt.
    await db.sessions.update(shot.sessionId, { updatedAt: deps.now() });
    return true;
  });
}

/** Screenshots whose full image is stored and whose thumbnail is not; read from keys alone. */
export async function missingThumbnails(db: AppDB): Promise<string[]> {
  const [shotIds, imageIds] = await db.transaction('r', [db.screenshots, db.images], () =>
    Promise.all([db.screenshots.toCollection().primaryKeys(), db.images.toCollection().primaryKeys()]),
  );
  const stored = new Set<string>(imageIds);
  return shotIds.filter((id) => stored.has(imageKey(id, 'full')) && !stored.has(imageKey(id, 'thumb')));
}

/**
 * How long after the reply a thumbnail waits: the pages showing the new step decode its full
 * image meanwhile, and on a busy machine the two would share the CPU and both be late.
 */
export const THUMBNAIL_DELAY_MS = 400;

export interface Thumbnailer {
  /** Queues thumbnails to make a moment after the reply (THUMBNAIL_DELAY_MS). */
  later(screenshotIds: string[]): void;
  /** Makes every missing thumbnail; resolves with how many were made. */
  sweep(): Promise<number>;
}

/** One thumbnail at a time, in the order asked: they share the worker with the next capture. */
export function createThumbnailer(db: AppDB, deps: ThumbnailDeps, onError: (e: unknown) => void = () => undefined, delayMs = THUMBNAIL_DELAY_MS): Thumbnailer {
  let queue: Promise<unknown> = Promise.resolve();
  const make = (ids: string[]) => {
    let made = 0;
    const turn = queue.then(async () => {
      for (const id of ids) {
        const start = performance.now();
        try {
          if (await makeThumbnail(db, deps, id)) made++;
        } catch (e) {
          // The next sweep tries again; a thumbnail is never worth a failed capture.
          onError(e);
        }
        measurePhase('thumbnail', start);
      }
      return made;
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
  return {
    later: (ids) => void setTimeout(() => void make(ids), delayMs),
    sweep: async () => make(await missingThumbnails(db)),
  };
}
