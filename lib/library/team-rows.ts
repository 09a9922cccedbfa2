import { libraryRows, type LibraryRow } from './filter';
import type { TeamSummary } from './team-summary';

// The team's published sessions as library rows, beside this device's own: the same search,
// filters, sort and compare work on both. Which rows a scope shows is decided here.

export type Scope = 'mine' | 'team' | 'all';

/** Rows of the team library; thumbnails come from the summary (`team:<sessionId>` names them). */
export function teamRows(summaries: readonly TeamSummary[]): LibraryRow[] {
  const updated = new Map(summaries.map((s) => [s.sessionId, s.row.sessionUpdatedAt]));
  const texts = new Map(summaries.map((s) => [s.sessionId, `${s.search}\n${s.authorName.toLowerCase()}`]));
  const author = new Map(summaries.map((s) => [s.sessionId, s.authorName]));
  return libraryRows(
    summaries.map((s) => ({ ...s.row, thumbScreenshotId: s.steps.some((st) => st.thumb) ? `team:${s.sessionId}` : null })),
    updated,
    texts,
  ).map((row) => ({ ...row, author: author.get(row.id) }));
}

/**
 * mine: this device's sessions (downloaded team copies are the team's, not mine); team: every
 * published session; all: both, a session of mine that is published shown once, as mine.
 */
export function scopeRows(scope: Scope, mine: readonly LibraryRow[], team: readonly LibraryRow[], copies: ReadonlySet<string>): LibraryRow[] {
  const own = mine.filter((r) => !copies.has(r.id));
  if (scope === 'mine') return own;
  if (scope === 'team') return [...team];
  const ids = new Set(own.map((r) => r.id));
  return [...own, ...team.filter((r) => !ids.has(r.id))];
}

/** The first thumbnail a team summary carries, as a Blob for the library's image cell. */
export async function teamThumb(summary: TeamSummary | undefined): Promise<Blob | undefined> {
  const url = summary?.steps.find((s) => s.thumb)?.thumb;
  if (!url) return undefined;
  const [head, data] = url.split(',', 2);
  const binary = atob(data ?? '');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: head!.slice(5, head!.indexOf(';')) });
}
