import { getDb } from '@/lib/db';
import { useEffect, useState } from 'preact/hooks';
import { publishPreview, queuedJobCount, syncStatus, teamCopy, teamLibraryData, teamSessionRows, teamThumb } from '@/lib/db/queries';
import type { TeamSessionRow } from '@/lib/library/team-index';
import { sendRequest } from '@/lib/browser/messaging';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { useLiveQuery } from './live';

// The team workspace's live reads, as the background last synced them: team library, downloaded
// copies, publications, the sync status line and the job queue.

/** The team library's light rows (no tombstones), most recent first; empty until read. */
export function useTeamSessionRows(): TeamSessionRow[] {
  return useLiveQuery(() => teamSessionRows(getDb()), [], [] as TeamSessionRow[]);
}

/**
 * Light rows (only the `recent` most recently changed when given, for the first screen), the ids
 * of downloaded team copies, and this device's publications by session id.
 */
export function useTeamLibraryData(recent?: number) {
  // A team read that fails shows no team rows, never a library held blank: this device's own
  // sessions are drawn once both reads have answered (LibraryView).
  return useLiveQuery(() => teamLibraryData(getDb(), recent).catch(() => NO_TEAM), [recent], null);
}

const NO_TEAM: Awaited<ReturnType<typeof teamLibraryData>> = { rows: [], copies: new Set(), published: new Map(), complete: true };

/**
 * A team session's thumbnail from the cache, or asked of the background (which fetches it from the
 * workspace once) and read again; undefined when there is none to show (offline, refused).
 */
export async function loadTeamThumb(sessionId: string, sha256: string): Promise<Blob | undefined> {
  const cached = await teamThumb(getDb(), sessionId, sha256);
  if (cached) return cached;
  const reply = await sendRequest('workspace.thumb', { sessionId, sha256 });
  return reply.ok ? teamThumb(getDb(), sessionId, sha256) : undefined;
}

/** The object URL of a team step's thumbnail once loaded, revoked when the step or the view goes. */
export function useTeamThumb(sessionId: string, sha256: string | null): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!sha256) return;
    let made: string | undefined;
    let gone = false;
    void loadTeamThumb(sessionId, sha256).then((blob) => {
      if (!blob || gone) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [sessionId, sha256]);
  return url;
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
