import type { TeamEntry } from '../library/team-index';

// The team workspace's records (lib/workspace), declared beside their tables (index.ts, versions 5 and 6).
// `problem` holds a lib/workspace WorkspaceProblem; it is a plain string here, as db/ sits below it.

/** Network work waiting to be done; one per kind and session, so asking twice does it once. */
export interface WorkspaceJob {
  /** `${kind}:${sessionId}` */
  id: string;
  kind: 'publish' | 'tombstone';
  sessionId: string;
  attempts: number;
  /** Not before this time (backoff); Infinity while blocked on something the user must fix. */
  notBefore: number;
  createdAt: number;
  problem: string | null;
  message: string | null;
}

/** A session of this device that is published. */
export interface Publication {
  sessionId: string;
  rev: number;
  minRev: number;
  /** The session's updatedAt that was published: a later one means there is something to republish. */
  publishedUpdatedAt: number;
  firstPublishedAt: number;
  lastPublishedAt: number;
  /** Set when publishing stopped for good (another author, deleted on the server). */
  problem: string | null;
  message: string | null;
}

/**
 * A session in the team library (version 6): its light row as its author's index says, or, for a
 * session published before indexes, as its own summary file said (`etag` is then that file's, so
 * it is fetched again only when it changes). No image: thumbnails are in `teamThumbs`, on demand.
 */
export interface TeamRow {
  sessionId: string;
  author: string;
  authorName: string;
  from: 'index' | 'summary';
  etag: string | null;
  /** The session's updatedAt, indexed for the first screen; absent on a tombstone, which is never listed. */
  updatedAt?: number;
  /** null for a tombstone: the session was deleted, and is kept out of the library for good. */
  entry: TeamEntry | null;
}

/** The ETag of a member's index as last stored: unchanged in a listing means nothing to fetch. */
export interface TeamIndexState {
  memberId: string;
  etag: string;
}

/** A team session's thumbnail, fetched when a view showed it; dropped with the row or its revision's pixels. */
export interface TeamThumb {
  /** `${sessionId}/${sha256}` */
  id: string;
  sessionId: string;
  sha256: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface TeamMember {
  memberId: string;
  name: string;
  etag: string;
}

/** A team session downloaded to read: its records are in the ordinary tables, read-only here. */
export interface TeamCopy {
  sessionId: string;
  author: string;
  authorName: string;
  rev: number;
  openedAt: number;
}

/** One row (id 'status') the UI shows: what sync is doing, how far, and what last went wrong. */
export interface SyncStatus {
  id: 'status';
  running: { kind: 'publish' | 'tombstone' | 'pull' | 'open'; sessionId: string | null; title: string; done: number; total: number } | null;
  lastPullAt: number | null;
  lastError: { problem: string; message: string; at: number } | null;
}
