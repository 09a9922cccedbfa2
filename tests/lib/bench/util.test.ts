import { describe, expect, it } from 'vitest';
// The bench's own rules (bench/util.mjs): what a row prints and whether it meets its goal.
import { goalMet, MIN_FOR_P95, quantile, row } from '../../../bench/util.mjs';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('bench quantile (nearest rank)', () => {
  it('gives the smallest sample with at least that share at or below it', () => {
    expect(quantile(oneTo(40), 0.95)).toBe(38);
    expect(quantile(oneTo(40), 0.5)).toBe(20);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('bench row', () => {
  it('prints a p95 only from 40 samples, so it is never just the maximum', () => {
    expect(MIN_FOR_P95).toBe(40);
    expect(row({ name: 'x', values: oneTo(39) }).p95).toBeNull();
    const full = row({ name: 'x', values: oneTo(40), baseline: oneTo(40).map((v) => v / 2) });
    expect(full.p95).toBe(38);
    expect(full.ratio).toBe(2);
    expect(full.ratioP95).toBe(2);
  });

  it('has no ratio without a baseline measured in the run', () => {
    const r = row({ name: 'x', values: [1, 2, 3] });
    expect(r.baselineP50).toBeNull();
    expect(r.ratio).toBeNull();
    expect(r.baselineN).toBe(0);
  });
});

describe('bench goalMet', () => {
  const base = { ratio: 1.2, ratioP95: 1.4, p50: 120, p95: 200, unit: 'ms' };

  it('checks both ratio terms of a p50 and p95 goal', () => {
    expect(goalMet({ ...base, goal: '≤ 1.3× raw p50, ≤ 1.5× raw p95' })).toBe(true);
    expect(goalMet({ ...base, ratioP95: 1.6, goal: '≤ 1.3× raw p50, ≤ 1.5× raw p95' })).toBe(false);
    expect(goalMet({ ...base, ratio: 1.31, goal: '≤ 1.3× raw p50' })).toBe(false);
    expect(goalMet({ ...base, goal: '≤ 1.2× floor' })).toBe(true);
  });

  it('converts an absolute goal into the row unit', () => {
    expect(goalMet({ ...base, p50: 2900, goal: '≤ 3 s' })).toBe(true);
    expect(goalMet({ ...base, p50: 3100, goal: '≤ 3 s' })).toBe(false);
    expect(goalMet({ ...base, unit: 'KB', p50: 149, goal: '≤ 150 KB' })).toBe(true);
    expect(goalMet({ ...base, p50: 1200, goal: '≤ 1,000 ms' })).toBe(false);
    expect(goalMet({ ...base, goal: '≤ 150 ms p95' })).toBe(false);
  });

  it('says nothing for a row with no goal, a baseline, or a figure it lacks', () => {
    expect(goalMet({ ...base, goal: '' })).toBeNull();
    expect(goalMet({ ...base, goal: 'baseline' })).toBeNull();
    expect(goalMet({ ...base, goal: 'for reference' })).toBeNull();
    expect(goalMet({ ...base, ratio: null, goal: '≤ 1.3× raw p50' })).toBeNull();
    // A size goal on a time row is not comparable.
    expect(goalMet({ ...base, goal: '≤ 150 KB' })).toBeNull();
  });

  it('counts a part that failed as not met', () => {
    expect(goalMet({ ...base, failed: true, goal: 'completes' })).toBe(false);
  });
});
