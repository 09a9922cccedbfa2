import { Dexie } from 'dexie';
import type { AppDB } from './index';
import { imageKey, type ImageVariant, type SavedRubric, type Session, type Step } from '../schemas';

// Reads used by the pages. Writes go through the background (see lib/session/ and lib/step/).

export async function activeSession(db: AppDB): Promise<Session | undefined> {
  return db.sessions.where('status').equals('active').first();
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

export async function imageBlob(db: AppDB, screenshotId: string, variant: ImageVariant): Promise<Blob | undefined> {
  return (await db.images.get(imageKey(screenshotId, variant)))?.blob;
}

/** Rubrics the team saved, most recently changed first. */
export async function savedRubrics(db: AppDB): Promise<SavedRubric[]> {
  return db.rubrics.orderBy('updatedAt').reverse().toArray();
}

/** Everything one session's exports need, pixels included (reads only; exports never write). */
export async function sessionForExport(db: AppDB, sessionId: string) {
  // One read transaction: a capture or delete running meanwhile cannot mix two states.
  return db.transaction('r', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) return undefined;
    const steps = await stepsOfSession(db, sessionId);
    const screenshots = await db.screenshots.where('sessionId').equals(sessionId).toArray();
    screenshots.sort((a, b) => a.createdAt - b.createdAt);
    const images = await db.images.bulkGet(screenshots.map((s) => imageKey(s.id, 'full')));
    return { session, steps, shots: screenshots.map((screenshot, i) => ({ screenshot, blob: images[i]?.blob })) };
  });
}

/**
 * The library's rows and each session's updatedAt, read from index keys: no session record, no
 * step. lib/library/filter.ts joins them (a summary older than its session is marked stale).
 */
export async function libraryData(db: AppDB, recent?: number) {
  return db.transaction('r', [db.sessions, db.summaries], async () => {
    const [ids, updatedAt, summaries] = await Promise.all([
      db.sessions.orderBy('updatedAt').primaryKeys(),
      db.sessions.orderBy('updatedAt').keys(),
      // `recent`: only the most recently changed rows, for a first screen before the rest arrives.
      recent === undefined ? db.summaries.toArray() : db.summaries.orderBy('sessionUpdatedAt').reverse().limit(recent).toArray(),
    ]);
    return { summaries, updated: new Map(ids.map((id, i) => [id, updatedAt[i] as number])), complete: recent === undefined || summaries.length < recent };
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
