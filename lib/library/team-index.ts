import { z } from 'zod';
import { summariseSession } from './summary';
import { RowSchema, SAFE_NAME, TeamStepSchema, teamStepsOf, type TeamSummary } from './team-summary';
import type { Screenshot, Session, Step } from '../schemas';

// A member's index of what they published (lib/workspace/layout.ts says where it lives): one light
// row per session — what the team library lists, searches, filters and sorts, and what the team
// friction view shows (each step's stage, severity, tags and note) — with the session's head
// revision. No image bytes: a step names its thumbnail by the content hash it was published under
// (sessions/<id>/images/<sha256>), fetched only when a view shows it. Summaries that carried every
// thumbnail as a data: URL made 2,000 sessions 311 MB; the same rows here are a few KB each, so a
// team library's first screen is one small file per author. One writer per index (a member is a
// person), and a deleted session stays in it as a tombstone, so no reader brings it back.

export const INDEX_FORMAT = 'mystery-shopper-team-index';
/** More than any team publishes; an index is refused beyond it rather than half read. */
export const MAX_INDEXED = 50_000;
const SHA256 = /^[0-9a-f]{64}$/;
const safeId = z.string().regex(SAFE_NAME);

export const TeamRowStepSchema = TeamStepSchema.extend({ thumb: z.string().regex(SHA256).nullable() });
export type TeamRowStep = z.infer<typeof TeamRowStepSchema>;

export const TeamEntrySchema = z
  .strictObject({
    sessionId: safeId,
    rev: z.number().int().positive(),
    /** Revisions older than this were deleted (a burned redaction): cached copies of them are dropped. */
    minRev: z.number().int().positive(),
    publishedAt: z.number(),
    row: RowSchema,
    steps: z.array(TeamRowStepSchema).max(10_000),
  })
  .refine((e) => e.row.sessionId === e.sessionId, 'its row names another session')
  .refine((e) => e.minRev <= e.rev, 'minRev is above rev');
export type TeamEntry = z.infer<typeof TeamEntrySchema>;

export const TeamGoneSchema = z.strictObject({ sessionId: safeId, deleted: z.literal(true), deletedAt: z.number() });
export type TeamGone = z.infer<typeof TeamGoneSchema>;

export const TeamIndexSchema = z
  .strictObject({
    format: z.literal(INDEX_FORMAT),
    version: z.literal(1),
    author: safeId,
    authorName: z.string().trim().min(1).max(100),
    updatedAt: z.number(),
    sessions: z.array(z.union([TeamEntrySchema, TeamGoneSchema])).max(MAX_INDEXED),
  })
  .refine((doc) => new Set(doc.sessions.map((s) => s.sessionId)).size === doc.sessions.length, 'it lists a session twice');
export type TeamIndex = z.infer<typeof TeamIndexSchema>;

export const isGone = (e: TeamEntry | TeamGone): e is TeamGone => 'deleted' in e;

/** A team session as the library holds it: its light row and who published it. */
export interface TeamSessionRow extends TeamEntry {
  author: string;
  authorName: string;
}

/** One session's light row, built from the records of the revision being published. */
export function buildTeamEntry(
  input: { session: Session; steps: Step[]; screenshots: Screenshot[]; /** screenshotId → sha256 of its thumbnail */ thumbs: ReadonlyMap<string, string> },
  meta: { rev: number; minRev: number; now: number },
): TeamEntry {
  const { session, steps, screenshots, thumbs } = input;
  return {
    sessionId: session.id,
    rev: meta.rev,
    minRev: meta.minRev,
    publishedAt: meta.now,
    row: summariseSession(session, steps, screenshots).summary,
    steps: teamStepsOf(session, steps, screenshots, (shotId) => thumbs.get(shotId) ?? null),
  };
}

/**
 * The index with this session's entry put in (replacing its earlier one, or its tombstone), the
 * others left exactly as they were: a re-read index is merged again, never overwritten unseen.
 */
export function withEntry(index: TeamIndex | null, me: { memberId: string; memberName: string }, entry: TeamEntry | TeamGone, now: number): TeamIndex {
  const others = (index?.sessions ?? []).filter((e) => e.sessionId !== entry.sessionId);
  return { format: INDEX_FORMAT, version: 1, author: me.memberId, authorName: me.memberName, updatedAt: now, sessions: [...others, entry] };
}

/**
 * A summary as older versions published it (summaries/<id>.json, thumbnails inside) as a light
 * row; `shas` names each step's thumbnail by the hash of its bytes, which is the image file the
 * same publish stored, so it loads on demand like any other.
 */
export function entryFromSummary(summary: TeamSummary, shas: ReadonlyMap<string, string>): TeamEntry {
  return {
    sessionId: summary.sessionId,
    rev: summary.rev,
    minRev: summary.minRev,
    publishedAt: summary.publishedAt,
    row: summary.row,
    steps: summary.steps.map((s) => ({ ...s, thumb: shas.get(s.id) ?? null })),
  };
}

/** The thumbnails an entry names (what a cache of them may keep). */
export const thumbsOf = (entry: Pick<TeamEntry, 'steps'> | null | undefined) => new Set((entry?.steps ?? []).flatMap((s) => (s.thumb ? [s.thumb] : [])));
