import { useMemo } from 'preact/hooks';
import { BUILT_IN_RUBRICS } from '@/lib/rubric/builtin';
import type { Rubric, Screenshot, Step } from '@/lib/schemas';
import { useActiveSession, useRecentSessions, useSavedRubrics, useSession, useStepsWithShots } from '@/components/data/useSession';

export type PanelView = { kind: 'default' } | { kind: 'new' } | { kind: 'session'; id: string };

/**
 * What the panel shows for a view: by default the active session, else the latest paused one (a
 * shopper back from a break finds it waiting); or a session opened from the list; or none (the
 * start form). With its steps, their screenshots, and the rubrics a new session may use.
 */
export function usePanelSession(view: PanelView) {
  const openedId = view.kind === 'session' ? view.id : null;
  const active = useActiveSession();
  // null until the first read: the start form must not flash before a session appears.
  const recent = useRecentSessions(8);
  const opened = useSession(openedId, undefined);
  const latestPaused = recent?.find((s) => s.status === 'paused');
  // While a just-opened session loads, keep showing what we know of it: no flash of the form.
  const known = (id: string) => (opened?.id === id ? opened : active?.id === id ? active : recent?.find((s) => s.id === id));
  const session = view.kind === 'new' ? undefined : view.kind === 'session' ? known(view.id) : (active ?? latestPaused);
  const { steps, shots, loaded } = useStepsWithShots(session?.id);
  // Built-in templates first, then the team's own rubrics (authored in the rubric editor).
  const ownRubrics: Rubric[] = useSavedRubrics([]);
  const rubrics = useMemo(() => [...BUILT_IN_RUBRICS, ...ownRubrics], [ownRubrics]);
  return { recent, session, steps, shots, stepsLoaded: loaded, rubrics };
}

/** A step the panel captured and read itself, with its screenshots (useVisibleCapture's onFresh). */
export interface FreshStep {
  step: Step;
  shots: Screenshot[];
}

/**
 * The session's steps with a step just captured that the live query has not listed yet: the
 * capture's reply comes after its commit, so the step is stored; the live read soon lists it
 * too, and from then on it is the live read's record that shows.
 */
export function withFresh(steps: Step[], shots: Map<string, Screenshot[]>, fresh: FreshStep | null, sessionId: string | undefined) {
  if (!fresh || fresh.step.sessionId !== sessionId || steps.some((s) => s.id === fresh.step.id)) return { steps, shots };
  if (steps.length && steps.at(-1)!.position > fresh.step.position) return { steps, shots };
  return { steps: [...steps, fresh.step], shots: new Map(shots).set(fresh.step.id, fresh.shots) };
}
