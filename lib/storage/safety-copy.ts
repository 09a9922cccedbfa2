import type { AppDB, TrashEntry } from '../db';
import { ScreenshotSchema, SessionSchema, StepSchema, type Screenshot, type Session, type Step } from '../schemas';
import { PENDING_THUMB_BYTES } from '../step/commit';
import { imageFilesOf, imageIdsOfShots, parseImageKey, readImage, removeImages } from './images';

// The safety journal: every session's records as a small JSON file in the origin-private file
// system (lib/browser/opfs.ts), beside the image files (./images.ts). Chromium deletes an
// IndexedDB store it marked corrupt, with every record in it; the OPFS lives in another folder of
// the profile and survives that, so the journal plus the files rebuild every session
// (tests/e2e/full-disk.test.ts deletes the store and restores from here). The images are not
// copied: they live only as those files, so the journal costs kilobytes, not a second set of
// pixels. It is kept in step with IndexedDB after each change, never read in ordinary use.
//
// Layout: journal/<sessionId>.json, index.json ({ sessionId: updatedAt } of what the journals
// hold, so a sync reads no journal it need not rewrite).

/** Text files under one folder; paths use '/'. The browser's is OPFS, tests use a Map. */
export interface SafetyStore {
  readText(path: string): Promise<string | null>;
  writeText(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
}

const FORMAT = 'mystery-shopper-safety-copy';
const INDEX = 'index.json';
const journalPath = (sessionId: string) => `journal/${sessionId}.json`;

export interface Journal {
  format: typeof FORMAT;
  /** 2: images are the files themselves (version 1 named copies beside them, now the same files). */
  version: 1 | 2;
  updatedAt: number;
  session: Session;
  steps: Step[];
  screenshots: Screenshot[];
}

type Index = Record<string, number>;

async function readJson<T>(store: SafetyStore, path: string): Promise<T | null> {
  return parseJson<T>(await store.readText(path));
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A journal cut short (the browser closed mid-write) is skipped, not fatal.
    return null;
  }
}

/**
 * Brings the journal in line with IndexedDB: rewrites the journal of every session whose
 * updatedAt moved. Sessions missing from IndexedDB keep their journal: only a purge
 * (`forgetTrashed`) says they were deleted on purpose. Returns how many journals it wrote.
 */
export async function syncSafetyCopy(db: AppDB, store: SafetyStore): Promise<number> {
  const index = (await readJson<Index>(store, INDEX)) ?? {};
  const sessions = await db.sessions.toArray();
  let written = 0;
  for (const session of sessions) {
    if (index[session.id] === session.updatedAt) continue;
    const journal = await buildJournal(db, session);
    if (!journal) continue;
    await store.writeText(journalPath(session.id), JSON.stringify(journal));
    index[session.id] = session.updatedAt;
    written++;
  }
  if (written) await store.writeText(INDEX, JSON.stringify(index));
  return written;
}

async function buildJournal(db: AppDB, session: Session): Promise<Journal | null> {
  return db.transaction('r', [db.sessions, db.steps, db.screenshots], async () => {
    const current = await db.sessions.get(session.id);
    if (!current) return null;
    const steps = await db.steps.where('[sessionId+position]').between([session.id, -Infinity], [session.id, Infinity]).toArray();
    const screenshots = await db.screenshots.where('sessionId').equals(session.id).toArray();
    return { format: FORMAT, version: 2 as const, updatedAt: current.updatedAt, session: current, steps, screenshots };
  });
}

/** Purged trash is gone for good: its journal (a session) goes too; its image files went with the purge. */
export async function forgetTrashed(store: SafetyStore, entries: Pick<TrashEntry, 'kind' | 'sessionId'>[]): Promise<void> {
  const sessions = entries.filter((e) => e.kind === 'session');
  if (!sessions.length) return;
  const index = (await readJson<Index>(store, INDEX)) ?? {};
  for (const entry of sessions) {
    await store.remove(journalPath(entry.sessionId));
    delete index[entry.sessionId];
  }
  await store.writeText(INDEX, JSON.stringify(index));
}

/** Journaled sessions that IndexedDB lacks and the trash does not hold: what a restore would bring back. */
export async function missingSessions(db: AppDB, store: SafetyStore): Promise<string[]> {
  const index = (await readJson<Index>(store, INDEX)) ?? {};
  const ids = Object.keys(index);
  const [live, trashed] = await Promise.all([db.sessions.bulkGet(ids), db.trash.toArray()]);
  const inTrash = new Set(trashed.filter((t) => t.kind === 'session').map((t) => t.sessionId));
  return ids.filter((id, i) => !live[i] && !inTrash.has(id));
}

export interface RestoreCounts {
  sessions: number;
  steps: number;
  screenshots: number;
  /** Image files found for the restored screenshots (they stayed where they were). */
  images: number;
  /** Records the journal named but could not give back (cut short), and image files missing. */
  skipped: number;
}

/** Images a screenshot should have: the full one, and its thumbnail unless that was still to be made. */
const expectedImages = (shots: readonly Screenshot[]) =>
  imageIdsOfShots(shots.map((s) => s.id)).filter((id) => {
    const key = parseImageKey(id)!;
    return key.variant === 'full' || shots.find((s) => s.id === key.screenshotId)!.thumbBytes !== PENDING_THUMB_BYTES;
  });

/** Reads every missing session's records back from the journal into IndexedDB, in one transaction. */
export async function restoreFromSafetyCopy(
  db: AppDB,
  store: SafetyStore,
  sessionIds: string[],
  ensureRoom: (writeBytes: number) => Promise<void> = async () => {},
): Promise<RestoreCounts> {
  const counts: RestoreCounts = { sessions: 0, steps: 0, screenshots: 0, images: 0, skipped: 0 };
  const found: { session: Session; steps: Step[]; screenshots: Screenshot[]; images: number; bytes: number }[] = [];
  for (const id of sessionIds) {
    const text = await store.readText(journalPath(id));
    const journal = parseJson<Journal>(text);
    const session = journal?.format === FORMAT ? SessionSchema.safeParse(journal.session) : null;
    if (!journal || !session?.success) {
      counts.skipped++;
      continue;
    }
    // Our own files, but checked like any input: a record that fails its schema is left out.
    const steps = journal.steps.flatMap((s) => (StepSchema.safeParse(s).success ? [s] : (counts.skipped++, [])));
    const screenshots = journal.screenshots.flatMap((s) => (ScreenshotSchema.safeParse(s).success ? [s] : (counts.skipped++, [])));
    // The pixels never left their files; a missing one shows as "image missing" on its step.
    let images = 0;
    for (const imageId of expectedImages(screenshots)) {
      if (await readImage(db, imageId)) images++;
      else counts.skipped++;
    }
    found.push({ session: session.data as Session, steps, screenshots, images, bytes: text!.length });
  }
  // Only records go back into IndexedDB, but those must not cross the disk reserve either.
  await ensureRoom(found.reduce((sum, f) => sum + f.bytes, 0));
  await db.transaction('rw', [db.sessions, db.steps, db.screenshots], async () => {
    // Only one session may be active; one started since the loss keeps the place.
    let active = (await db.sessions.where('status').equals('active').count()) > 0;
    for (const { session, steps, screenshots, images } of found) {
      if (await db.sessions.get(session.id)) continue;
      const status = session.status === 'active' && active ? 'paused' : session.status;
      active ||= status === 'active';
      await db.sessions.add({ ...session, status });
      await db.steps.bulkPut(steps);
      await db.screenshots.bulkPut(screenshots);
      counts.sessions++;
      counts.steps += steps.length;
      counts.screenshots += screenshots.length;
      counts.images += images;
    }
  });
  return counts;
}

/**
 * Removes image files no record names: written by a capture or import whose transaction then
 * failed. A file is kept while a live screenshot, one in the trash, or one in a journal (a session
 * the browser deleted and a restore will bring back) names it, and while it is younger than
 * `minAgeMs` (its records may be on their way). Returns how many went.
 */
export async function sweepStrayFiles(db: AppDB, store: SafetyStore | null, now: number, minAgeMs: number): Promise<number> {
  const files = await imageFilesOf(db);
  if (!files) return 0;
  const listed = await files.list();
  const named = new Set<string>((await db.screenshots.toCollection().primaryKeys()) as string[]);
  for (const entry of await db.trash.toArray()) for (const shot of entry.screenshots) named.add(shot.id);
  const index = store ? ((await readJson<Index>(store, INDEX)) ?? {}) : {};
  for (const sessionId of Object.keys(index)) {
    const journal = await readJson<Journal>(store!, journalPath(sessionId));
    // A journal that cannot be read says nothing can go: keep every file rather than guess.
    if (!journal) return 0;
    for (const shot of journal.screenshots) named.add(shot.id);
  }
  const stray = listed
    .filter(({ id, modified }) => {
      const key = parseImageKey(id);
      return modified <= now - minAgeMs && !(key && named.has(key.screenshotId));
    })
    .map(({ id }) => id);
  // Through the image queue, like every removal: each file's digest goes with it (a publish must
  // never name bytes that are gone), and a digest being hashed meanwhile is not kept.
  if (stray.length) await removeImages(db, stray);
  return stray.length;
}
