import { brandAlignmentScore } from './scoring';
import type { Screenshot, Session, SessionStatus, Step } from './schemas';

// The sessions library: what a row shows, and how rows are searched, filtered and sorted. Pure, so
// the dashboard can run it on every keystroke and tests can run it in milliseconds.

/**
 * What the library needs of a session's steps, kept beside the session so that listing 1,000
 * sessions never reads their 20,000 steps. Rebuilt by the background whenever `sessionUpdatedAt`
 * differs from the session's `updatedAt` (every write to a session or its steps moves that).
 */
export interface SessionSummary {
  sessionId: string;
  sessionUpdatedAt: number;
  stepCount: number;
  scoredSteps: number;
  /** Brand Alignment Score 0–100; null when no step is scored. */
  bas: number | null;
  /** Highest severity any step was given; null when no step has one. */
  worstSeverity: number | null;
  /** The first step's first screenshot, shown as the row's thumbnail. */
  thumbScreenshotId: string | null;
  /** Friction tags used on steps (the session's own tags are on the session). */
  stepTags: string[];
  /** Lower-cased notes, URLs, page titles and step tags, for search. */
  searchText: string;
  /** Bytes of every image of the session (full and thumbnail). */
  bytes: number;
  rubricId: string;
  rubricName: string;
}

// Enough for a word search over months of audits, not a copy of every note in full.
const MAX_SEARCH_CHARS = 20_000;

export function summariseSession(
  session: Pick<Session, 'id' | 'updatedAt' | 'rubric'>,
  steps: ReadonlyArray<Pick<Step, 'id' | 'position' | 'scores' | 'severity' | 'tags' | 'note' | 'url' | 'pageTitle'>>,
  screenshots: ReadonlyArray<Pick<Screenshot, 'id' | 'stepId' | 'bytes' | 'thumbBytes' | 'createdAt'>>,
): SessionSummary {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  let worst: number | null = null;
  const tags = new Set<string>();
  const text: string[] = [];
  for (const step of ordered) {
    if (typeof step.severity === 'number') worst = Math.max(worst ?? 0, step.severity);
    for (const tag of step.tags ?? []) tags.add(tag);
    text.push(step.note ?? '', step.url, step.pageTitle, ...(step.tags ?? []));
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
    sessionId: session.id,
    sessionUpdatedAt: session.updatedAt,
    stepCount: ordered.length,
    scoredSteps: alignment.scoredSteps,
    bas: alignment.score,
    worstSeverity: worst,
    thumbScreenshotId: first?.id ?? null,
    stepTags: [...tags].sort(),
    searchText: text.filter(Boolean).join('\n').toLowerCase().slice(0, MAX_SEARCH_CHARS),
    bytes,
    rubricId: session.rubric.id,
    rubricName: session.rubric.name,
  };
}

/** One row of the library: the session joined with its summary (absent while it is rebuilt). */
export interface LibraryRow {
  id: string;
  title: string;
  brand: string;
  site: string;
  startUrl: string;
  createdAt: number;
  updatedAt: number;
  status: SessionStatus;
  rubricId: string;
  rubricName: string;
  tags: string[];
  steps: number | null;
  bas: number | null;
  worstSeverity: number | null;
  bytes: number | null;
  thumbScreenshotId: string | null;
  /** True while the summary is older than the session: its figures may be out of date. */
  stale: boolean;
  /** Everything search looks at, lower-cased. */
  haystack: string;
}

/** The host of a start URL, or the text itself when it is not a URL. */
export function siteOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

export function libraryRows(sessions: readonly Session[], summaries: readonly SessionSummary[]): LibraryRow[] {
  const byId = new Map(summaries.map((s) => [s.sessionId, s]));
  return sessions.map((session) => {
    const summary = byId.get(session.id);
    const tags = [...new Set([...(session.tags ?? []), ...(summary?.stepTags ?? [])])].sort();
    return {
      id: session.id,
      title: session.title,
      brand: session.brand,
      site: siteOf(session.startUrl),
      startUrl: session.startUrl,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      status: session.status,
      rubricId: session.rubric.id,
      rubricName: session.rubric.name,
      tags,
      steps: summary?.stepCount ?? null,
      bas: summary?.bas ?? null,
      worstSeverity: summary?.worstSeverity ?? null,
      bytes: summary?.bytes ?? null,
      thumbScreenshotId: summary?.thumbScreenshotId ?? null,
      stale: summary?.sessionUpdatedAt !== session.updatedAt,
      haystack: [session.title, session.brand, session.startUrl, ...(session.tags ?? []), summary?.searchText ?? ''].join('\n').toLowerCase(),
    };
  });
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

export interface LibraryFilter {
  query: string;
  status: SessionStatus | null;
  brand: string | null;
  rubricId: string | null;
  tag: string | null;
  /** Sessions with at least one step this severe or worse. */
  minSeverity: number | null;
  /** Created on or after / before this time (ms). */
  from: number | null;
  to: number | null;
}

export const NO_FILTER: LibraryFilter = { query: '', status: null, brand: null, rubricId: null, tag: null, minSeverity: null, from: null, to: null };

/** Words of a search; a row matches when it contains every one of them. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function filterRows(rows: readonly LibraryRow[], filter: LibraryFilter): LibraryRow[] {
  const words = searchWords(filter.query);
  return rows.filter(
    (row) =>
      (filter.status === null || row.status === filter.status) &&
      (filter.brand === null || row.brand === filter.brand) &&
      (filter.rubricId === null || row.rubricId === filter.rubricId) &&
      (filter.tag === null || row.tags.includes(filter.tag)) &&
      (filter.minSeverity === null || (row.worstSeverity ?? -1) >= filter.minSeverity) &&
      (filter.from === null || row.createdAt >= filter.from) &&
      (filter.to === null || row.createdAt <= filter.to) &&
      words.every((word) => row.haystack.includes(word)),
  );
}

export const SORT_KEYS = ['title', 'brand', 'site', 'createdAt', 'updatedAt', 'status', 'rubricName', 'steps', 'bas', 'worstSeverity', 'bytes'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface LibrarySort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorted by one column; rows without a value (not scored, no steps yet) come last whichever the
 * direction, and ties keep a stable order by most recently updated, then id.
 */
export function sortRows(rows: readonly LibraryRow[], sort: LibrarySort): LibraryRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'string' ? collator.compare(x, y as string) : (x as number) - (y as number);
      if (order !== 0) return sign * order;
    }
    return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** Distinct values offered by the filter menus, in a stable order. */
export function filterOptions(rows: readonly LibraryRow[]) {
  const brands = new Set<string>();
  const rubrics = new Map<string, string>();
  const tags = new Set<string>();
  for (const row of rows) {
    if (row.brand) brands.add(row.brand);
    rubrics.set(row.rubricId, row.rubricName);
    for (const tag of row.tags) tags.add(tag);
  }
  return {
    brands: [...brands].sort(collator.compare),
    rubrics: [...rubrics].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name)),
    tags: [...tags].sort(collator.compare),
  };
}

/** Bytes for people: "840 KB", "12.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
