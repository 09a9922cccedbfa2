import { Dexie, type EntityTable } from 'dexie';
import type { SavedRubric, Screenshot, Session, Step, StoredImage } from '../schemas';
import type { ImageMime } from '../image-bytes';
import type { SearchText, SessionSummary } from '../library/summary';
import { upgradeV3 } from './migrations/v3';
import { upgradeV4 } from './migrations/v4';
import { upgradeV6 } from './migrations/v6';
import type { Publication, SyncStatus, TeamCopy, TeamIndexState, TeamMember, TeamRow, TeamThumb, WorkspaceJob } from './workspace';

// lib/db/ — the one Dexie module: tables, versions and migrations (index.ts), the reads views and
// the background share (queries.ts), and keeping library summaries fresh (summaries.ts).
// migrations/ holds each upgrade frozen as it shipped. May import core (schemas) for types only;
// migrations import nothing of the app.

export const DB_NAME = 'mystery-shopper';

/** A deleted session or step's records, naming its images, until undone or purged (see step/trash.ts). */
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
  /** The `images` rows that wait in place for the undo or the purge. */
  imageIds?: string[];
  /** Entries written before 0.3 carried copies of their images; restore still reads them. */
  images?: StoredImage[];
}


/**
 * What an image's bytes are, kept beside the image so that a publish names it by content without
 * reading it (lib/storage/images.ts keeps it true: dropped before the bytes change, written once
 * they are hashed). An image without one is hashed when it is next needed.
 */
export interface ImageDigest {
  /** The image's key, `${screenshotId}/${variant}` */
  id: string;
  sha256: string;
  size: number;
  /** What the bytes are (sniffed), null for bytes that are no image we store. */
  mimeType: ImageMime | null;
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
  teamRows!: EntityTable<TeamRow, 'sessionId'>;
  teamIndexes!: EntityTable<TeamIndexState, 'memberId'>;
  teamThumbs!: EntityTable<TeamThumb, 'id'>;
  teamMembers!: EntityTable<TeamMember, 'memberId'>;
  teamCopies!: EntityTable<TeamCopy, 'sessionId'>;
  syncStatus!: EntityTable<SyncStatus, 'id'>;
  imageDigests!: EntityTable<ImageDigest, 'id'>;

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
    // v3 (dashboard): deleted sessions and steps wait in `trash` for the undo window, then are
    // purged by age, which frees their images.
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
      // Frozen in migrations/v3.ts: this upgrade once called the live summariser, so it would have
      // done something else each time the library changed.
      .upgrade(upgradeV3);
    // v4 (repair of early v3 profiles): v3 was changed twice in place after profiles had opened it,
    // leaving some with no summaries or search texts and some with summaries of an older shape;
    // v4 rebuilds all of them and gives 0.1.0's records the fields they lack (migrations/v4.ts).
    this.version(4).stores({}).upgrade(upgradeV4);
    // v5 (team workspace, records in ./workspace.ts): the queue of network work is found by when
    // it is due; the team library by author. New tables only, so no upgrade.
    this.version(5).stores({
      workspaceJobs: 'id, notBefore',
      publications: 'sessionId',
      teamSessions: 'sessionId, author',
      teamMembers: 'memberId',
      teamCopies: 'sessionId',
      syncStatus: 'id',
    });
    // v6 (team library read path): the team's sessions as light rows, without thumbnails, in a
    // table of their own: by author (a pull replaces one author's index), by updatedAt (the first
    // screen reads the 50 most recent; a tombstone has none, so it is never listed), by where the
    // row came from (the few read from pre-index summaries are found without reading the rest).
    // Thumbnails are fetched on demand into `teamThumbs`, found by session when a row changes.
    // v5's teamSessions held each summary with every thumbnail inside (311 MB for 2,000 sessions):
    // it is dropped, not converted, as it is only a cache of the server: the upgrade forgets the
    // last pull (migrations/v6.ts), so the library pulls the light rows again when it opens.
    this.version(6)
      .stores({
        teamSessions: null,
        teamRows: 'sessionId, author, updatedAt, from',
        teamIndexes: 'memberId',
        teamThumbs: 'id, sessionId',
      })
      .upgrade(upgradeV6);
    // v7 (publish without reading every image): each image's sha256, size and type by its key. A new
    // table, so no upgrade: images stored before it are hashed once, when a publish first needs them
    // (an upgrade could not: a file is not IndexedDB, and awaiting one would end its transaction).
    this.version(7).stores({
      imageDigests: 'id',
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
