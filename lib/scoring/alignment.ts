import type { PillarScore, Rubric, Scale, Step } from '../schemas';

// lib/scoring/ — the figures: Brand Alignment Score of a step and a session (alignment.ts), the
// pillar and stage breakdown (breakdown.ts), the journey curve (journey.ts), two sessions side by
// side (compare.ts) and when to ask the effort questions (questions.ts). Pure: may import core only.

// Pure scoring: no I/O, so the side panel, dashboard and report all compute the same figures.

/**
 * A score on the scale as a fraction 0–1: the minimum maps to 0 and the maximum to 1, and values
 * outside the scale are clamped to it first. Multiply by 100 for the 0–100 figures shown to users.
 */
export function normalise(score: number, scale: Pick<Scale, 'min' | 'max'>): number {
  const { min, max } = scale;
  const clamped = Math.min(max, Math.max(min, score));
  return (clamped - min) / (max - min);
}

/**
 * A step's alignment with the brand promise on 0–100: the weighted mean of its numeric pillar
 * scores, with the rubric's scale mapped linearly so that its minimum is 0 and its maximum 100.
 * Pillars marked N/A or not yet scored are left out. Null when nothing is scored.
 */
export function stepAlignment(scores: Readonly<Record<string, PillarScore>>, rubric: Rubric): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const pillar of rubric.pillars) {
    const score = scores[pillar.id];
    if (typeof score !== 'number') continue;
    weighted += normalise(score, rubric.scale) * pillar.weight;
    totalWeight += pillar.weight;
  }
  if (totalWeight === 0) return null;
  return (weighted / totalWeight) * 100;
}

export interface BrandAlignment {
  /** Mean step alignment over scored steps, 0–100; null when no step is scored yet. */
  score: number | null;
  scoredSteps: number;
  totalSteps: number;
}

/** The session's Brand Alignment Score: every scored step counts once, whatever its weight. */
export function brandAlignmentScore(steps: ReadonlyArray<Pick<Step, 'scores'>>, rubric: Rubric): BrandAlignment {
  let sum = 0;
  let scored = 0;
  for (const step of steps) {
    const alignment = stepAlignment(step.scores, rubric);
    if (alignment === null) continue;
    sum += alignment;
    scored += 1;
  }
  return { score: scored === 0 ? null : sum / scored, scoredSteps: scored, totalSteps: steps.length };
}

/**
 * The colour band of a 0–100 figure, shared by the panel and the report. Colour is never the
 * only cue: the number is always shown beside it.
 */
export function scoreTone(score: number | null): 'none' | 'low' | 'mid' | 'high' {
  if (score === null) return 'none';
  if (score < 40) return 'low';
  if (score < 70) return 'mid';
  return 'high';
}

/** Scores are shown as whole numbers; rounding happens only at display time. */
export function formatScore(score: number | null): string {
  return score === null ? '–' : String(Math.round(score));
}
