import type { Rubric, Stage, Step } from '../schemas';
import { brandAlignmentScore, normalise, stepAlignment } from './alignment';

// Pure breakdowns of a session's steps for the dashboard and report: per pillar, per stage,
// friction, the weakest moments and effort. No I/O; figures are 0–100 and unrounded.

export interface PillarResult {
  pillarId: string;
  name: string;
  weight: number;
  score: number | null;
  scoredSteps: number;
}

/** Per pillar: mean over steps where that pillar has a numeric score, mapped onto 0–100 like stepAlignment (min→0, max→100). N/A and unscored are left out. null when no step scored it. Rubric order. */
export function pillarBreakdown(steps: ReadonlyArray<Pick<Step, 'scores'>>, rubric: Rubric): PillarResult[] {
  return rubric.pillars.map((pillar) => {
    let sum = 0;
    let scored = 0;
    for (const step of steps) {
      const score = step.scores[pillar.id];
      if (typeof score !== 'number') continue;
      sum += normalise(score, rubric.scale);
      scored += 1;
    }
    return {
      pillarId: pillar.id,
      name: pillar.name,
      weight: pillar.weight,
      score: scored === 0 ? null : (sum / scored) * 100,
      scoredSteps: scored,
    };
  });
}

export interface StageResult {
  stageId: string;
  name: string;
  score: number | null;
  steps: number;
  scoredSteps: number;
}

function stepsOfStage<T extends Pick<Step, 'stageId'>>(steps: ReadonlyArray<T>, stage: Stage): T[] {
  return steps.filter((step) => step.stageId === stage.id);
}

/** Per stage, in the session's stage order: mean stepAlignment over that stage's scored steps (null when none); `steps` counts all steps in the stage. Steps whose stageId matches no stage are ignored. */
export function stageBreakdown(
  steps: ReadonlyArray<Pick<Step, 'scores' | 'stageId'>>,
  stages: readonly Stage[],
  rubric: Rubric,
): StageResult[] {
  return stages.map((stage) => {
    // A stage's score is the Brand Alignment Score of its own steps.
    const own = stepsOfStage(steps, stage);
    const { score, scoredSteps } = brandAlignmentScore(own, rubric);
    return { stageId: stage.id, name: stage.name, score, steps: own.length, scoredSteps };
  });
}

export interface StagePillarRow {
  stageId: string;
  name: string;
  cells: Array<{ pillarId: string; score: number | null; scoredSteps: number }>;
}

/** The stage × pillar table: for each stage (session order) and pillar (rubric order), the mean 0–100 pillar score over that stage's steps that scored the pillar. */
export function stagePillarTable(
  steps: ReadonlyArray<Pick<Step, 'scores' | 'stageId'>>,
  stages: readonly Stage[],
  rubric: Rubric,
): StagePillarRow[] {
  return stages.map((stage) => ({
    stageId: stage.id,
    name: stage.name,
    cells: pillarBreakdown(stepsOfStage(steps, stage), rubric).map(({ pillarId, score, scoredSteps }) => ({
      pillarId,
      score,
      scoredSteps,
    })),
  }));
}

export interface FrictionCounts {
  bySeverity: [number, number, number, number, number];
  unrated: number;
  worst: number | null;
}

/** Count of steps per Nielsen severity 0–4, steps with severity null as unrated, worst = highest severity seen (null if none rated). */
export function frictionCounts(steps: ReadonlyArray<Pick<Step, 'severity'>>): FrictionCounts {
  const bySeverity: FrictionCounts['bySeverity'] = [0, 0, 0, 0, 0];
  let unrated = 0;
  let worst: number | null = null;
  for (const { severity } of steps) {
    // Anything that is not a valid severity (null, or a record written before the field existed) is unrated.
    if (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 0 || severity > 4) {
      unrated += 1;
      continue;
    }
    bySeverity[severity as 0 | 1 | 2 | 3 | 4] += 1;
    worst = worst === null ? severity : Math.max(worst, severity);
  }
  return { bySeverity, unrated, worst };
}

export interface LowMoment {
  stepId: string;
  position: number;
  alignment: number;
  momentOfTruth: boolean;
}

/** The `count` (default 3) scored steps with the lowest alignment, lowest first; ties broken by position ascending. Unscored steps never appear. */
export function lowestMoments(
  steps: ReadonlyArray<Pick<Step, 'id' | 'position' | 'scores' | 'momentOfTruth'>>,
  rubric: Rubric,
  count = 3,
): LowMoment[] {
  const limit = Math.max(0, Math.floor(count));
  const moments: LowMoment[] = [];
  for (const step of steps) {
    const alignment = stepAlignment(step.scores, rubric);
    if (alignment === null) continue;
    // Steps stored before momentOfTruth existed have no such field; they are not moments of truth.
    moments.push({ stepId: step.id, position: step.position, alignment, momentOfTruth: step.momentOfTruth === true });
  }
  moments.sort((a, b) => a.alignment - b.alignment || a.position - b.position);
  return moments.slice(0, limit);
}

export interface EffortFigures {
  steps: number;
  timeOnTaskMs: number;
  pageLoads: number;
  revisits: number;
  meanTimeBetweenMs: number | null;
}

/** A URL without its #fragment: in-page anchors are not separate pages. */
const pageKey = (url: string) => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/**
 * Effort from the captured steps (ordered by position): steps = count; timeOnTaskMs = last capturedAt − first capturedAt (0 for ≤1 step);
 * pageLoads = number of page views seen = 1 for the first step plus 1 each time a step's URL (ignoring the #hash) differs from the previous step's (0 when no steps);
 * revisits = number of page views whose URL (ignoring #hash) was already seen in an earlier, non-adjacent page view (back-and-forth);
 * meanTimeBetweenMs = timeOnTaskMs / (steps − 1), null for ≤1 step.
 * Steps must be sorted by position first (sort a copy inside; do not mutate the input).
 */
export function effortFigures(steps: ReadonlyArray<Pick<Step, 'position' | 'capturedAt' | 'url'>>): EffortFigures {
  const sorted = [...steps].sort((a, b) => a.position - b.position);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const timeOnTaskMs = first && last && sorted.length > 1 ? last.capturedAt - first.capturedAt : 0;

  // Consecutive page views always differ, so any earlier view of the same URL is non-adjacent.
  let pageLoads = 0;
  let revisits = 0;
  let previous: string | null = null;
  const seen = new Set<string>();
  for (const step of sorted) {
    const key = pageKey(step.url);
    // A text-only step (something seen off-screen) has no URL: it is not a page view.
    if (key === '' || key === previous) continue;
    pageLoads += 1;
    if (seen.has(key)) revisits += 1;
    seen.add(key);
    previous = key;
  }

  return {
    steps: sorted.length,
    timeOnTaskMs,
    pageLoads,
    revisits,
    meanTimeBetweenMs: sorted.length > 1 ? timeOnTaskMs / (sorted.length - 1) : null,
  };
}

/** effortFigures per stage (session order), each over that stage's steps only. */
export function effortByStage(
  steps: ReadonlyArray<Pick<Step, 'position' | 'capturedAt' | 'url' | 'stageId'>>,
  stages: readonly Stage[],
): Array<{ stageId: string; name: string; effort: EffortFigures }> {
  return stages.map((stage) => ({ stageId: stage.id, name: stage.name, effort: effortFigures(stepsOfStage(steps, stage)) }));
}
