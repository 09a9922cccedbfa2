import type { AppDB, ImageDigest } from '../db';
import type { ImageVariant, StoredImage } from '../schemas';
import { sha256Hex, sniffImage } from '../image-bytes';
// vocabulary, not schemas: pages read images through this file, and schemas would bring zod to their first view.
import { imageKey } from '../vocabulary';
import { sessionRecordsForExport } from '../db/queries';
import { inOrder } from '../serial';

// Where the pixels live: once, as files in the origin-private file system (lib/browser/opfs.ts),
// keyed `${screenshotId}/${variant}`; IndexedDB holds only the records. Chromium deletes an
// IndexedDB store it marked corrupt (a write that met a full disk), with every blob in it; the
// OPFS is another folder of the profile and survives that, so with the journal beside the files
// (safety-copy.ts) every session can be rebuilt. Keeping the images in both places doubled the
// space they took, which the disk reserve then had to count twice.
//
// Where the browser offers no OPFS (Firefox before 111), images stay rows of `db.images` as they
// always were: there is then no copy outside IndexedDB (README says so).
//
// Order of writes, so that nothing is lost: the file first, then the records in their IndexedDB
// transaction. A file whose transaction failed has no record: the sweep at the worker's next start
// removes it (safety-copy.ts, sweepStrayFiles). A record whose file is missing reads as undefined:
// the page shows "image missing", never a crash.
//
// Profiles from before this kept their images as `db.images` rows: readers fall back to the row
// while it exists, and `moveRowsToFiles` moves each one (file written, then row deleted).
//
// Each image's sha256 is kept in `db.imageDigests`, so a publish names images by content without
// reading them. A digest that named other bytes than the image's would publish a burned redaction's
// old pixels, so it is kept true by the one queue every image write goes through: a write drops the
// digests of its keys before the bytes change, and a digest is written only in a turn of its own that
// no write of its key came before since the bytes it hashes were read (`writes` counts them per key,
// in memory: after a restart, a digest in the table is one no write has come after).

/** Image files under one folder. The browser's is OPFS; tests use `memoryImageFiles`. */
export interface ImageFiles {
  put(id: string, blob: Blob): Promise<void>;
  /**
   * Opens a new image's file ahead of its bytes (a capture in flight): put() then only writes
   * them. Optional; an open put() never fills is let go by unprepare().
   */
  prepare?(id: string): void;
  unprepare?(id: string): Promise<void>;
  get(id: string): Promise<Blob | null>;
  remove(id: string): Promise<void>;
  /** Every stored file, with when it was last written (ms since the epoch). */
  list(): Promise<{ id: string; modified: number }[]>;
}

/** The same, in memory: for unit tests, and the measure of what a test stored. */
export function memoryImageFiles(now: () => number = Date.now): ImageFiles & { bytes(): number } {
  const files = new Map<string, { blob: Blob; modified: number }>();
  return {
    put: async (id, blob) => void files.set(id, { blob, modified: now() }),
    get: async (id) => files.get(id)?.blob ?? null,
    remove: async (id) => void files.delete(id),
    list: async () => [...files].map(([id, f]) => ({ id, modified: f.modified })),
    bytes: () => [...files.values()].reduce((n, f) => n + f.blob.size, 0),
  };
}

// The files that go with a database: every writer and reader already takes the db, and the files
// are its other half, so they are found from it rather than passed through every signature.
const attached = new WeakMap<AppDB, Promise<ImageFiles | null>>();
// One image write at a time per database: a row being moved to its file must not overwrite a
// file a burned redaction has just rewritten (the erased pixels would come back).
const queues = new WeakMap<AppDB, Promise<unknown>>();
// Per key, how many writes (or removals) began in this context: a digest is kept only for the bytes of the last.
const writes = new WeakMap<AppDB, Map<string, number>>();

const writesOf = (db: AppDB) => writes.get(db) ?? writes.set(db, new Map()).get(db)!;
const writeCount = (db: AppDB, id: string) => writesOf(db).get(id) ?? 0;

/** Inside a queue turn, before any byte of these keys changes: their digests no longer hold. */
async function beginWrites(db: AppDB, ids: readonly string[]) {
  const counts = writesOf(db);
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  await db.imageDigests.bulkDelete([...ids]);
}

async function digestOf(id: string, blob: Blob): Promise<ImageDigest> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { id, sha256: await sha256Hex(bytes), size: bytes.length, mimeType: sniffImage(bytes) };
}

/** Wiring (the background, each page) says where this db's image files are; null: none here. */
export function attachImageFiles(db: AppDB, files: ImageFiles | null | Promise<ImageFiles | null>): void {
  attached.set(db, Promise.resolve(files).catch(() => null));
}

export const imageFilesOf = (db: AppDB): Promise<ImageFiles | null> => attached.get(db) ?? Promise.resolve(null);

function serially<T>(db: AppDB, work: () => Promise<T>): Promise<T> {
  const turn = (queues.get(db) ?? Promise.resolve()).then(work);
  queues.set(db, turn.catch(() => undefined));
  return turn;
}

/**
 * Writes images where they live, then their records: with files, each file is written (and any
 * old row of the same key deleted), and `commit` (the caller's IndexedDB transaction) is handed no
 * rows; without files, `commit` gets the rows to add, as before. The files cannot be written
 * inside the transaction: awaiting anything but IndexedDB in one would end it. The whole runs in
 * this database's one queue of image writes, so a check `commit` makes (is the thumbnail still to
 * be made? did nobody save meanwhile?) holds for the files just written. `fresh`: every key is a
 * new screenshot's, so no older row can exist. `removeOnFailure`: the keys that held no image before
 * (the caller checked), whose files a failed write removes again.
 */
export function writeImages<T>(
  db: AppDB,
  images: readonly StoredImage[],
  commit: (rows: StoredImage[]) => Promise<T>,
  before?: () => Promise<boolean>,
  { fresh = false, removeOnFailure }: { fresh?: boolean; removeOnFailure?: ReadonlySet<string> } = {},
): Promise<T | null> {
  return serially(db, async () => {
    if (before && !(await before())) return null;
    const files = await imageFilesOf(db);
    const ids = images.map((i) => i.id);
    // A fresh key (a new screenshot's id) has no digest to drop, and a capture does not wait for the look.
    if (fresh) for (const id of ids) writesOf(db).set(id, writeCount(db, id) + 1);
    else await beginWrites(db, ids);
    const counts = ids.map((id) => writeCount(db, id));
    // Hashed and kept after the writes, in a turn of its own that the caller (a capture's reply) does
    // not wait for; a worker stopped first, or bytes that cannot be read back, leave the image to be
    // hashed when next needed.
    const keep = () => void serially(db, async () => {
      const hashed = await Promise.all(images.map((i) => digestOf(i.id, i.blob))).catch(() => []);
      await db.imageDigests.bulkPut(hashed.filter((d, k) => writeCount(db, d.id) === counts[k]));
    }).catch(() => undefined);
    if (!files || !images.length) {
      // Rows go in the caller's transaction, which may decide not to write them: kept only once it did.
      const result = await commit([...images]);
      if (images.length && result !== null && result !== false) keep();
      return result;
    }
    // Side by side (a capture's full image and thumbnail, opened ahead by prepareImage; an import's
    // hundreds, a few round trips to the browser each, four at a time). inOrder settles once every
    // write has, so no later write of the same key can race a slow one, and a failed batch cleans
    // up after the last of them.
    try {
      await inOrder(images, FILES_AT_ONCE, (image) => files.put(image.id, image.blob));
    } catch (e) {
      await removeNew(db, files, ids, removeOnFailure);
      throw e;
    }
    keep();
    let result: T;
    try {
      // A rewritten image (an annotation save) leaves no older row behind to be read or moved; a
      // fresh one (a new screenshot's id) has none, and a capture does not wait for the look.
      if (!fresh) await db.images.bulkDelete(ids);
      result = await commit([]);
    } catch (e) {
      await removeNew(db, files, ids, removeOnFailure);
      throw e;
    }
    return result;
  });
}

// Image files written at once (an import's hundreds): measured in Chromium's worker, four side by
// side take about two thirds of the time of one after another; eight gain little more and raised
// the browser process's peak during a 200-step import from 1.6x to 2.4x the images' bytes.
const FILES_AT_ONCE = 4;

/**
 * A write that failed (a file, or the records' transaction) takes back the files it made where no
 * image was before, so a refused import leaves no file behind; the sweep at the next start
 * (safety-copy.ts) stays the net for a worker stopped in between.
 */
async function removeNew(db: AppDB, files: ImageFiles, ids: readonly string[], created: ReadonlySet<string> | undefined) {
  if (!created) return;
  const removed = ids.filter((id) => created.has(id));
  // Counted as a write: the digests queued for these bytes are not kept, as no file holds them now.
  await beginWrites(db, removed);
  await inOrder(removed, FILES_AT_ONCE, (id) => files.remove(id).catch(() => undefined));
}

// Images hashed side by side in one queue turn: enough to keep the crypto thread busy, few enough
// that a capture waiting for the queue waits for a few dozen milliseconds at most.
const HASH_TURN = 16;

/**
 * The digests of these image keys (missing keys left out): as kept, else hashed now, a few images per
 * queue turn so captures go on meanwhile. `current(id)` says, after the caller has read the image
 * itself, whether its bytes are still the ones the digest names: no write of that key has begun since.
 */
export async function imageDigests(db: AppDB, ids: readonly string[]): Promise<{ digests: Map<string, ImageDigest>; current(id: string): boolean }> {
  const counts = new Map<string, number>();
  const digests = new Map<string, ImageDigest>();
  // In a turn: no write is half done, so every kept digest names its image's bytes.
  const kept = await serially(db, async () => {
    for (const id of ids) counts.set(id, writeCount(db, id));
    return db.imageDigests.bulkGet([...ids]);
  });
  const missing: string[] = [];
  ids.forEach((id, k) => (kept[k] ? digests.set(id, kept[k]!) : missing.push(id)));
  for (let at = 0; at < missing.length; at += HASH_TURN) {
    const batch = missing.slice(at, at + HASH_TURN);
    await serially(db, async () => {
      const found = await Promise.all(batch.map(async (id) => {
        const blob = await readImage(db, id);
        return blob ? digestOf(id, blob) : null;
      }));
      const made = found.filter((d): d is ImageDigest => d !== null);
      await db.imageDigests.bulkPut(made);
      for (const digest of made) {
        counts.set(digest.id, writeCount(db, digest.id));
        digests.set(digest.id, digest);
      }
    });
  }
  return { digests, current: (id) => counts.get(id) === writeCount(db, id) };
}

/**
 * Opens a new image's file while its bytes are still being taken (lib/capture/pipeline.ts), so
 * that its commit only writes them; answers the release to call once the capture is over, stored
 * or not (a file its commit did not fill is let go, empty; the sweep removes any left behind).
 */
export function prepareImage(db: AppDB, id: string): () => void {
  const files = imageFilesOf(db);
  void files.then((f) => f?.prepare?.(id));
  return () => void files.then((f) => f?.unprepare?.(id)).catch(() => undefined);
}

/** One image: its file, else its row (a profile not yet moved, or no OPFS); undefined when missing. */
export async function readImage(db: AppDB, id: string): Promise<Blob | undefined> {
  const files = await imageFilesOf(db);
  const file = files ? await files.get(id) : null;
  return file ?? (await db.images.get(id))?.blob;
}

/**
 * A stored image for a page. A thumbnail still to be made (see lib/capture/thumbnails.ts) is
 * answered with the full image, which the page shows scaled down until the thumbnail lands.
 */
export async function imageBlob(db: AppDB, screenshotId: string, variant: ImageVariant): Promise<Blob | undefined> {
  const found = await readImage(db, imageKey(screenshotId, variant));
  if (found || variant === 'full') return found;
  return readImage(db, imageKey(screenshotId, 'full'));
}

/** Everything one session's exports need, pixels included; a missing image comes as undefined. */
export async function sessionForExport(db: AppDB, sessionId: string) {
  const records = await sessionRecordsForExport(db, sessionId);
  if (!records) return undefined;
  const blobs = await Promise.all(records.screenshots.map((s) => readImage(db, imageKey(s.id, 'full'))));
  return { session: records.session, steps: records.steps, shots: records.screenshots.map((screenshot, i) => ({ screenshot, blob: blobs[i] })) };
}

/** Which of these image keys hold an image, as a file or a row (an import must not overwrite one). */
export async function storedImageIds(db: AppDB, ids: readonly string[]): Promise<Set<string>> {
  const files = await imageFilesOf(db);
  const rows = await db.images.bulkGet([...ids]);
  const found = new Set(ids.filter((_, i) => rows[i]));
  if (files) {
    const lookedUp = await inOrder(ids, FILES_AT_ONCE * 2, async (id) => found.has(id) || (await files.get(id)) !== null);
    ids.forEach((id, i) => lookedUp[i] && found.add(id));
  }
  return found;
}

/** Both images of each screenshot, by key. */
export const imageIdsOfShots = (screenshotIds: readonly string[]) => screenshotIds.flatMap((id) => [imageKey(id, 'full'), imageKey(id, 'thumb')]);

/** Removes images for good, files and rows (their records are already gone: a purge). */
export async function removeImages(db: AppDB, ids: readonly string[]): Promise<void> {
  const files = await imageFilesOf(db);
  await serially(db, async () => {
    await beginWrites(db, ids);
    if (files) for (const id of ids) await files.remove(id);
    await db.images.bulkDelete([...ids]);
  });
}

/**
 * Moves rows of `db.images` (profiles from before the files) into files, one at a time: the file
 * is written, then the row deleted; a worker stopped in between finds the row again next time and
 * writes the same bytes. Returns how many moved; 0 without files.
 */
export async function moveRowsToFiles(db: AppDB): Promise<number> {
  const files = await imageFilesOf(db);
  if (!files) return 0;
  let moved = 0;
  for (const id of (await db.images.toCollection().primaryKeys()) as string[]) {
    await serially(db, async () => {
      // Read again under the queue: a save since the listing may have replaced the row by a file.
      const row = await db.images.get(id);
      if (!row) return;
      await files.put(id, row.blob);
      await db.images.delete(id);
      moved++;
    });
  }
  return moved;
}

/** Screenshot id and variant of an image key; null for a name that is none of ours. */
export function parseImageKey(id: string): { screenshotId: string; variant: ImageVariant } | null {
  const m = /^([^/]+)\/(full|thumb)$/.exec(id);
  return m ? { screenshotId: m[1]!, variant: m[2] as ImageVariant } : null;
}
