import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSessions, formatDelta, type CompareInput } from '@/lib/scoring/compare';
import { effortFigures, pillarBreakdown } from '@/lib/scoring/breakdown';
import { brandAlignmentScore } from '@/lib/scoring/alignment';
import type { PillarScore, Rubric, Stage } from '@/lib/schemas';
import { rubric } from '../fixtures';

// Figures are those of lib/scoring and lib/breakdown on each session; what is tested here is
// what lines up with what, the deltas against the baseline, and what is said to be left out.

const on15 = (s: number) => ((s - 1) / 4) * 100;
const stages = (...names: string[]): Stage[] => names.map((name, i) => ({ id: `st-${i}-${name}`, name }));
const shared = rubric([{ id: 'a' }, { id: 'b' }]);

function input(id: string, r: Rubric, st: Stage[], steps: Array<{ stage: number; scores: Record<string, PillarScore>; severity?: number | null; url?: string }>): CompareInput {
  return {
    session: { id, title: id, brand: 'Acme', rubric: r, stages: st },
    steps: steps.map((s, p) => ({
      id: `${id}-${p}`,
      position: p,
      capturedAt: 1000 + p * 30_000,
      url: s.url ?? `https://x.test/${p}`,
      stageId: st[s.stage]!.id,
      scores: s.scores,
      severity: (s.severity ?? null) as CompareInput['steps'][number]['severity'],
    })),
  };
}

const one = input('one', shared, stages('Browse', 'Pay'), [
  { stage: 0, scores: { a: 5, b: 3 }, severity: 0 },
  { stage: 1, scores: { a: 2, b: 'na' }, severity: 3 },
]);
const two = input('two', shared, stages('browse ', 'Pay'), [
  { stage: 0, scores: { a: 4, b: 4 }, severity: 4, url: 'https://x.test/p' },
  { stage: 0, scores: { a: 3, b: 3 }, url: 'https://x.test/q' },
  { stage: 1, scores: { a: 1, b: 2 }, severity: 2, url: 'https://x.test/p' },
]);

describe('compareSessions, same rubric', () => {
  const c = compareSessions([one, two]);

  it('shows each session’s own Brand Alignment Score and the difference from the baseline on whole numbers', () => {
    const bas = [one, two].map((i) => brandAlignmentScore(i.steps, i.session.rubric).score!);
    expect(c.sameRubric).toBe(true);
    expect(c.score.values).toEqual(bas);
    expect(c.score.deltas).toEqual([0, Math.round(bas[1]!) - Math.round(bas[0]!)]);
    expect(c.notCompared).toEqual({ pillars: [], stages: [] });
  });

  it('lines pillars and stages up by name, whatever the case or spacing', () => {
    expect(c.pillars.map((p) => p.name)).toEqual(['A', 'B']);
    expect(c.pillars[0]!.values).toEqual([expect.closeTo((on15(5) + on15(2)) / 2), expect.closeTo((on15(4) + on15(3) + on15(1)) / 3)]);
    expect(c.stages.map((s) => [s.name, s.present])).toEqual([['Browse', [true, true]], ['Pay', [true, true]]]);
    // Stage Pay, pillar B: N/A in one, 2 in two.
    expect(c.stages[1]!.cells[1]!.values).toEqual([null, on15(2)]);
    expect(c.stages[1]!.cells[1]!.deltas).toEqual([null, null]);
  });

  it('puts effort and friction side by side', () => {
    expect(c.effort.find((r) => r.name === 'Steps')!.values).toEqual([2, 3]);
    expect(c.effort.find((r) => r.name === 'Back-and-forth')!.values).toEqual([0, effortFigures(two.steps).revisits]);
    expect(c.effort.find((r) => r.name === 'Back-and-forth')!.deltas).toEqual([0, 1]);
    expect(c.friction.map((r) => [r.name, ...r.values])).toEqual([
      ['Cosmetic', 0, 0], ['Minor', 0, 1], ['Major', 1, 0], ['Blocker', 0, 1], ['Not rated', 0, 1],
    ]);
  });

  it('measures from the baseline the user picked', () => {
    const fromTwo = compareSessions([one, two], 1);
    expect(fromTwo.score.deltas).toEqual([-c.score.deltas[1]!, 0]);
    expect(fromTwo.effort[0]!.deltas).toEqual([-1, 0]);
    expect(() => compareSessions([one, two], 2)).toThrow(RangeError);
  });
});

describe('compareSessions, different rubrics', () => {
  const other = rubric([{ id: 'x' }, { id: 'b', weight: 2 }]);
  other.pillars[0]!.name = 'Speed';
  const three = input('three', other, stages('Browse', 'Returns'), [{ stage: 0, scores: { x: 1, b: 5 } }, { stage: 1, scores: { x: 5, b: 1 } }]);
  const c = compareSessions([one, three]);

  it('compares the pillars both have and scores the sessions on those alone', () => {
    expect(c.sameRubric).toBe(false);
    expect(c.pillars.map((p) => p.name)).toEqual(['B']);
    const onB = (i: CompareInput) => brandAlignmentScore(i.steps, { ...i.session.rubric, pillars: i.session.rubric.pillars.filter((p) => p.name === 'B') }).score;
    expect(c.score.values).toEqual([onB(one), onB(three)]);
    expect(c.ownScores).toEqual([one, three].map((i) => brandAlignmentScore(i.steps, i.session.rubric).score));
    expect(c.stages.every((s) => s.cells.length === 1)).toBe(true);
  });

  it('says which pillars and stages are left out, and where they are', () => {
    expect(c.notCompared.pillars).toEqual([{ name: 'A', sessions: [0] }, { name: 'Speed', sessions: [1] }]);
    expect(c.notCompared.stages).toEqual([{ name: 'Pay', sessions: [0] }, { name: 'Returns', sessions: [1] }]);
    expect(c.stages.map((s) => [s.name, s.present])).toEqual([['Browse', [true, true]], ['Pay', [true, false]], ['Returns', [false, true]]]);
  });

  it('treats different weights on the same pillars as a different rubric', () => {
    const heavier = { ...shared, pillars: shared.pillars.map((p, i) => ({ ...p, weight: i ? 5 : 1 })) };
    const c2 = compareSessions([one, input('h', heavier, one.session.stages, [{ stage: 0, scores: { a: 1, b: 5 } }])]);
    expect(c2.sameRubric).toBe(false);
    expect(c2.notCompared.pillars).toEqual([]);
  });
});

describe('compareSessions, properties', () => {
  const stepArb = fc.record({
    stage: fc.integer({ min: 0, max: 2 }),
    scores: fc.record({ a: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na' as const)), b: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }),
    severity: fc.option(fc.integer({ min: 0, max: 4 })),
    url: fc.constantFrom('https://x.test/a', 'https://x.test/b', 'https://x.test/c'),
  });
  const sessionArb = fc.array(stepArb, { maxLength: 8 }).map((steps) => input('s', shared, stages('Browse', 'Pay', 'Help'), steps));
  const allDeltas = (c: ReturnType<typeof compareSessions>, s: number) =>
    [c.score, ...c.pillars, ...c.stages, ...c.stages.flatMap((st) => st.cells), ...c.effort, ...c.friction].map((r) => r.deltas[s]);

  it('a session compared with itself differs by nothing', () => {
    fc.assert(
      fc.property(sessionArb, (s) => {
        const c = compareSessions([s, { ...s, session: { ...s.session, id: 'copy' } }]);
        expect(allDeltas(c, 1).every((d) => d === null || d === 0)).toBe(true);
        expect(c.notCompared).toEqual({ pillars: [], stages: [] });
      }),
    );
  });

  it('the order of the other sessions changes only the order of their columns', () => {
    fc.assert(
      fc.property(fc.array(sessionArb, { minLength: 3, maxLength: 4 }), (list) => {
        const rest = list.slice(1);
        const reversed = [list[0]!, ...[...rest].reverse()];
        const a = compareSessions(list);
        const b = compareSessions(reversed);
        const col = (c: typeof a, s: number) => [c.score, ...c.pillars, ...c.effort, ...c.friction].map((r) => [r.values[s], r.deltas[s]]);
        rest.forEach((_, k) => expect(col(b, list.length - 1 - k)).toEqual(col(a, k + 1)));
      }),
    );
  });

  it('pillar figures are exactly those of pillarBreakdown', () => {
    fc.assert(
      fc.property(sessionArb, sessionArb, (x, y) => {
        const c = compareSessions([x, y]);
        expect(c.pillars.map((p) => p.values)).toEqual([0, 1].map((k) => [x, y].map((s) => pillarBreakdown(s.steps, shared)[k]!.score)));
      }),
    );
  });
});

describe('formatDelta', () => {
  it('signs the difference with a real minus and shows no change as ±0', () => {
    expect([formatDelta(3), formatDelta(-2), formatDelta(0), formatDelta(null)]).toEqual(['+3', '−2', '±0', '–']);
    expect(formatDelta(-90_000, (ms) => `${ms / 60_000} min`)).toBe('−1.5 min');
  });
});

it('lines up the same pillars listed in another order', () => {
  const flipped = { ...shared, pillars: [...shared.pillars].reverse() };
  const c = compareSessions([one, { ...two, session: { ...two.session, rubric: flipped } }]);
  expect(c.sameRubric).toBe(true);
  expect(c.pillars.map((p) => p.values)).toEqual(compareSessions([one, two]).pillars.map((p) => p.values));
});
