import { Dexie, type EntityTable } from 'dexie';
import type { SavedRubric, Screenshot, Session, Step, StoredImage } from '../schemas';
import { summariseSession, type SearchText, type SessionSummary } from '../library/summary';
import type { Publication, SyncStatus, TeamCopy, TeamMember, TeamSession, WorkspaceJob } from './workspace';

// lib/db/ — the one Dexie module: tables, versions and migrations (index.ts), the reads views and
// the background share (queries.ts), keeping library summaries fresh (summaries.ts), and the team
// workspace's records (workspace.ts).
// May import core (schemas) and the pure library/ summary the migration builds; nothing else.

export const DB_NAME = 'mystery-shopper';

/** A deleted session or step, with its records and pixels, until undone or purged (see step/trash.ts). */
export interface TrashEntry {
  id: string;
  kind: 'session' | 'step';
  /** The session the deleted thing belonged to (the session itself, for a session). */
  sessionId: string;
  /** What the undo offer names: a session title or "Step 3". */
  label: string;
  deletedAt: number;
  sessions: Session[];
  steps: Step[];
  screenshots: Screenshot[];
  images: StoredImage[];
}


/**
 * The only module that knows table names and indexes. Every version stays declared here
 * forever: a shipped version is never edited, a change is a new version with an upgrade.
 * Only fields that queries filter or sort on are indexed; Blobs never are.
 */
export class AppDB extends Dexie {
  sessions!: EntityTable<Session, 'id'>;
  steps!: EntityTable<Step, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  images!: EntityTable<StoredImage, 'id'>;
  rubrics!: EntityTable<SavedRubric, 'id'>;
  trash!: EntityTable<TrashEntry, 'id'>;
  summaries!: EntityTable<SessionSummary, 'sessionId'>;
  searchTexts!: EntityTable<SearchText, 'sessionId'>;
  workspaceJobs!: EntityTable<WorkspaceJob, 'id'>;
  publications!: EntityTable<Publication, 'sessionId'>;
  teamSessions!: EntityTable<TeamSession, 'sessionId'>;
  teamMembers!: EntityTable<TeamMember, 'memberId'>;
  teamCopies!: EntityTable<TeamCopy, 'sessionId'>;
  syncStatus!: EntityTable<SyncStatus, 'id'>;

  constructor(name: string = DB_NAME) {
    super(name);
    // v1 (0.1.0): status finds the active session; updatedAt orders the library;
    // steps are read per session in position order; images are fetched by key.
    this.version(1).stores({
      sessions: 'id, status, updatedAt',
      steps: 'id, [sessionId+position]',
      screenshots: 'id, stepId, sessionId',
      images: 'id, screenshotId',
    });
    // v2 (rubric editor): rubrics a team authored, listed newest first. A new table needs no upgrade:
    // Dexie keeps every v1 table as it was.
    this.version(2).stores({
      rubrics: 'id, updatedAt',
    });
    // v3 (dashboard; not shipped yet, so still open for the library's indexes): deleted sessions and
    // steps wait in `trash` for the undo window, then are purged by age, which frees their images.
    // `summaries` holds one library row per session (its fields, step count, score, worst
    // severity, thumbnail, bytes), so listing reads neither sessions nor steps; sessionUpdatedAt is
    // indexed so staleness is found from keys alone. `searchTexts` holds the steps' words apart, as
    // they are 4× the size of a row and only a search needs them. The library filters and sorts
    // its rows in memory (1,000 rows take about a millisecond), so sessions need no further index.
    this.version(3)
      .stores({
        trash: 'id, deletedAt',
        summaries: 'sessionId, sessionUpdatedAt',
        searchTexts: 'sessionId',
      })
      .upgrade(async (tx) => {
        // Built from the records as stored: a v1 step may lack fields added later, which the
        // summary does not need.
        const sessions = await tx.table('sessions').toArray();
        const steps = await tx.table('steps').toArray();
        const shots = await tx.table('screenshots').toArray();
        const group = <T extends { sessionId: string }>(rows: T[]) => {
          const map = new Map<string, T[]>();
          for (const row of rows) {
            const list = map.get(row.sessionId);
            if (list) list.push(row);
            else map.set(row.sessionId, [row]);
          }
          return map;
        };
        const stepsOf = group(steps);
        const shotsOf = group(shots);
        const built = sessions.map((s) => summariseSession(s, stepsOf.get(s.id) ?? [], shotsOf.get(s.id) ?? []));
        await tx.table('summaries').bulkPut(built.map((b) => b.summary));
        await tx.table('searchTexts').bulkPut(built.map((b) => b.search));
      });
    // v4 (team workspace, records in ./workspace.ts): the queue of network work is found by when
    // it is due; the team library by author. New tables only, so no upgrade.
    this.version(4).stores({
      workspaceJobs: 'id, notBefore',
      publications: 'sessionId',
      teamSessions: 'sessionId, author',
      teamMembers: 'memberId',
      teamCopies: 'sessionId',
      syncStatus: 'id',
    });
  }
}

let shared: AppDB | undefined;

/** One connection per JavaScript context (page or worker). */
export function getDb(): AppDB {
  shared ??= new AppDB();
  return shared;
}

/**
 * Ask the browser not to evict our data under storage pressure. Extensions with
 * `unlimitedStorage` are usually granted this; the answer is informational.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  try {
    return await navigator.storage.persist();
  } catch {
    // Not available in some worker contexts; persistence is then governed by unlimitedStorage alone.
    return false;
  }
}
