import { describe, expect, it } from 'vitest';
import { brandAlignmentScore, formatScore, stepAlignment } from '@/lib/scoring/alignment';
import type { PillarScore } from '@/lib/schemas';
import { rubric } from '../fixtures';

// Expected values are worked out by hand: a score s on scale min..max maps to (s - min) / (max - min),
// and a step's alignment is the weighted mean of those fractions, times 100.

describe('stepAlignment', () => {
  const twoEqual = rubric([{ id: 'a' }, { id: 'b' }]);

  it('averages pillars of equal weight', () => {
    // a = 5 → 1, b = 3 → 0.5; mean 0.75
    expect(stepAlignment({ a: 5, b: 3 }, twoEqual)).toBeCloseTo(75);
  });

  it('weights pillars by their weight', () => {
    const r = rubric([{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }]);
    // a = 4 → 0.75 × 3, b = 2 → 0.25 × 1; (2.25 + 0.25) / 4 = 0.625
    expect(stepAlignment({ a: 4, b: 2 }, r)).toBeCloseTo(62.5);
  });

  it('leaves out N/A and unscored pillars', () => {
    const r = rubric([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    // only a counts: 2 → 0.25
    expect(stepAlignment({ a: 2, b: 'na' }, r)).toBeCloseTo(25);
  });

  it('ignores scores for pillars that are not in the rubric', () => {
    expect(stepAlignment({ a: 5, ghost: 1 }, twoEqual)).toBeCloseTo(100);
  });

  it('is null when nothing is scored', () => {
    expect(stepAlignment({}, twoEqual)).toBeNull();
    expect(stepAlignment({ a: 'na', b: 'na' }, twoEqual)).toBeNull();
  });

  it('works with a single pillar', () => {
    const r = rubric([{ id: 'only', weight: 5 }]);
    expect(stepAlignment({ only: 4 }, r)).toBeCloseTo(75);
  });

  it('maps the scale minimum to 0 and its maximum to 100', () => {
    expect(stepAlignment({ a: 1, b: 1 }, twoEqual)).toBe(0);
    expect(stepAlignment({ a: 5, b: 5 }, twoEqual)).toBe(100);
  });

  it('counts a score above the scale maximum as the maximum and below the minimum as the minimum', () => {
    const r = rubric([{ id: 'a' }, { id: 'b' }], { min: 1, max: 5 });
    expect(stepAlignment({ a: 9 }, r)).toBe(stepAlignment({ a: 5 }, r));
    expect(stepAlignment({ a: 9 }, r)).toBe(100);
    expect(stepAlignment({ a: 0 }, r)).toBe(stepAlignment({ a: 1 }, r));
    expect(stepAlignment({ a: 0 }, r)).toBe(0);
    // a = 10 → clamped to 5 → 1, b = 0 → clamped to 1 → 0; mean 0.5
    expect(stepAlignment({ a: 10, b: 0 }, r)).toBeCloseTo(50);
  });

  it('handles a 1–7 scale', () => {
    const r = rubric([{ id: 'a' }, { id: 'b' }], { min: 1, max: 7 });
    // a = 3 → 2/6, b = 6 → 5/6; mean 7/12
    expect(stepAlignment({ a: 3, b: 6 }, r)).toBeCloseTo((7 / 12) * 100);
    expect(stepAlignment({ a: 7, b: 7 }, r)).toBe(100);
    expect(stepAlignment({ a: 1 }, r)).toBe(0);
  });

  it('handles a 0–10 scale', () => {
    const r = rubric([{ id: 'a' }], { min: 0, max: 10 });
    expect(stepAlignment({ a: 7 }, r)).toBeCloseTo(70);
  });

  it('does not change when every weight is multiplied by the same constant', () => {
    const weights = [1, 2, 5];
    const scoresList: Record<string, PillarScore>[] = [
      { a: 1, b: 4, c: 5 },
      { a: 3, b: 'na', c: 2 },
      { a: 5, c: 1 },
    ];
    for (const scores of scoresList) {
      const base = stepAlignment(scores, rubric(weights.map((w, i) => ({ id: 'abc'[i]!, weight: w }))));
      for (const k of [0.5, 3, 17]) {
        const scaled = rubric(weights.map((w, i) => ({ id: 'abc'[i]!, weight: w * k })));
        expect(stepAlignment(scores, scaled)).toBeCloseTo(base!);
      }
    }
  });
});

describe('brandAlignmentScore', () => {
  const r = rubric([{ id: 'a' }, { id: 'b' }]);

  it('is the mean over scored steps only', () => {
    const steps: { scores: Record<string, PillarScore> }[] = [
      { scores: { a: 5, b: 5 } }, // 100
      { scores: { a: 2, b: 3 } }, // (0.25 + 0.5) / 2 = 37.5
      { scores: {} }, // unscored
      { scores: { a: 'na' } }, // unscored
    ];
    const result = brandAlignmentScore(steps, r);
    expect(result.score).toBeCloseTo((100 + 37.5) / 2);
    expect(result.scoredSteps).toBe(2);
    expect(result.totalSteps).toBe(4);
  });

  it('counts each step once, however many pillars it scored', () => {
    // step 1 scores one pillar at max (100), step 2 both at min (0): mean of steps is 50
    const result = brandAlignmentScore([{ scores: { a: 5 } }, { scores: { a: 1, b: 1 } }], r);
    expect(result.score).toBeCloseTo(50);
  });

  it('is null with no steps or no scored steps', () => {
    expect(brandAlignmentScore([], r)).toEqual({ score: null, scoredSteps: 0, totalSteps: 0 });
    expect(brandAlignmentScore([{ scores: {} }], r)).toEqual({ score: null, scoredSteps: 0, totalSteps: 1 });
  });
});

describe('formatScore', () => {
  it('rounds to a whole number and shows a dash when there is no score', () => {
    expect(formatScore(62.5)).toBe('63');
    expect(formatScore(33.3)).toBe('33');
    expect(formatScore(null)).toBe('–');
  });
});
