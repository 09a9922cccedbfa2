import { liveQuery } from 'dexie';
import type { AppDB } from './index';
import { serialQueue } from '../serial';
import { stepsOfSession } from './queries';
import { staleSummaries, summariseSession } from '../library/summary';

// The library's summaries are derived data: the background rebuilds any that no longer match
// their session, after each write and whenever a dashboard asks. Nothing depends on a rebuild
// having run before a crash; the next one finds the difference from the keys alone.

/** Rebuilds every missing or out-of-date summary and drops those of deleted sessions; returns how many changed. */
export async function refreshSummaries(db: AppDB): Promise<number> {
  const { rebuild, orphans } = await db.transaction('r', [db.sessions, db.summaries], async () => {
    // Keys only: no session or summary record is read to find what changed.
    const [ids, updated, summaryIds, summarised] = await Promise.all([
      db.sessions.orderBy('updatedAt').primaryKeys(),
      db.sessions.orderBy('updatedAt').keys(),
      db.summaries.orderBy('sessionUpdatedAt').primaryKeys(),
      db.summaries.orderBy('sessionUpdatedAt').keys(),
    ]);
    return staleSummaries(
      ids.map((id, i) => ({ id, updatedAt: updated[i] as number })),
      summaryIds.map((sessionId, i) => ({ sessionId, sessionUpdatedAt: summarised[i] as number })),
    );
  });
  if (rebuild.length === 0 && orphans.length === 0) return 0;
  return db.transaction('rw', [db.sessions, db.steps, db.screenshots, db.summaries, db.searchTexts], async () => {
    await db.summaries.bulkDelete(orphans);
    await db.searchTexts.bulkDelete(orphans);
    let changed = orphans.length;
    for (const id of rebuild) {
      // Read again inside the write: the session may have changed or gone since the keys were read.
      const session = await db.sessions.get(id);
      if (!session) {
        await db.summaries.delete(id);
        await db.searchTexts.delete(id);
        continue;
      }
      const [steps, shots] = await Promise.all([
        stepsOfSession(db, id),
        db.screenshots.where('sessionId').equals(id).toArray(),
      ]);
      const { summary, search } = summariseSession(session, steps, shots);
      await db.summaries.put(summary);
      await db.searchTexts.put(search);
      changed++;
    }
    return changed;
  });
}

/**
 * Keeps the summaries following the sessions table, in the background: any write that moves a
 * session's updatedAt (every change to it or its steps does), adds or removes one, rebuilds what
 * is stale. Rebuilds run one after another; each finds what is stale from the keys at that moment.
 * `refresh` runs one more (after any running) and answers how many changed, 0 when it failed:
 * the next write retries.
 */
export function followSessions(db: AppDB): { refresh(): Promise<number> } {
  const serially = serialQueue();
  const refresh = () => serially(() => refreshSummaries(db)).catch(() => 0);
  liveQuery(() => db.sessions.orderBy('updatedAt').keys()).subscribe({ next: () => void refresh(), error: () => undefined });
  return { refresh };
}
