import { getDb } from '@/lib/db';
import { activeSession, savedRubrics, screenshotInContext, screenshotsBySession, sessionById, sessionsByRecent, sessionsWithSteps, stepsOfSession, stepsWithShots } from '@/lib/db/queries';
import type { SavedRubric, Screenshot, Session, Step } from '@/lib/schemas';
import { useLiveQuery } from './live';
import { shareGroups, shareRecords } from './share';

// Live reads of sessions, their steps and screenshots, and saved rubrics. Each hook re-renders
// when the background commits a change; `initial` is what a view shows until the first read.

export function useActiveSession(): Session | undefined {
  return useLiveQuery(() => activeSession(getDb()), [], undefined);
}

export function useRecentSessions(limit: number): Session[] | null {
  return useLiveQuery<Session[] | null>(() => sessionsByRecent(getDb(), limit), [], null);
}

/** undefined while no id is given or the session is gone; `initial` until the first read. */
export function useSession<I extends null | undefined>(sessionId: string | null | undefined, initial: I): Session | undefined | I {
  return useLiveQuery<Session | undefined | I>(async () => (sessionId ? sessionById(getDb(), sessionId) : undefined), [sessionId], initial);
}

/** The session's steps in journey order; none while no session is given. */
export function useSteps(sessionId: string | undefined): Step[] {
  return useLiveQuery(async () => (sessionId ? stepsOfSession(getDb(), sessionId) : []), [sessionId], [] as Step[], shareRecords);
}

/** Screenshot records of the session grouped by step, oldest first; no pixels. */
export function useScreenshots(sessionId: string | undefined): Map<string, Screenshot[]> {
  return useLiveQuery(async () => (sessionId ? screenshotsBySession(getDb(), sessionId) : new Map<string, Screenshot[]>()), [sessionId], new Map<string, Screenshot[]>(), shareGroups);
}

const NO_STEPS = { sessionId: undefined as string | undefined, steps: [] as Step[], shots: new Map<string, Screenshot[]>() };

/**
 * The session's steps and their screenshot records, read together: a new step arrives with its
 * screenshot in one render, so its card shows its picture at once. Unchanged records keep their
 * objects (share.ts), so a capture redraws the new card only. `loaded` is false until the steps
 * of this very session are read: a panel just opened, or switched to another session, shows
 * neither "No steps yet" nor the previous session's steps in the meantime.
 */
export function useStepsWithShots(sessionId: string | undefined): { steps: Step[]; shots: Map<string, Screenshot[]>; loaded: boolean } {
  const read = useLiveQuery(
    async () => (sessionId ? { sessionId, ...(await stepsWithShots(getDb(), sessionId)) } : NO_STEPS),
    [sessionId],
    NO_STEPS,
    (prev, next) => {
      if (prev.sessionId !== next.sessionId) return next;
      const steps = shareRecords(prev.steps, next.steps);
      const shots = shareGroups(prev.shots, next.shots);
      return steps === prev.steps && shots === prev.shots ? prev : { sessionId: next.sessionId, steps, shots };
    },
  );
  if (!sessionId) return { steps: NO_STEPS.steps, shots: NO_STEPS.shots, loaded: true };
  if (read.sessionId !== sessionId) return { steps: NO_STEPS.steps, shots: NO_STEPS.shots, loaded: false };
  return { steps: read.steps, shots: read.shots, loaded: true };
}

export function useSavedRubrics<I extends SavedRubric[] | null>(initial: I): SavedRubric[] | I {
  return useLiveQuery<SavedRubric[] | I>(() => savedRubrics(getDb()), [], initial);
}

/** Sessions with their steps, in the order asked (undefined for a missing id); null until read. */
export function useSessionsWithSteps(sessionIds: readonly string[], key: string) {
  return useLiveQuery<Array<{ session: Session; steps: Step[] } | undefined> | null>(() => sessionsWithSteps(getDb(), sessionIds), [key], null);
}

/** A screenshot with its step, session and step number: undefined while loading, null when gone. */
export function useScreenshotInContext(screenshotId: string | null) {
  return useLiveQuery<Awaited<ReturnType<typeof screenshotInContext>> | undefined>(
    async () => (screenshotId ? screenshotInContext(getDb(), screenshotId) : null),
    [screenshotId],
    undefined,
  );
}
