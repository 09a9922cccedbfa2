import { z } from 'zod';
import { summariseSession, type SearchText, type SessionSummary } from './summary';
import { stepAlignment } from '../scoring/alignment';
import { SessionStatusSchema, type Screenshot, type Session, type Step } from '../schemas';

/** Ids as the server's file names: the app's ids are UUIDs; anything else is refused when read back. */
export const SAFE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

// The summary document published beside each session: what the team library lists and searches,
// and what the team friction view shows (each step's stage, severity, tags, note and thumbnail), so
// neither needs a bundle or a full image. Read back from a server, it is validated like any import.

export const SUMMARY_FORMAT = 'mystery-shopper-team-summary';
const MAX_THUMB_CHARS = 200_000;
const text = (max: number) => z.string().max(max);
const safeId = z.string().regex(SAFE_NAME);

export const TeamStepSchema = z.strictObject({
  id: safeId,
  position: z.number().int().nonnegative(),
  stage: text(60).nullable(),
  title: text(1000),
  url: text(8000),
  note: text(20_000),
  severity: z.number().int().min(0).max(4).nullable(),
  tags: z.array(text(60)).max(50),
  alignment: z.number().min(0).max(100).nullable(),
  /** A data: URL of the step's first thumbnail (JPEG/WebP/PNG), or null. */
  thumb: z
    .string()
    .max(MAX_THUMB_CHARS)
    .regex(/^data:image\/(jpeg|webp|png);base64,[A-Za-z0-9+/=]*$/)
    .nullable(),
});
export type TeamStep = z.infer<typeof TeamStepSchema>;

export const RowSchema = z.strictObject({
  sessionId: safeId,
  sessionUpdatedAt: z.number(),
  title: text(200),
  brand: text(200),
  startUrl: text(4000),
  status: SessionStatusSchema,
  createdAt: z.number(),
  tags: z.array(text(60)).max(500),
  rubricId: text(64),
  rubricName: text(200),
  stepCount: z.number().int().nonnegative(),
  scoredSteps: z.number().int().nonnegative(),
  bas: z.number().min(0).max(100).nullable(),
  worstSeverity: z.number().int().min(0).max(4).nullable(),
  thumbScreenshotId: text(64).nullable(),
  bytes: z.number().nonnegative(),
}) satisfies z.ZodType<SessionSummary>;

export const TeamSummarySchema = z.strictObject({
  format: z.literal(SUMMARY_FORMAT),
  version: z.literal(1),
  sessionId: safeId,
  rev: z.number().int().positive(),
  /** Revisions older than this were deleted (a burned redaction): cached copies of them are dropped. */
  minRev: z.number().int().positive(),
  author: safeId,
  authorName: text(100),
  publishedAt: z.number(),
  row: RowSchema,
  search: text(20_000),
  steps: z.array(TeamStepSchema).max(10_000),
});
export type TeamSummary = z.infer<typeof TeamSummarySchema>;

export const TombstoneSchema = z.strictObject({
  format: z.literal(SUMMARY_FORMAT),
  version: z.literal(1),
  sessionId: safeId,
  deleted: z.literal(true),
  author: safeId,
  deletedAt: z.number(),
});
export type Tombstone = z.infer<typeof TombstoneSchema>;

export const SummaryDocSchema = z.union([TeamSummarySchema, TombstoneSchema]);
export type SummaryDoc = z.infer<typeof SummaryDocSchema>;

export interface SummaryInput {
  session: Session;
  steps: Step[];
  screenshots: Screenshot[];
  /** screenshotId → data: URL of its thumbnail */
  thumbs: ReadonlyMap<string, string>;
}

export function buildTeamSummary(
  input: SummaryInput,
  meta: { rev: number; minRev: number; author: string; authorName: string; now: number },
): TeamSummary {
  const { session, steps, screenshots, thumbs } = input;
  const built: { summary: SessionSummary; search: SearchText } = summariseSession(session, steps, screenshots);
  return {
    format: SUMMARY_FORMAT,
    version: 1,
    sessionId: session.id,
    rev: meta.rev,
    minRev: meta.minRev,
    author: meta.author,
    authorName: meta.authorName,
    publishedAt: meta.now,
    row: built.summary,
    search: built.search.text,
    steps: teamStepsOf(session, steps, screenshots, (shotId) => {
      const thumb = thumbs.get(shotId) ?? null;
      return thumb && thumb.length <= MAX_THUMB_CHARS ? thumb : null;
    }),
  };
}

/**
 * Each step as the team sees it without its bundle, in journey order; `thumbOf` names the picture
 * of the step's first screenshot (a data: URL in a summary, a content hash in an index).
 */
export function teamStepsOf<T>(
  session: Pick<Session, 'stages' | 'rubric'>,
  steps: readonly Step[],
  screenshots: readonly Screenshot[],
  thumbOf: (screenshotId: string) => T | null,
): Array<Omit<TeamStep, 'thumb'> & { thumb: T | null }> {
  const stageName = new Map(session.stages.map((s) => [s.id, s.name]));
  const firstShot = firstShots(screenshots);
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .map((step, i) => {
      const shot = firstShot.get(step.id);
      return {
        id: step.id,
        position: i,
        stage: step.stageId ? (stageName.get(step.stageId) ?? null) : null,
        title: step.pageTitle ?? '',
        url: step.url ?? '',
        note: step.note ?? '',
        severity: typeof step.severity === 'number' ? step.severity : null,
        tags: step.tags ?? [],
        alignment: stepAlignment(step.scores, session.rubric),
        thumb: shot ? thumbOf(shot.id) : null,
      };
    });
}

/** Each step's first screenshot (the one its card and row show). */
export function firstShots(screenshots: readonly Screenshot[]): Map<string, Screenshot> {
  const first = new Map<string, Screenshot>();
  for (const shot of [...screenshots].sort((a, b) => a.createdAt - b.createdAt)) if (!first.has(shot.stepId)) first.set(shot.stepId, shot);
  return first;
}

/** A summary's data: URL thumbnail as bytes and their type (checked by the schema's pattern when read). */
export function thumbBytes(url: string): { bytes: Uint8Array; mimeType: string } {
  const [head, data] = url.split(',', 2);
  const binary = atob(data ?? '');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, mimeType: head!.slice(5, head!.indexOf(';')) };
}
