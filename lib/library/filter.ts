import type { SessionStatus } from '../schemas';
import type { SessionSummary } from './summary';

// The library's view: what a row shows, and how rows are searched, filtered and sorted. Pure, so
// the dashboard can run it on every keystroke and tests can run it in milliseconds.

/** One row of the library: a summary, with what is known of its session now. */
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
  steps: number;
  bas: number | null;
  worstSeverity: number | null;
  bytes: number;
  thumbScreenshotId: string | null;
  /** True while the session has changed since its summary was built: a rebuild is on its way. */
  stale: boolean;
  /** Set for a session of the team workspace: who published it. */
  author?: string;
  /** Everything search looks at, lower-cased (step text once it has been read). */
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

/**
 * Rows for the sessions that exist (`updated`: session id → its updatedAt, from index keys alone).
 * A session without a summary yet is left out until the background has built it.
 */
export function libraryRows(summaries: readonly SessionSummary[], updated: ReadonlyMap<string, number>, texts: ReadonlyMap<string, string> = new Map()): LibraryRow[] {
  const rows: LibraryRow[] = [];
  for (const s of summaries) {
    const updatedAt = updated.get(s.sessionId);
    if (updatedAt === undefined) continue;
    rows.push({
      id: s.sessionId,
      title: s.title,
      brand: s.brand,
      site: siteOf(s.startUrl),
      startUrl: s.startUrl,
      createdAt: s.createdAt,
      updatedAt,
      status: s.status,
      rubricId: s.rubricId,
      rubricName: s.rubricName,
      tags: s.tags,
      steps: s.stepCount,
      bas: s.bas,
      worstSeverity: s.worstSeverity,
      bytes: s.bytes,
      thumbScreenshotId: s.thumbScreenshotId,
      stale: updatedAt !== s.sessionUpdatedAt,
      haystack: [s.title, s.brand, s.startUrl, ...s.tags].join('\n').toLowerCase() + '\n' + (texts.get(s.sessionId) ?? ''),
    });
  }
  return rows;
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

const NO_TEXTS: ReadonlyMap<string, string> = new Map();

export const NO_FILTER: LibraryFilter = { query: '', status: null, brand: null, rubricId: null, tag: null, minSeverity: null, from: null, to: null };

/** Words of a search; a row matches when it contains every one of them. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * `texts`: each session's step words (lower-cased) kept apart from the rows, so that their late
 * arrival changes no row; a word matches when it is in the row's haystack or in its texts.
 */
export function filterRows(rows: readonly LibraryRow[], filter: LibraryFilter, texts: ReadonlyMap<string, string> = NO_TEXTS): LibraryRow[] {
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
      words.every((word) => row.haystack.includes(word) || texts.get(row.id)?.includes(word)),
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
