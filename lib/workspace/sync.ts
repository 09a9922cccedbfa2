import type { AppDB } from '../db';
import { importIntoDb } from '../bundle/write';
import { imageIdsOfShots, removeImages } from '../storage/images';
import { AppFailure, toAppError } from '../errors';
import { timed } from '../capture/marks';
import { basicAuth, type WorkspaceConfig } from './config';
import { DavClient } from './dav';
import { problemOf, workspaceFailure, workspaceSentence, type WorkspaceProblem } from './errors';
import type { Http } from './http';
import { downloadSession } from './open';
import { publishSession, tombstoneSession, type Member } from './publish';
import { publishDataFromDb } from './source';
import { pullTeam } from './pull';
import { deleteCopy, knownTeam, storeChange } from './team-store';
import { enqueue, nextDue, recordFailure } from './queue';
import type { ReadBundleOptions } from '../bundle/import';
import type { SyncStatus, TeamCopy, WorkspaceJob } from '../db/workspace';
import type { Session } from '../schemas';

// The sync engine: runs queued jobs, pulls the team library, opens team sessions. Everything it
// learns goes to IndexedDB before it answers; local sessions are only read, never changed, by
// publishing, so a failed sync can never cost captured work.

export interface SyncDeps {
  db: AppDB;
  http: Http;
  config(): Promise<WorkspaceConfig | null>;
  now(): number;
  wait(ms: number): Promise<void>;
  appVersion: string;
  newId(): string;
  /** The image decoder a downloaded bundle is checked with, as an import is (lib/bundle/decode.ts). */
  decode: ReadBundleOptions['decode'];
  /**
   * The disk reserve (lib/browser/storage.ts): throws storage-full when writing this many bytes
   * would cross it. A pull or an open is refused as a capture or an import is, before it writes.
   */
  ensureRoom?(writeBytes: number): Promise<void>;
}

export const SETTLE_MS = 15_000;

export function davFor(deps: Pick<SyncDeps, 'http'>, config: WorkspaceConfig, signal?: AbortSignal): DavClient {
  return new DavClient({ folderUrl: config.folderUrl, authorization: basicAuth(config.user, config.password), http: deps.http, signal });
}

const member = (c: WorkspaceConfig): Member => ({ memberId: c.memberId, memberName: c.memberName });

async function setStatus(db: AppDB, patch: Partial<Omit<SyncStatus, 'id'>>) {
  await db.transaction('rw', db.syncStatus, async () => {
    const had = (await db.syncStatus.get('status')) ?? { id: 'status' as const, running: null, lastPullAt: null, lastError: null };
    await db.syncStatus.put({ ...had, ...patch });
  });
}

/**
 * Progress per file, written one transaction at a time with only the latest figure, and at most
 * one write per PROGRESS_SPACING_MS: each write is a transaction on the worker's thread and a
 * re-render of every page that shows the status line, and a publish of hundreds of small files wrote
 * one per file back to back, on the thread that dispatches the uploads (bench/workspace.mjs). A
 * person reads a count at a few changes a second. `drain` before the final status writes the latest
 * figure at once (no spacing), so no older figure lands after it.
 */
export const PROGRESS_SPACING_MS = 250;

function progressWriter(db: AppDB, running: (done: number, total: number) => SyncStatus['running']) {
  let latest: SyncStatus['running'] | null = null;
  let writing: Promise<void> | null = null;
  let lastWrite = 0;
  let wake: (() => void) | null = null;
  const flush = async () => {
    while (latest) {
      const gap = lastWrite + PROGRESS_SPACING_MS - performance.now();
      if (gap > 0) {
        // drain wakes it early; the timer left behind resolves nothing twice.
        await new Promise<void>((resolve) => setTimeout((wake = resolve), gap));
      }
      const next = latest;
      latest = null;
      lastWrite = performance.now();
      await setStatus(db, { running: next });
    }
    writing = null;
  };
  return {
    progress(done: number, total: number) {
      latest = running(done, total);
      writing ??= flush();
    },
    drain: () => {
      // No more spacing: the latest figure is written at once.
      lastWrite = -PROGRESS_SPACING_MS;
      wake?.();
      return writing ?? Promise.resolve();
    },
  };
}

async function fail(db: AppDB, e: unknown, now: number): Promise<{ problem: WorkspaceProblem; message: string }> {
  const error = toAppError(e);
  const problem = problemOf(e) ?? 'server';
  const message = error.kind === 'workspace' ? error.message : workspaceSentence('server', error.kind === 'internal' ? error.detail : error.kind);
  if (problem !== 'cancelled') await setStatus(db, { running: null, lastError: { problem, message, at: now } });
  else await setStatus(db, { running: null });
  return { problem, message };
}

/** Runs every job that is due, one at a time, until none is; returns how many succeeded. */
export async function runQueue(deps: SyncDeps, signal?: AbortSignal): Promise<number> {
  const config = await deps.config();
  if (!config) return 0;
  let done = 0;
  for (;;) {
    if (signal?.aborted) return done;
    const job = await nextDue(deps.db, deps.now());
    if (!job) return done;
    try {
      await runJob(deps, config, job, signal);
      await deps.db.workspaceJobs.delete(job.id);
      done++;
      await setStatus(deps.db, { running: null, lastError: null });
    } catch (e) {
      const { problem, message } = await fail(deps.db, e, deps.now());
      await recordFailure(deps.db, job, problem, message, deps.now());
      if (problem === 'not-author' || problem === 'deleted' || problem === 'conflict') await stopPublishing(deps.db, job.sessionId, problem, message);
      if (problem === 'cancelled') return done;
    }
  }
}

async function stopPublishing(db: AppDB, sessionId: string, problem: WorkspaceProblem, message: string) {
  await db.publications.update(sessionId, { problem, message });
}

async function runJob(deps: SyncDeps, config: WorkspaceConfig, job: WorkspaceJob, signal?: AbortSignal) {
  const { db } = deps;
  const dav = davFor(deps, config, signal);
  const session = await db.sessions.get(job.sessionId);
  const title = session?.title ?? 'a deleted session';
  const writer = progressWriter(db, (done, total) => ({ kind: job.kind, sessionId: job.sessionId, title, done, total }));
  try {
    await runJobWith(deps, config, job, dav, session, writer.progress);
  } finally {
    await writer.drain();
  }
}

async function runJobWith(deps: SyncDeps, config: WorkspaceConfig, job: WorkspaceJob, dav: DavClient, session: Session | undefined, progress: (done: number, total: number) => void) {
  const { db } = deps;
  progress(0, 1);
  if (job.kind === 'tombstone') {
    await tombstoneSession({ dav, now: deps.now, wait: deps.wait }, job.sessionId, member(config));
    await db.publications.delete(job.sessionId);
    return;
  }
  if (!session) return; // deleted since: the tombstone job takes over once the trash is purged
  const copy = await db.teamCopies.get(job.sessionId);
  if (copy) throw workspaceFailure('not-author', copy.authorName);
  // Read from this device while publishSession asks the server what it holds.
  const reading = timed('publish:source', () => publishDataFromDb(db, job.sessionId));
  const published = await publishSession({ dav, now: deps.now, wait: deps.wait, appVersion: deps.appVersion, progress }, { sessionId: job.sessionId, data: reading }, member(config));
  const data = await reading;
  const now = deps.now();
  const had = await db.publications.get(job.sessionId);
  await db.publications.put({
    sessionId: job.sessionId,
    rev: published.rev,
    minRev: published.minRev,
    publishedUpdatedAt: data.sessions[0]!.updatedAt,
    firstPublishedAt: had?.firstPublishedAt ?? now,
    lastPublishedAt: now,
    problem: null,
    message: null,
  });
}

/**
 * Published sessions edited since their last publish are queued once the edits settle (the job's
 * due time moves with every further edit); published sessions purged from the trash are tombstoned.
 */
export async function queueFollowUps(db: AppDB, now: number): Promise<void> {
  const pubs = await db.publications.toArray();
  if (pubs.length === 0) return;
  const sessions = await db.sessions.bulkGet(pubs.map((p) => p.sessionId));
  const trashed = new Set((await db.trash.toArray()).filter((t) => t.kind === 'session').map((t) => t.sessionId));
  for (const [i, pub] of pubs.entries()) {
    const session = sessions[i];
    if (pub.problem) continue;
    if (!session) {
      if (!trashed.has(pub.sessionId)) await enqueue(db, 'tombstone', pub.sessionId, now);
    } else if (session.updatedAt > pub.publishedUpdatedAt) await enqueue(db, 'publish', pub.sessionId, now, session.updatedAt + SETTLE_MS);
  }
}

/** Pulls the team library; returns what changed, for the UI's status line. */
export async function pull(deps: SyncDeps, signal?: AbortSignal): Promise<{ changed: number; bytes: number; refused: string[] }> {
  const { db } = deps;
  const config = await deps.config();
  if (!config) throw workspaceFailure('not-connected');
  // Already inside the reserve: refused before even the status line is written.
  await deps.ensureRoom?.(0);
  try {
    const dav = davFor(deps, config, signal);
    const known = await knownTeam(db);
    await setStatus(db, { running: { kind: 'pull', sessionId: null, title: 'the team library', done: 0, total: 1 } });
    const writer = progressWriter(db, (done, total) => ({ kind: 'pull', sessionId: null, title: 'the team library', done, total }));
    let changed = 0;
    // Each author's rows are stored as they arrive (one at a time): the library shows the first while the rest download.
    const result = await pullTeam(
      dav,
      known,
      async (change) => {
        // What came down is what the library writes; known only now, still before any of it is stored.
        if ('bytes' in change) await deps.ensureRoom?.(change.bytes);
        changed += await storeChange(db, change);
      },
      writer.progress,
    ).finally(writer.drain);
    await setStatus(db, { running: null, lastPullAt: deps.now(), lastError: null });
    return { changed, bytes: result.bytes, refused: result.refused };
  } catch (e) {
    await fail(db, e, deps.now());
    throw e;
  }
}

/**
 * Opens a team session: downloads its current revision once and keeps it, read-only, unless this
 * member is its author (then it becomes theirs to edit and publish, as on the device that made it).
 */
export async function openTeamSession(deps: SyncDeps, sessionId: string, signal?: AbortSignal): Promise<{ sessionId: string; readOnly: boolean }> {
  const { db } = deps;
  const config = await deps.config();
  if (!config) throw workspaceFailure('not-connected');
  const row = await db.teamRows.get(sessionId);
  const team = row?.entry;
  if (!team) throw workspaceFailure('deleted');
  const copy = await db.teamCopies.get(sessionId);
  const local = await db.sessions.get(sessionId);
  if (local && !copy) return { sessionId, readOnly: false };
  if (copy && copy.rev === team.rev) return { sessionId, readOnly: true };
  await deps.ensureRoom?.(0);
  try {
    const title = team.row.title;
    const writer = progressWriter(db, (done, total) => ({ kind: 'open', sessionId, title, done, total }));
    const down = await downloadSession(davFor(deps, config, signal), sessionId, {
      wait: deps.wait,
      decode: deps.decode,
      signal,
      progress: writer.progress,
    }).finally(writer.drain);
    // The revision's bytes are what the import stores (images once, as files, and the records).
    await deps.ensureRoom?.(down.bytes);
    const mine = down.author === config.memberId;
    const now = deps.now();
    // The old copy's records go in the import's transaction; images of the old revision that the
    // new one lacks (its screenshots keep their ids) are removed once that committed.
    let old: string[] = [];
    await importIntoDb(db, down.bundle, deps.newId, now, {
      sessionId,
      tables: [db.teamCopies, db.publications],
      remove: async () => void (old = await deleteCopy(db, sessionId)),
      async then() {
        const session = await db.sessions.get(sessionId);
        if (!session) throw workspaceFailure('corrupt', 'the session could not be stored under its own id');
        if (mine) await db.publications.put({ sessionId, rev: down.rev, minRev: team.minRev, publishedUpdatedAt: session.updatedAt, firstPublishedAt: now, lastPublishedAt: now, problem: null, message: null });
        else {
          const copyRow: TeamCopy = { sessionId, author: down.author, authorName: row.authorName, rev: down.rev, openedAt: now };
          await db.teamCopies.put(copyRow);
        }
      },
    });
    const kept = new Set(imageIdsOfShots((await db.screenshots.where('sessionId').equals(sessionId).primaryKeys()) as string[]));
    await removeImages(db, old.filter((id) => !kept.has(id)));
    await setStatus(db, { running: null });
    return { sessionId, readOnly: !mine };
  } catch (e) {
    await fail(db, e, deps.now());
    throw e instanceof AppFailure ? e : workspaceFailure('server', String(e));
  }
}

/** Refuses a write to a team session this member only reads. */
export async function assertWritable(db: AppDB, ref: { sessionId?: string; stepId?: string; screenshotId?: string }): Promise<void> {
  let sessionId = ref.sessionId;
  if (!sessionId && ref.stepId) sessionId = (await db.steps.get(ref.stepId))?.sessionId;
  if (!sessionId && ref.screenshotId) sessionId = (await db.screenshots.get(ref.screenshotId))?.sessionId;
  if (!sessionId) return;
  const copy = await db.teamCopies.get(sessionId);
  if (copy) throw workspaceFailure('not-author', copy.authorName);
}
