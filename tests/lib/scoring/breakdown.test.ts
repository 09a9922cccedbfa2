import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  effortByStage,
  effortFigures,
  frictionCounts,
  lowestMoments,
  pillarBreakdown,
  stageBreakdown,
  stagePillarTable,
} from '@/lib/scoring/breakdown';
import { brandAlignmentScore, stepAlignment } from '@/lib/scoring/alignment';
import type { PillarScore, Rubric, Stage } from '@/lib/schemas';
import { rubric } from '../fixtures';

// Expected values are worked out by hand from the inputs: on scale min..max a score s is
// (s - min) / (max - min) × 100.

type Scores = Record<string, PillarScore>;
const on15 = (s: number) => ((s - 1) / 4) * 100;
const stages: Stage[] = [{ id: 'discover', name: 'Discover' }, { id: 'buy', name: 'Buy' }, { id: 'help', name: 'Get help' }];
const r = rubric([{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }]);

describe('pillarBreakdown', () => {
  it('averages each pillar over the steps that scored it, in rubric order, leaving out N/A and unscored', () => {
    const steps: { scores: Scores }[] = [{ scores: { a: 5, b: 'na' } }, { scores: { a: 2 } }, { scores: {} }, { scores: { b: 4, ghost: 1 } }];
    expect(pillarBreakdown(steps, r)).toEqual([
      { pillarId: 'a', name: 'A', weight: 3, score: expect.closeTo((on15(5) + on15(2)) / 2), scoredSteps: 2 },
      { pillarId: 'b', name: 'B', weight: 1, score: expect.closeTo(on15(4)), scoredSteps: 1 },
    ]);
  });

  it('is null for every pillar with no steps, or when all are N/A', () => {
    const none = pillarBreakdown([], r).map((p) => [p.score, p.scoredSteps]);
    expect(none).toEqual([[null, 0], [null, 0]]);
    expect(pillarBreakdown([{ scores: { a: 'na', b: 'na' } }], r).every((p) => p.score === null)).toBe(true);
  });

  it('maps a 0–10 scale with min → 0 and max → 100', () => {
    const ten = rubric([{ id: 'a' }], { min: 0, max: 10 });
    expect(pillarBreakdown([{ scores: { a: 0 } }, { scores: { a: 10 } }, { scores: { a: 7 } }], ten)[0]!.score).toBeCloseTo((0 + 100 + 70) / 3);
  });
});

describe('stageBreakdown and stagePillarTable', () => {
  const steps: { stageId: string | null; scores: Scores }[] = [
    { stageId: 'buy', scores: { a: 5, b: 1 } },
    { stageId: 'buy', scores: { a: 'na' } },
    { stageId: 'discover', scores: { b: 3 } },
    { stageId: 'gone', scores: { a: 1, b: 1 } }, // unknown stage: ignored
    { stageId: null, scores: { a: 1 } }, // no stage: ignored
    { stageId: 'buy', scores: { a: 3, b: 3 } },
  ];

  it('averages step alignment per stage in session order, counting all steps and scored steps', () => {
    const buyStep1 = ((on15(5) * 3 + on15(1) * 1) / 4);
    const buyStep3 = on15(3);
    expect(stageBreakdown(steps, stages, r)).toEqual([
      { stageId: 'discover', name: 'Discover', score: expect.closeTo(on15(3)), steps: 1, scoredSteps: 1 },
      { stageId: 'buy', name: 'Buy', score: expect.closeTo((buyStep1 + buyStep3) / 2), steps: 3, scoredSteps: 2 },
      { stageId: 'help', name: 'Get help', score: null, steps: 0, scoredSteps: 0 },
    ]);
  });

  it('builds the stage × pillar table from each stage’s own steps', () => {
    const table = stagePillarTable(steps, stages, r);
    expect(table.map((row) => row.stageId)).toEqual(['discover', 'buy', 'help']);
    expect(table[0]!.cells).toEqual([
      { pillarId: 'a', score: null, scoredSteps: 0 },
      { pillarId: 'b', score: expect.closeTo(on15(3)), scoredSteps: 1 },
    ]);
    expect(table[1]!.cells).toEqual([
      { pillarId: 'a', score: expect.closeTo((on15(5) + on15(3)) / 2), scoredSteps: 2 },
      { pillarId: 'b', score: expect.closeTo((on15(1) + on15(3)) / 2), scoredSteps: 2 },
    ]);
    expect(table[2]!.cells.every((c) => c.score === null && c.scoredSteps === 0)).toBe(true);
  });

  it('handles no steps and no stages', () => {
    expect(stageBreakdown([], stages, r).map((s) => [s.score, s.steps])).toEqual([[null, 0], [null, 0], [null, 0]]);
    expect(stageBreakdown(steps, [], r)).toEqual([]);
    expect(stagePillarTable(steps, [], r)).toEqual([]);
  });
});

describe('frictionCounts', () => {
  it('counts steps per severity, unrated steps, and the worst severity', () => {
    const severities = [0, 3, null, 1, 3, null, 0];
    expect(frictionCounts(severities.map((severity) => ({ severity })))).toEqual({ bySeverity: [2, 1, 0, 2, 0], unrated: 2, worst: 3 });
  });

  it('has no worst when nothing is rated, and 0 when only “None” is', () => {
    expect(frictionCounts([])).toEqual({ bySeverity: [0, 0, 0, 0, 0], unrated: 0, worst: null });
    expect(frictionCounts([{ severity: null }]).worst).toBeNull();
    expect(frictionCounts([{ severity: 0 }]).worst).toBe(0);
  });
});

describe('lowestMoments', () => {
  const step = (id: string, position: number, scores: Scores, momentOfTruth = false) => ({ id, position, scores, momentOfTruth });

  it('returns the lowest scored steps first, ties by position, skipping unscored steps', () => {
    const steps = [
      step('s4', 4, { a: 2, b: 2 }, true), // 25, tie with s1 but later
      step('s1', 1, { a: 2, b: 2 }), // 25
      step('s2', 2, {}), // unscored
      step('s3', 3, { a: 'na', b: 'na' }), // unscored
      step('s5', 5, { a: 1, b: 5 }), // (0 × 3 + 100 × 1) / 4 = 25
      step('s0', 0, { a: 5 }), // 100
      step('s6', 6, { b: 1 }), // 0
    ];
    const lowest = lowestMoments(steps, r);
    expect(lowest.map((m) => m.stepId)).toEqual(['s6', 's1', 's4']);
    expect(lowest[0]).toEqual({ stepId: 's6', position: 6, alignment: 0, momentOfTruth: false });
    expect(lowest[2]!.momentOfTruth).toBe(true);
    expect(lowest[1]!.alignment).toBeCloseTo(on15(2));
    expect(lowestMoments(steps, r, 10).map((m) => m.stepId)).toEqual(['s6', 's1', 's4', 's5', 's0']);
    expect(lowestMoments(steps, r, 0)).toEqual([]);
  });

  it('is empty with no scored steps', () => {
    expect(lowestMoments([], r)).toEqual([]);
    expect(lowestMoments([step('x', 0, {})], r)).toEqual([]);
  });
});

describe('effortFigures', () => {
  const at = (position: number, capturedAt: number, url: string) => ({ position, capturedAt, url });

  it('is zeros and nulls for no steps, and for one step', () => {
    expect(effortFigures([])).toEqual({ steps: 0, timeOnTaskMs: 0, pageLoads: 0, revisits: 0, meanTimeBetweenMs: null });
    expect(effortFigures([at(0, 5000, 'https://x/')])).toEqual({ steps: 1, timeOnTaskMs: 0, pageLoads: 1, revisits: 0, meanTimeBetweenMs: null });
  });

  it('sorts by position without mutating the input', () => {
    const steps = [at(2, 9000, 'https://x/c'), at(0, 1000, 'https://x/a'), at(1, 4000, 'https://x/b')];
    const copy = structuredClone(steps);
    const effort = effortFigures(steps);
    expect(steps).toEqual(copy);
    expect(effort.timeOnTaskMs).toBe(9000 - 1000);
    expect(effort.meanTimeBetweenMs).toBe((9000 - 1000) / (3 - 1));
    expect(effort.pageLoads).toBe(3);
  });

  it('treats a hash-only change and repeated steps on one page as the same page view', () => {
    const steps = [at(0, 0, 'https://x/a'), at(1, 1, 'https://x/a#reviews'), at(2, 2, 'https://x/a#size'), at(3, 3, 'https://x/b')];
    expect(effortFigures(steps)).toMatchObject({ steps: 4, pageLoads: 2, revisits: 0 });
  });

  it('counts back-and-forth: A → B → A → C → B is 5 page views, 2 revisits', () => {
    const urls = ['https://x/a', 'https://x/b', 'https://x/a#top', 'https://x/c', 'https://x/b'];
    expect(effortFigures(urls.map((url, i) => at(i, i * 100, url)))).toMatchObject({ pageLoads: 5, revisits: 2, timeOnTaskMs: 400 });
  });

  it('splits by stage in session order, ignoring steps in no known stage', () => {
    const steps = [
      { ...at(0, 0, 'https://x/a'), stageId: 'discover' },
      { ...at(1, 1000, 'https://x/b'), stageId: 'buy' },
      { ...at(2, 3000, 'https://x/b'), stageId: 'buy' },
      { ...at(3, 9000, 'https://x/z'), stageId: 'gone' },
    ];
    const byStage = effortByStage(steps, stages);
    expect(byStage.map((s) => [s.stageId, s.name])).toEqual([['discover', 'Discover'], ['buy', 'Buy'], ['help', 'Get help']]);
    expect(byStage[0]!.effort).toEqual({ steps: 1, timeOnTaskMs: 0, pageLoads: 1, revisits: 0, meanTimeBetweenMs: null });
    expect(byStage[1]!.effort).toEqual({ steps: 2, timeOnTaskMs: 2000, pageLoads: 1, revisits: 0, meanTimeBetweenMs: 2000 });
    expect(byStage[2]!.effort.steps).toBe(0);
  });
});

// Property tests: random rubrics (any valid scale, 1–12 weighted pillars) and random steps whose
// scores may be on or off the scale, N/A, missing, or for pillars not in the rubric.

const arbRubric: fc.Arbitrary<Rubric> = fc
  .record({
    min: fc.integer({ min: 0, max: 1 }),
    max: fc.integer({ min: 2, max: 10 }),
    weights: fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
  })
  .map(({ min, max, weights }) => rubric(weights.map((weight, i) => ({ id: `p${i}`, weight })), { min, max }));
const arbScore: fc.Arbitrary<PillarScore> = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant('na' as const));
const arbScores: fc.Arbitrary<Scores> = fc.dictionary(fc.constantFrom(...Array.from({ length: 13 }, (_, i) => `p${i}`)), arbScore);
const arbSteps = fc.array(
  fc.record({ id: fc.uuid(), position: fc.nat(50), scores: arbScores, momentOfTruth: fc.boolean(), stageId: fc.constantFrom('discover', 'buy', 'help', 'gone') }),
  { maxLength: 20 },
);
const inRange = (x: number | null) => x === null || (x >= 0 && x <= 100);

function allInRange(steps: { scores: Scores; stageId: string }[], rub: Rubric): boolean {
  return (
    steps.every((s) => inRange(stepAlignment(s.scores, rub))) &&
    inRange(brandAlignmentScore(steps, rub).score) &&
    pillarBreakdown(steps, rub).every((p) => inRange(p.score)) &&
    stageBreakdown(steps, stages, rub).every((s) => inRange(s.score)) &&
    stagePillarTable(steps, stages, rub).every((row) => row.cells.every((c) => inRange(c.score)))
  );
}

describe('properties', () => {
  it('every score is within [0, 100] or null', () => {
    fc.assert(fc.property(arbRubric, arbSteps, (rub, steps) => allInRange(steps, rub)));
  });

  it('multiplying every weight by the same positive factor changes no alignment', () => {
    fc.assert(
      fc.property(arbRubric, arbSteps, fc.double({ min: 0.01, max: 1000, noNaN: true }), (rub, steps, k) => {
        const scaled: Rubric = { ...rub, pillars: rub.pillars.map((p) => ({ ...p, weight: p.weight * k })) };
        for (const s of steps) {
          const before = stepAlignment(s.scores, rub);
          const after = stepAlignment(s.scores, scaled);
          if (before === null) expect(after).toBeNull();
          else expect(after).toBeCloseTo(before);
        }
        const before = brandAlignmentScore(steps, rub).score;
        const after = brandAlignmentScore(steps, scaled).score;
        if (before === null) expect(after).toBeNull();
        else expect(after).toBeCloseTo(before);
      }),
    );
  });

  it('marking a scored pillar N/A keeps every score within [0, 100] or null', () => {
    fc.assert(
      fc.property(arbRubric, arbSteps, fc.nat(), fc.nat(), (rub, steps, stepPick, pillarPick) => {
        if (steps.length === 0) return;
        const target = steps[stepPick % steps.length]!;
        const scored = Object.keys(target.scores).filter((id) => typeof target.scores[id] === 'number');
        const pillarId = scored.length > 0 ? scored[pillarPick % scored.length]! : rub.pillars[pillarPick % rub.pillars.length]!.id;
        const marked = steps.map((s) => (s === target ? { ...s, scores: { ...s.scores, [pillarId]: 'na' as const } } : s));
        expect(allInRange(marked, rub)).toBe(true);
        // Marked N/A on every step, that pillar has no score at all.
        const allNa = steps.map((s) => ({ ...s, scores: { ...s.scores, [pillarId]: 'na' as const } }));
        const pillar = pillarBreakdown(allNa, rub).find((p) => p.pillarId === pillarId);
        if (pillar) expect(pillar).toMatchObject({ score: null, scoredSteps: 0 });
        expect(allInRange(allNa, rub)).toBe(true);
      }),
    );
  });

  it('lowestMoments returns min(count, scored steps) items in ascending order', () => {
    fc.assert(
      fc.property(arbRubric, arbSteps, fc.integer({ min: 0, max: 25 }), (rub, steps, count) => {
        const scored = steps.filter((s) => stepAlignment(s.scores, rub) !== null).length;
        const lowest = lowestMoments(steps, rub, count);
        expect(lowest).toHaveLength(Math.min(count, scored));
        for (let i = 1; i < lowest.length; i++) {
          const [prev, cur] = [lowest[i - 1]!, lowest[i]!];
          expect(prev.alignment < cur.alignment || (prev.alignment === cur.alignment && prev.position <= cur.position)).toBe(true);
        }
        expect(lowestMoments(steps, rub)).toHaveLength(Math.min(3, scored));
      }),
    );
  });
});
