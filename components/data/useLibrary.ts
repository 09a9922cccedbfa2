import { useMemo, useRef } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { libraryData, librarySearchTexts } from '@/lib/db/queries';
import { useLiveQuery } from './live';
import { shareRecords } from './share';

// The dashboard library's live reads: stored summaries (not sessions or steps) and, once a search
// needs them, the steps' words.

/** The library's rows: only the `recent` most recently changed when given, else every one. */
export function useLibraryData(recent: number | undefined) {
  return useLiveQuery(() => libraryData(getDb(), recent), [recent], null);
}

/** Each session's step text for search; empty until `wanted`. */
export function useLibrarySearchTexts(wanted: boolean): Map<string, string> {
  return useLiveQuery(async () => (wanted ? librarySearchTexts(getDb()) : new Map<string, string>()), [wanted], new Map<string, string>());
}

/**
 * Rows made by `make` when `deps` change, each equal to one of the last rows keeping that object
 * (share.ts): a table whose rows compare by identity redraws only the rows that changed.
 */
export function useSharedRows<T extends { id: string }>(make: () => T[], deps: unknown[]): T[] {
  const last = useRef<T[]>([]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (last.current = shareRecords(last.current, make())), deps);
}
