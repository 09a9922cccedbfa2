import { useEffect, useMemo } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { teamRows } from '@/lib/library/team-rows';
import { useTeamLibraryData } from '../data/useWorkspace';

const PULL_EVERY_MS = 60_000;

/**
 * The team library as the background last pulled it, live: library rows, light rows by id, and
 * downloaded copies. `recent`: only that many most recent rows, for the first screen.
 */
export function useTeamLibrary(recent?: number) {
  const data = useTeamLibraryData(recent);
  // Opening the library refreshes the team's part when the last pull is a minute old or more (the
  // background answers at once when no workspace is connected); the cached rows show meanwhile.
  useEffect(() => void sendRequest('workspace.pull', { ifOlderThanMs: PULL_EVERY_MS }), []);
  const rows = useMemo(() => teamRows(data.rows), [data.rows]);
  const byId = useMemo(() => new Map(data.rows.map((s) => [s.sessionId, s])), [data.rows]);
  return { rows, byId, copies: data.copies, published: data.published };
}
