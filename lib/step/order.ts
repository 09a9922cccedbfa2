// How steps are ordered in a session, as pure functions. A session's order is its steps' positions;
// the review shows it with a stage heading wherever the stage changes, so a journey that goes back
// to an earlier stage shows that honestly instead of being sorted away.

/** Moves `id` to `toIndex` (clamped) in a copy of `ids`; unknown ids leave the order unchanged. */
export function moveId(ids: readonly string[], id: string, toIndex: number): string[] {
  const from = ids.indexOf(id);
  if (from === -1) return [...ids];
  const rest = ids.filter((x) => x !== id);
  const to = Math.max(0, Math.min(rest.length, Math.trunc(toIndex)));
  rest.splice(to, 0, id);
  return rest;
}

/** Why `proposed` is not a reordering of `current`, or null when it is one. */
export function permutationProblem(current: readonly string[], proposed: readonly string[]): string | null {
  if (new Set(proposed).size !== proposed.length) return 'a step is listed twice';
  const known = new Set(current);
  const stranger = proposed.find((id) => !known.has(id));
  if (stranger !== undefined) return `step "${stranger}" is not in this session`;
  if (proposed.length !== current.length) return `${current.length - proposed.length} of the session's steps are missing from the new order`;
  return null;
}

/** Index where a step inserted after `afterId` lands; at the start when `afterId` is absent. */
export function insertionIndex(ids: readonly string[], afterId: string | undefined): number {
  if (afterId === undefined) return 0;
  const at = ids.indexOf(afterId);
  return at === -1 ? ids.length : at + 1;
}

export interface StageRun<T> {
  stageId: string | null;
  /** Index of the run's first step in the whole order, so steps keep their journey numbers. */
  start: number;
  steps: T[];
}

/** Consecutive steps of the same stage, in journey order: what the review puts under one heading. */
export function stageRuns<T extends { stageId: string | null }>(steps: readonly T[]): StageRun<T>[] {
  const runs: StageRun<T>[] = [];
  steps.forEach((step, i) => {
    const last = runs.at(-1);
    if (last && last.stageId === step.stageId) last.steps.push(step);
    else runs.push({ stageId: step.stageId, start: i, steps: [step] });
  });
  return runs;
}
