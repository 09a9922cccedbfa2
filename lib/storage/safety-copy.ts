import type { AppDB, TrashEntry } from '../db';
import { ScreenshotSchema, SessionSchema, StepSchema, imageKey, type Screenshot, type Session, type Step, type StoredImage } from '../schemas';

// The safety copy: every session's records as a small JSON journal, and its images as files,
// outside IndexedDB (in the origin-private file system; lib/browser/opfs.ts). Chromium deletes an
// IndexedDB store it marked corrupt, with every session in it; the OPFS lives in another folder
// of the profile and survives that (tests/e2e/full-disk.test.ts deletes the store and restores
// from here). It is kept in step with IndexedDB after each change, never read in ordinary use.
//
// Layout: journal/<sessionId>.json, images/<screenshotId>.<variant>, index.json ({ sessionId:
// updatedAt } of what the journals hold, so a sync reads no journal it need not rewrite).
// A journal is written after its images, so it never names a file that is not there yet.
// An image file is rewritten whenever its screenshot's bytes or annotations change: a burned
// redaction replaces the file, so the copy never keeps the erased pixels.

/** Files under one folder; paths use '/'. The browser's is OPFS, tests use a Map. */
export interface SafetyStore {
  readText(path: string): Promise<string | null>;
  writeText(path: string, text: string): Promise<void>;
  readBlob(path: string): Promise<Blob | null>;
  writeBlob(path: string, blob: Blob): Promise<void>;
  remove(path: string): Promise<void>;
}

const FORMAT = 'mystery-shopper-safety-copy';
const INDEX = 'index.json';
const journalPath = (sessionId: string) => `journal/${sessionId}.json`;
/** Ids are our own (letters, digits, '-'), so the file name needs no escaping. */
const imagePath = (imageId: string) => `images/${imageId.replace('/', '.')}`;

interface JournalImage {
  id: string;
  screenshotId: string;
  variant: StoredImage['variant'];
  type: string;
  /** Changes whenever the file must be rewritten (new bytes, new annotations, a burn). */
  fingerprint: string;
}

export interface Journal {
  format: typeof FORMAT;
  version: 1;
  updatedAt: number;
  session: Session;
  steps: Step[];
  screenshots: Screenshot[];
  images: JournalImage[];
}

type Index = Record<string, number>;

async function readJson<T>(store: SafetyStore, path: string): Promise<T | null> {
  const text = await store.readText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A journal cut short (the browser closed mid-write) is skipped, not fatal.
    return null;
  }
}

/** A short, stable digest of a screenshot's state: cheap, and only compared with itself. */
function fingerprint(shot: Screenshot, variant: StoredImage['variant']): string {
  const text = JSON.stringify(shot.annotations);
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${variant === 'full' ? shot.bytes : shot.thumbBytes}:${hash.toString(36)}`;
}

/**
 * Brings the copy in line with IndexedDB: rewrites the journal (and changed images) of every
 * session whose updatedAt moved. Sessions missing from IndexedDB keep their journal: only a purge
 * (`forgetTrashed`) says they were deleted on purpose. Returns how many journals it wrote.
 */
export async function syncSafetyCopy(db: AppDB, store: SafetyStore): Promise<number> {
  const index = (await readJson<Index>(store, INDEX)) ?? {};
  const sessions = await db.sessions.toArray();
  let written = 0;
  for (const session of sessions) {
    if (index[session.id] === session.updatedAt) continue;
    const old = await readJson<Journal>(store, journalPath(session.id));
    const journal = await buildJournal(db, session);
    if (!journal) continue;
    const had = new Map((old?.images ?? []).map((i) => [i.id, i.fingerprint]));
    for (const image of journal.images) {
      if (had.get(image.id) === image.fingerprint) continue;
      const row = await db.images.get(image.id);
      if (row?.blob) await store.writeBlob(imagePath(image.id), row.blob);
    }
    await store.writeText(journalPath(session.id), JSON.stringify(journal));
    // Images the session no longer shows (a step deleted) wait for its purge: Undo needs them.
    index[session.id] = session.updatedAt;
    written++;
  }
  if (written) await store.writeText(INDEX, JSON.stringify(index));
  return written;
}

async function buildJournal(db: AppDB, session: Session): Promise<Journal | null> {
  return db.transaction('r', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    const current = await db.sessions.get(session.id);
    if (!current) return null;
    const steps = await db.steps.where('[sessionId+position]').between([session.id, -Infinity], [session.id, Infinity]).toArray();
    const screenshots = await db.screenshots.where('sessionId').equals(session.id).toArray();
    const stored = new Set((await db.images.where('screenshotId').anyOf(screenshots.map((s) => s.id)).primaryKeys()) as string[]);
    const images = screenshots.flatMap((shot) =>
      (['full', 'thumb'] as const)
        .filter((variant) => stored.has(imageKey(shot.id, variant)))
        .map((variant) => ({ id: imageKey(shot.id, variant), screenshotId: shot.id, variant, type: shot.mimeType, fingerprint: fingerprint(shot, variant) })),
    );
    return { format: FORMAT, version: 1 as const, updatedAt: current.updatedAt, session: current, steps, screenshots, images };
  });
}

/** Purged trash is gone for good: its journal (a session) or its image files (a step) go too. */
export async function forgetTrashed(store: SafetyStore, entries: Pick<TrashEntry, 'kind' | 'sessionId' | 'screenshots'>[]): Promise<void> {
  const index = (await readJson<Index>(store, INDEX)) ?? {};
  for (const entry of entries) {
    for (const shot of entry.screenshots) for (const variant of ['full', 'thumb'] as const) await store.remove(imagePath(imageKey(shot.id, variant)));
    if (entry.kind === 'session') {
      await store.remove(journalPath(entry.sessionId));
      delete index[entry.sessionId];
    }
  }
  if (entries.length) await store.writeText(INDEX, JSON.stringify(index));
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
  images: number;
  /** Records or files the copy named but could not give back (cut short, or never written). */
  skipped: number;
}

/** Reads every missing session back from the copy into IndexedDB, in one transaction. */
export async function restoreFromSafetyCopy(
  db: AppDB,
  store: SafetyStore,
  sessionIds: string[],
  ensureRoom: (writeBytes: number) => Promise<void> = async () => {},
): Promise<RestoreCounts> {
  const counts: RestoreCounts = { sessions: 0, steps: 0, screenshots: 0, images: 0, skipped: 0 };
  const found: { session: Session; steps: Step[]; screenshots: Screenshot[]; images: StoredImage[] }[] = [];
  for (const id of sessionIds) {
    const journal = await readJson<Journal>(store, journalPath(id));
    const session = journal?.format === FORMAT ? SessionSchema.safeParse(journal.session) : null;
    if (!journal || !session?.success) {
      counts.skipped++;
      continue;
    }
    // Our own files, but checked like any input: a record that fails its schema is left out.
    const steps = journal.steps.flatMap((s) => (StepSchema.safeParse(s).success ? [s] : (counts.skipped++, [])));
    const screenshots = journal.screenshots.flatMap((s) => (ScreenshotSchema.safeParse(s).success ? [s] : (counts.skipped++, [])));
    const images: StoredImage[] = [];
    for (const image of journal.images) {
      const blob = await store.readBlob(imagePath(image.id));
      if (blob) images.push({ id: image.id, screenshotId: image.screenshotId, variant: image.variant, blob: new Blob([blob], { type: image.type }) });
      else counts.skipped++;
    }
    found.push({ session: session.data as Session, steps, screenshots, images });
  }
  // The images go back into IndexedDB: that must not cross the disk reserve either.
  await ensureRoom(found.reduce((sum, f) => sum + f.images.reduce((n, i) => n + i.blob.size, 0), 0));
  await db.transaction('rw', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    // Only one session may be active; one started since the loss keeps the place.
    let active = (await db.sessions.where('status').equals('active').count()) > 0;
    for (const { session, steps, screenshots, images } of found) {
      if (await db.sessions.get(session.id)) continue;
      const status = session.status === 'active' && active ? 'paused' : session.status;
      active ||= status === 'active';
      await db.sessions.add({ ...session, status });
      await db.steps.bulkPut(steps);
      await db.screenshots.bulkPut(screenshots);
      await db.images.bulkPut(images);
      counts.sessions++;
      counts.steps += steps.length;
      counts.screenshots += screenshots.length;
      counts.images += images.length;
    }
  });
  return counts;
}
