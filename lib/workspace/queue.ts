import type { AppDB } from '../db';
import { TRANSIENT, type WorkspaceProblem } from './errors';
import type { WorkspaceJob } from '../db/workspace';

// The queue of network work, in IndexedDB so that a stopped worker or a closed browser resumes it.
// Decisions (when a job is due, how long to back off, what stops for good) are pure functions here.

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 10 * 60_000;

/** 5 s, 10 s, 20 s … capped at 10 minutes. */
export function backoff(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export type Outcome = 'retry' | 'blocked' | 'dropped';

/**
 * What a failure does to its job: transient problems are retried with backoff; problems the user
 * must fix (the password, the address, rights) block the queue until they reconnect or retry; a
 * session that is someone else's or was deleted is dropped (and its publication says why).
 */
export function outcomeOf(problem: WorkspaceProblem): Outcome {
  if (TRANSIENT.has(problem)) return 'retry';
  if (problem === 'conflict' || problem === 'not-author' || problem === 'deleted' || problem === 'cancelled') return 'dropped';
  return 'blocked';
}

export const jobId = (kind: WorkspaceJob['kind'], sessionId: string) => `${kind}:${sessionId}`;

/** Adds a job, or moves an existing one's due time (never earlier than asked, never blocked again). */
export async function enqueue(db: AppDB, kind: WorkspaceJob['kind'], sessionId: string, now: number, notBefore = now): Promise<void> {
  await db.transaction('rw', db.workspaceJobs, async () => {
    const id = jobId(kind, sessionId);
    const had = await db.workspaceJobs.get(id);
    if (had) await db.workspaceJobs.update(id, { notBefore, attempts: 0, problem: null, message: null });
    else await db.workspaceJobs.add({ id, kind, sessionId, attempts: 0, notBefore, createdAt: now, problem: null, message: null });
  });
}

/** The next job due at `now`, oldest due first. */
export async function nextDue(db: AppDB, now: number): Promise<WorkspaceJob | undefined> {
  return db.workspaceJobs.where('notBefore').belowOrEqual(now).first();
}

/** When the next job is due, for the timer (null: nothing waits, or only blocked work). */
export async function nextDueAt(db: AppDB): Promise<number | null> {
  const job = await db.workspaceJobs.where('notBefore').below(Infinity).first();
  return job ? job.notBefore : null;
}

export async function recordFailure(db: AppDB, job: WorkspaceJob, problem: WorkspaceProblem, message: string, now: number): Promise<Outcome> {
  const outcome = outcomeOf(problem);
  if (outcome === 'dropped') await db.workspaceJobs.delete(job.id);
  else {
    const attempts = job.attempts + 1;
    await db.workspaceJobs.update(job.id, { attempts, problem, message, notBefore: outcome === 'retry' ? now + backoff(attempts) : Infinity });
  }
  return outcome;
}

/** After a reconnect or the user's "Retry now": blocked and waiting work is due at once. */
export async function releaseAll(db: AppDB, now: number): Promise<void> {
  await db.workspaceJobs.toCollection().modify({ notBefore: now, problem: null, message: null });
}
