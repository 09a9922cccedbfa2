import { brandAlignmentScore } from '../scoring/alignment';
import type { Screenshot, Session, SessionStatus, Step } from '../schemas';

// lib/library/ — the sessions library. summary.ts: the per-session summary the background stores
// (and the Dexie migration builds) so a list of 1,000 sessions reads neither sessions nor steps;
// filter.ts: the dashboard's rows, search, filters and sort over those summaries. Pure: may import
// core (schemas, format) and scoring/ only; db/ builds on this folder, never the reverse.

/**
 * One library row as stored, kept beside the session so that listing 1,000 sessions reads neither
 * the sessions (their rubric snapshots) nor their 20,000 steps. Rebuilt by the background whenever
 * `sessionUpdatedAt` differs from the session's `updatedAt` (every write to a session or its steps
 * moves that).
 */
export interface SessionSummary {
  sessionId: string;
  sessionUpdatedAt: number;
  title: string;
  brand: string;
  startUrl: string;
  status: SessionStatus;
  createdAt: number;
  /** The session's own tags and the friction tags used on its steps. */
  tags: string[];
  rubricId: string;
  rubricName: string;
  stepCount: number;
  scoredSteps: number;
  /** Brand Alignment Score 0–100; null when no step is scored. */
  bas: number | null;
  /** Highest severity any step was given; null when no step has one. */
  worstSeverity: number | null;
  /** The first step's first screenshot, shown as the row's thumbnail. */
  thumbScreenshotId: string | null;
  /** Bytes of every image of the session (full and thumbnail). */
  bytes: number;
}

/** Lower-cased notes, URLs, page titles and tags of a session's steps; read only once a search needs it. */
export interface SearchText {
  sessionId: string;
  text: string;
}

// Enough for a word search over months of audits, not a copy of every note in full.
const MAX_SEARCH_CHARS = 20_000;

/** What search reads of one step, in the order the search text keeps it (the team library's light rows use it too). */
export const stepWords = (step: { note?: string | null; url: string; pageTitle: string; tags?: readonly string[] | null }) => [step.note ?? '', step.url, step.pageTitle, ...(step.tags ?? [])];

/** Words as the stored search text: lower-cased, capped. */
export const searchTextOf = (words: readonly string[]) => words.filter(Boolean).join('\n').toLowerCase().slice(0, MAX_SEARCH_CHARS);

export function summariseSession(
  session: Pick<Session, 'id' | 'updatedAt' | 'rubric' | 'title' | 'brand' | 'startUrl' | 'status' | 'createdAt' | 'tags'>,
  steps: ReadonlyArray<Pick<Step, 'id' | 'position' | 'scores' | 'severity' | 'tags' | 'note' | 'url' | 'pageTitle'>>,
  screenshots: ReadonlyArray<Pick<Screenshot, 'id' | 'stepId' | 'bytes' | 'thumbBytes' | 'createdAt'>>,
): { summary: SessionSummary; search: SearchText } {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  let worst: number | null = null;
  const tags = new Set<string>(session.tags ?? []);
  const text: string[] = [];
  for (const step of ordered) {
    if (typeof step.severity === 'number') worst = Math.max(worst ?? 0, step.severity);
    for (const tag of step.tags ?? []) tags.add(tag);
    text.push(...stepWords(step));
  }
  const position = new Map(ordered.map((s, i) => [s.id, i]));
  let first: { id: string; at: [number, number] } | null = null;
  let bytes = 0;
  for (const shot of screenshots) {
    bytes += shot.bytes + shot.thumbBytes;
    const at: [number, number] = [position.get(shot.stepId) ?? Infinity, shot.createdAt];
    if (!first || at[0] < first.at[0] || (at[0] === first.at[0] && at[1] < first.at[1])) first = { id: shot.id, at };
  }
  const alignment = brandAlignmentScore(ordered, session.rubric);
  return {
    summary: {
      sessionId: session.id,
      sessionUpdatedAt: session.updatedAt,
      title: session.title,
      brand: session.brand,
      startUrl: session.startUrl,
      status: session.status,
      createdAt: session.createdAt,
      tags: [...tags].sort(),
      rubricId: session.rubric.id,
      rubricName: session.rubric.name,
      stepCount: ordered.length,
      scoredSteps: alignment.scoredSteps,
      bas: alignment.score,
      worstSeverity: worst,
      thumbScreenshotId: first?.id ?? null,
      bytes,
    },
    search: { sessionId: session.id, text: searchTextOf(text) },
  };
}

/** Ids of sessions whose summary is missing or older than the session, and summaries of sessions gone. */
export function staleSummaries(
  sessions: ReadonlyArray<Pick<Session, 'id' | 'updatedAt'>>,
  summaries: ReadonlyArray<Pick<SessionSummary, 'sessionId' | 'sessionUpdatedAt'>>,
): { rebuild: string[]; orphans: string[] } {
  const updated = new Map(sessions.map((s) => [s.id, s.updatedAt]));
  const summarised = new Map(summaries.map((s) => [s.sessionId, s.sessionUpdatedAt]));
  return {
    rebuild: sessions.filter((s) => summarised.get(s.id) !== s.updatedAt).map((s) => s.id),
    orphans: summaries.filter((s) => !updated.has(s.sessionId)).map((s) => s.sessionId),
  };
}
