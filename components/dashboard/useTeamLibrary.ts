import { useMemo } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { teamRows } from '@/lib/library/team-rows';
import type { TeamSummary } from '@/lib/library/team-summary';
import { useLiveQuery } from '../data/live';

const db = getDb();

/** The team library as the background last pulled it, live: rows, summaries by id, and downloaded copies. */
export function useTeamLibrary() {
  const data = useLiveQuery(
    async () => {
      const [team, copies, pubs] = await Promise.all([db.teamSessions.toArray(), db.teamCopies.toCollection().primaryKeys(), db.publications.toArray()]);
      return { summaries: team.flatMap((t) => (t.summary ? [t.summary] : [])), copies: new Set(copies), published: new Map(pubs.map((p) => [p.sessionId, p])) };
    },
    [],
    { summaries: [] as TeamSummary[], copies: new Set<string>(), published: new Map() },
  );
  const rows = useMemo(() => teamRows(data.summaries), [data.summaries]);
  const byId = useMemo(() => new Map(data.summaries.map((s) => [s.sessionId, s])), [data.summaries]);
  return { rows, byId, copies: data.copies, published: data.published };
}
