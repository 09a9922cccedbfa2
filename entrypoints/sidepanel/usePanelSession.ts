import { useMemo } from 'preact/hooks';
import { BUILT_IN_RUBRICS } from '@/lib/rubric/builtin';
import type { Rubric } from '@/lib/schemas';
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
  const { steps, shots } = useStepsWithShots(session?.id);
  // Built-in templates first, then the team's own rubrics (authored in the rubric editor).
  const ownRubrics: Rubric[] = useSavedRubrics([]);
  const rubrics = useMemo(() => [...BUILT_IN_RUBRICS, ...ownRubrics], [ownRubrics]);
  return { recent, session, steps, shots, rubrics };
}
