import { libraryRows, type LibraryRow } from './filter';
import { searchTextOf, stepWords } from './summary';
// Types only: team-index.ts holds the index's zod schemas, which the library's first screen must not load.
import type { TeamEntry, TeamSessionRow } from './team-index';

// The team's published sessions as library rows, beside this device's own: the same search,
// filters, sort and compare work on both. Which rows a scope shows is decided here.

export type Scope = 'mine' | 'team' | 'all';

/**
 * Rows of the team library. A row's thumbnail is its first step's that has one, named
 * `team:<sessionId>/<sha256>` (lib/library/team-index.ts: fetched on demand, then cached).
 */
export function teamRows(rows: readonly TeamSessionRow[]): LibraryRow[] {
  const updated = new Map(rows.map((s) => [s.sessionId, s.row.sessionUpdatedAt]));
  const texts = new Map(rows.map((s) => [s.sessionId, `${teamSearchText(s)}\n${s.authorName.toLowerCase()}`]));
  const author = new Map(rows.map((s) => [s.sessionId, s.authorName]));
  return libraryRows(
    rows.map((s) => {
      const thumb = s.steps.find((st) => st.thumb)?.thumb;
      return { ...s.row, thumbScreenshotId: thumb ? teamThumbId(s.sessionId, thumb) : null };
    }),
    updated,
    texts,
  ).map((row) => ({ ...row, author: author.get(row.id) }));
}

/** The words search looks at, from the steps themselves: an index does not carry them twice. */
export const teamSearchText = (entry: Pick<TeamEntry, 'steps'>) =>
  searchTextOf(entry.steps.flatMap((s) => stepWords({ note: s.note, url: s.url, pageTitle: s.title, tags: s.tags })));

const TEAM_THUMB = /^team:([A-Za-z0-9_-]{1,64})\/([0-9a-f]{64})$/;
export const teamThumbId = (sessionId: string, sha256: string) => `team:${sessionId}/${sha256}`;
/** The session and hash a team row's thumbnail id names, or null for a screenshot of this device. */
export function teamThumbOf(id: string): { sessionId: string; sha256: string } | null {
  const m = TEAM_THUMB.exec(id);
  return m ? { sessionId: m[1]!, sha256: m[2]! } : null;
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
