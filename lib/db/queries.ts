import { Dexie } from 'dexie';
import type { AppDB } from './index';
import type { SavedRubric, Screenshot, Session, Step } from '../schemas';
import type { SessionSummary } from '../library/summary';
import type { TeamSessionRow } from '../library/team-index';
import type { Publication, SyncStatus, TeamCopy, TeamRow } from './workspace';

// Every read the pages and the background share, in one place: "who reads what" is this file.
// Pages reach these only through the hooks in components/data/; the popup asks the background
// (popupState). Writes go through the background (see lib/session/ and lib/step/).

export async function activeSession(db: AppDB): Promise<Session | undefined> {
  return db.sessions.where('status').equals('active').first();
}

export async function sessionById(db: AppDB, sessionId: string): Promise<Session | undefined> {
  return db.sessions.get(sessionId);
}

/** The stored note of a step; undefined when the step is gone (a note saver's replay). */
export async function stepNote(db: AppDB, stepId: string): Promise<string | undefined> {
  return (await db.steps.get(stepId))?.note;
}

export async function sessionsByRecent(db: AppDB, limit = 50): Promise<Session[]> {
  return db.sessions.orderBy('updatedAt').reverse().limit(limit).toArray();
}

export async function stepsOfSession(db: AppDB, sessionId: string): Promise<Step[]> {
  return db.steps
    .where('[sessionId+position]')
    .between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey])
    .toArray();
}

/** Screenshot metadata of a session, grouped by step id; no pixels are read. */
export async function screenshotsBySession(db: AppDB, sessionId: string) {
  const shots = await db.screenshots.where('sessionId').equals(sessionId).toArray();
  const byStep = new Map<string, typeof shots>();
  for (const shot of shots) {
    const list = byStep.get(shot.stepId) ?? [];
    list.push(shot);
    byStep.set(shot.stepId, list);
  }
  for (const list of byStep.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  return byStep;
}

/** A session's steps and its screenshot records grouped by step, in one read transaction. */
export async function stepsWithShots(db: AppDB, sessionId: string) {
  return db.transaction('r', [db.steps, db.screenshots], async () => {
    const [steps, shots] = await Promise.all([stepsOfSession(db, sessionId), screenshotsBySession(db, sessionId)]);
    return { steps, shots };
  });
}

/** The screenshot records of one step, oldest first. */
export async function shotsOfStep(db: AppDB, stepId: string) {
  return (await db.screenshots.where('stepId').equals(stepId).toArray()).sort((a, b) => a.createdAt - b.createdAt);
}

/** Rubrics the team saved, most recently changed first. */
export async function savedRubrics(db: AppDB): Promise<SavedRubric[]> {
  return db.rubrics.orderBy('updatedAt').reverse().toArray();
}

/**
 * Everything one session's exports need but the pixels, which live as files (lib/storage/images.ts
 * reads them and answers the whole; reads only, exports never write).
 */
export async function sessionRecordsForExport(db: AppDB, sessionId: string) {
  // One read transaction: a capture or delete running meanwhile cannot mix two states.
  return db.transaction('r', [db.sessions, db.steps, db.screenshots], async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) return undefined;
    const steps = await stepsOfSession(db, sessionId);
    const screenshots = await db.screenshots.where('sessionId').equals(sessionId).toArray();
    screenshots.sort((a, b) => a.createdAt - b.createdAt);
    return { session, steps, screenshots };
  });
}

/**
 * The library's rows and each session's updatedAt, read from index keys: no session record, no
 * step. lib/library/filter.ts joins them (a summary older than its session is marked stale).
 */
export async function libraryData(db: AppDB, recent?: number) {
  return db.transaction('r', [db.sessions, db.summaries], async () => {
    // `recent`: a first screen before the rest arrives, the most recently changed rows and the keys
    // of as many sessions, with the sessions counted rather than listed. Keys read through an index
    // cost a live query one entry each in the ranges it watches (Dexie's), which for 1,000
    // sessions is milliseconds the first screen need not wait for.
    const sessions = recent === undefined ? db.sessions.orderBy('updatedAt') : db.sessions.orderBy('updatedAt').reverse().limit(recent);
    const [count, ids, updatedAt, summaries] = await Promise.all([
      db.sessions.count(),
      sessions.primaryKeys(),
      sessions.keys(),
      recent === undefined ? db.summaries.toArray() : db.summaries.orderBy('sessionUpdatedAt').reverse().limit(recent).toArray(),
    ]);
    // Complete: every session's keys and every summary are here.
    const complete = recent === undefined || (summaries.length < recent && count <= recent);
    return { summaries, updated: new Map(ids.map((id, i) => [id, updatedAt[i] as number])), count, complete };
  });
}

/** The steps' words of every session, for search; read after the rows are on screen. */
export async function librarySearchTexts(db: AppDB): Promise<Map<string, string>> {
  return new Map((await db.searchTexts.toArray()).map((t) => [t.sessionId, t.text]));
}

/** Sessions with their steps, in the order asked; a missing id comes back as undefined (the compare view). */
export async function sessionsWithSteps(db: AppDB, sessionIds: readonly string[]) {
  // One read transaction, so a step captured meanwhile cannot land in one session's figures and not its own list.
  return db.transaction('r', [db.sessions, db.steps], () =>
    Promise.all(
      sessionIds.map(async (id) => {
        const session = await db.sessions.get(id);
        return session ? { session, steps: await stepsOfSession(db, id) } : undefined;
      }),
    ),
  );
}

/** A screenshot with its step, session and the step's number (1-based), or null when any is gone. */
export async function screenshotInContext(db: AppDB, screenshotId: string): Promise<{ shot: Screenshot; step: Step; session: Session; number: number } | null> {
  const shot = await db.screenshots.get(screenshotId);
  const step = shot && (await db.steps.get(shot.stepId));
  const session = step && (await db.sessions.get(step.sessionId));
  if (!shot || !step || !session) return null;
  const number = (await stepsOfSession(db, session.id)).findIndex((s) => s.id === step.id) + 1;
  return { shot, step, session, number };
}

/** What the toolbar popup shows: the recording session, else the most recent paused one, with its figures. */
export interface PopupState {
  session: Pick<Session, 'id' | 'title' | 'status'> | null;
  summary: Pick<SessionSummary, 'stepCount' | 'bas'> | null;
}

export async function popupState(db: AppDB): Promise<PopupState> {
  const found = (await activeSession(db)) ?? (await sessionsByRecent(db, 8)).find((s) => s.status === 'paused');
  if (!found) return { session: null, summary: null };
  const summary = await db.summaries.get(found.id);
  return {
    session: { id: found.id, title: found.title, status: found.status },
    summary: summary ? { stepCount: summary.stepCount, bas: summary.bas } : null,
  };
}

/** Every session's id: what "Export all" puts in one bundle. */
export async function allSessionIds(db: AppDB): Promise<string[]> {
  return (await db.sessions.toCollection().primaryKeys()) as string[];
}

// The team workspace's reads (tables of lib/db/workspace.ts); lib/workspace writes them in the background.

/** Light rows of the team library, tombstones left out (they have no updatedAt, so the index skips them). */
const liveRows = (rows: readonly TeamRow[]): TeamSessionRow[] => rows.flatMap((t) => (t.entry ? [{ ...t.entry, author: t.author, authorName: t.authorName }] : []));

/** Every team session's light row, most recently changed first (the friction view). */
export async function teamSessionRows(db: AppDB): Promise<TeamSessionRow[]> {
  return liveRows(await db.teamRows.orderBy('updatedAt').reverse().toArray());
}

/**
 * The team library with what this device holds of it: downloaded copies and its own publications.
 * `recent`: only the most recently changed rows, for a first screen before the rest is read.
 */
export async function teamLibraryData(db: AppDB, recent?: number): Promise<{ rows: TeamSessionRow[]; copies: Set<string>; published: Map<string, Publication>; complete: boolean }> {
  // One explicit read transaction: the three reads see one state, and a live query's reads in an
  // explicit transaction bypass Dexie's query cache, which deep-clones every result it hands out
  // (2,000 light rows, each with its steps, cost tens of milliseconds to clone).
  return db.transaction('r', [db.teamRows, db.teamCopies, db.publications], async () => {
    const newest = db.teamRows.orderBy('updatedAt').reverse();
    const [team, copies, pubs] = await Promise.all([recent === undefined ? newest.toArray() : newest.limit(recent).toArray(), db.teamCopies.toCollection().primaryKeys(), db.publications.toArray()]);
    return { rows: liveRows(team), copies: new Set(copies), published: new Map(pubs.map((p) => [p.sessionId, p])), complete: recent === undefined || team.length < recent };
  });
}

/** A team session's thumbnail as cached, or undefined until fetched. */
export async function teamThumb(db: AppDB, sessionId: string, sha256: string): Promise<Blob | undefined> {
  const got = await db.teamThumbs.get(`${sessionId}/${sha256}`);
  return got && new Blob([got.bytes as Uint8Array<ArrayBuffer>], { type: got.mimeType });
}

/** The downloaded team copy a session is, if it is one (read-only in the review). */
export async function teamCopy(db: AppDB, sessionId: string): Promise<TeamCopy | undefined> {
  return db.teamCopies.get(sessionId);
}

export async function syncStatus(db: AppDB): Promise<SyncStatus | undefined> {
  return db.syncStatus.get('status');
}

/** How many publish/remove jobs wait to be sent. */
export async function queuedJobCount(db: AppDB): Promise<number> {
  return db.workspaceJobs.count();
}

/** What a first publish would share: each session's steps and their screenshots (records; pixels load apart); missing ids left out. */
export async function publishPreview(db: AppDB, sessionIds: readonly string[]): Promise<Array<{ session: Session; steps: Step[]; shots: Screenshot[] }>> {
  const sessions = (await db.sessions.bulkGet([...sessionIds])).filter((s): s is Session => !!s);
  return Promise.all(sessions.map(async (s) => ({ session: s, steps: await stepsOfSession(db, s.id), shots: await db.screenshots.where('sessionId').equals(s.id).toArray() })));
}
