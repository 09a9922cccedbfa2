import { useMemo } from 'preact/hooks';
import { teamRows } from '@/lib/library/team-rows';
import { useTeamLibraryData } from '../data/useWorkspace';

/** The team library as the background last pulled it, live: rows, summaries by id, and downloaded copies. */
export function useTeamLibrary() {
  const data = useTeamLibraryData();
  const rows = useMemo(() => teamRows(data.summaries), [data.summaries]);
  const byId = useMemo(() => new Map(data.summaries.map((s) => [s.sessionId, s])), [data.summaries]);
  return { rows, byId, copies: data.copies, published: data.published };
}
