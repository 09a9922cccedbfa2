import { getDb } from '@/lib/db';
import { publishPreview, queuedJobCount, syncStatus, teamCopy, teamLibraryData, teamSummaries } from '@/lib/db/queries';
import type { Publication } from '@/lib/db/workspace';
import type { TeamSummary } from '@/lib/library/team-summary';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { useLiveQuery } from './live';

// The team workspace's live reads, as the background last synced them: team library, downloaded
// copies, publications, the sync status line and the job queue.

/** The team library's summaries (no tombstones); empty until read. */
export function useTeamSummaries(): TeamSummary[] {
  return useLiveQuery(() => teamSummaries(getDb()), [], [] as TeamSummary[]);
}

/** Summaries, the ids of downloaded team copies, and this device's publications by session id. */
export function useTeamLibraryData() {
  return useLiveQuery(() => teamLibraryData(getDb()), [], { summaries: [] as TeamSummary[], copies: new Set<string>(), published: new Map<string, Publication>() });
}

/** The team copy record when this session was downloaded from the team; undefined otherwise (and while loading). */
export function useTeamCopy(sessionId: string) {
  return useLiveQuery(() => teamCopy(getDb(), sessionId), [sessionId], undefined);
}

export function useSyncStatus() {
  return useLiveQuery(() => syncStatus(getDb()), [], undefined);
}

/** Jobs waiting to be sent; 0 while loading. */
export function useQueuedJobCount(): number {
  return useLiveQuery(() => queuedJobCount(getDb()), [], 0);
}

/** What publishing these sessions would share, for the preview before a first publish. */
export function usePublishPreview(sessionIds: readonly string[]) {
  return useLiveQuery(() => publishPreview(getDb(), sessionIds), [sessionIds.join(',')], [] as Array<{ session: Session; steps: Step[]; shots: Screenshot[] }>);
}
