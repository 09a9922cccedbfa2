import { getDb } from '@/lib/db';
import { libraryData, librarySearchTexts } from '@/lib/db/queries';
import { useLiveQuery } from './live';

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
