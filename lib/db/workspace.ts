import type { TeamSummary } from '../library/team-summary';

// The team workspace's records (lib/workspace), declared beside their tables (index.ts, version 4).
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

/** A session in the team library, as its summary on the server says. */
export interface TeamSession {
  sessionId: string;
  etag: string;
  author: string;
  /** null for a tombstone: the session was deleted, and is kept out of the library for good. */
  summary: TeamSummary | null;
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
