import { useEffect, useMemo } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { teamRows } from '@/lib/library/team-rows';
import { useTeamLibraryData } from '../data/useWorkspace';
import { useSharedRows } from '../data/useLibrary';
import type { TeamSessionRow } from '@/lib/library/team-index';

const PULL_EVERY_MS = 60_000;
const NONE: TeamSessionRow[] = [];
const NO_IDS: ReadonlySet<string> = new Set();
const NO_PUBLICATIONS: NonNullable<ReturnType<typeof useTeamLibraryData>>['published'] = new Map();

/**
 * The team library as the background last pulled it, live: library rows, light rows by id, and
 * downloaded copies. `recent`: only that many most recent rows, for the first screen.
 */
export function useTeamLibrary(recent?: number) {
  const data = useTeamLibraryData(recent);
  // Opening the library refreshes the team's part when the last pull is a minute old or more (the
  // background answers at once when no workspace is connected); the cached rows show meanwhile.
  useEffect(() => void sendRequest('workspace.pull', { ifOlderThanMs: PULL_EVERY_MS }), []);
  const light = data?.rows ?? NONE;
  const rows = useSharedRows(() => teamRows(light), [light]);
  const byId = useMemo(() => new Map(light.map((s) => [s.sessionId, s])), [light]);
  return { loaded: data !== null, rows, byId, copies: data?.copies ?? NO_IDS, published: data?.published ?? NO_PUBLICATIONS };
}
