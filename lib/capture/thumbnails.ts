import type { AppDB } from '../db';
import { imageKey } from '../schemas';
import { readImage, writeImages } from '../storage/images';
import { PENDING_THUMB_BYTES } from '../step/commit';
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
  // The record says whether the thumbnail is still to be made: image files are not in IndexedDB.
  const shot = await db.screenshots.get(screenshotId);
  if (!shot || shot.thumbBytes !== PENDING_THUMB_BYTES) return false;
  const blob = await readImage(db, imageKey(screenshotId, 'full'));
  if (!blob) return false;
  const full = { blob, bytes: shot.bytes };
  const thumb = await deps.drawThumb(full.blob);
  // Deleted, given a thumbnail, or re-encoded (a redaction burned in) while this one was drawn:
  // checked before the file is written, or an annotated thumbnail would be overwritten.
  const stillPending = async () => {
    const now = await db.screenshots.get(screenshotId);
    return !!now && now.bytes === full.bytes && now.thumbBytes === PENDING_THUMB_BYTES;
  };
  const image = { id: imageKey(screenshotId, 'thumb'), screenshotId, variant: 'thumb' as const, blob: thumb.blob };
  // The file first: a stopped worker leaves a file the record does not count yet, and the next
  // sweep draws and writes it again over the same name.
  const made = await writeImages(db, [image], (rows) => db.transaction('rw', [db.sessions, db.screenshots, db.images], async () => {
    const shot = await db.screenshots.get(screenshotId);
    if (!shot || !(await stillPending())) return false;
    await db.images.bulkPut(rows);
    await db.screenshots.update(screenshotId, { thumbWidth: thumb.width, thumbHeight: thumb.height, thumbBytes: thumb.blob.size });
    // The library's summaries count the thumbnail's bytes, and key on the session's updatedAt.
    await db.sessions.update(shot.sessionId, { updatedAt: deps.now() });
    return true;
  }), stillPending);
  return made ?? false;
}

/** Screenshots whose thumbnail is still to be made, as their records say. */
export async function missingThumbnails(db: AppDB): Promise<string[]> {
  return (await db.screenshots.filter((s) => s.thumbBytes === PENDING_THUMB_BYTES).primaryKeys()) as string[];
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
