import { describe, expect, it } from 'vitest';
import { compareSessions, type CompareInput } from '@/lib/scoring/compare';
import { exportComparisonCsv } from '@/lib/export/compare-csv';
import type { Rubric } from '@/lib/schemas';
import { rubric } from '../fixtures';

// The comparison file agrees with the screen: whole-number scores, deltas from the baseline,
// and the pillars left out named.

const stages = [{ id: 's1', name: 'Browse' }];
const make = (id: string, title: string, r: Rubric, scores: Array<Record<string, number>>): CompareInput => ({
  session: { id, title, brand: 'B', rubric: r, stages },
  steps: scores.map((s, p) => ({ id: `${id}${p}`, position: p, capturedAt: p * 61_000, url: `https://x.test/${p}`, stageId: 's1', scores: s, severity: null })),
});
const parse = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(','));

describe('exportComparisonCsv', () => {
  const ab = rubric([{ id: 'a' }, { id: 'b' }]);
  const ac = rubric([{ id: 'a' }, { id: 'c' }]);
  const one = make('1', '=HYPERLINK("x")', ab, [{ a: 5, b: 4 }, { a: 2, b: 2 }]);
  const two = make('2', 'Rival', ac, [{ a: 3, c: 1 }]);

  it('writes each figure with its value and its difference from the baseline', () => {
    const c = compareSessions([one, two]);
    const rows = parse(exportComparisonCsv(c, [one.session.title, two.session.title]));
    // The letter in front keeps a formula-like title inert; its quotes are escaped.
    expect(rows[0]).toEqual(['Section', 'Figure', `"A: =HYPERLINK(""x"")"`, 'A vs A', 'B: Rival', 'B vs A']);
    const pillarA = rows.find((r) => r[1] === 'A')!;
    expect(pillarA).toEqual(['Pillar', 'A', String(Math.round(c.pillars[0]!.values[0]!)), '', String(Math.round(c.pillars[0]!.values[1]!)), String(c.pillars[0]!.deltas[1])]);
    expect(rows.find((r) => r[1] === 'Time on task (s)')).toEqual(['Effort', 'Time on task (s)', '61', '', '0', '-61']);
    expect(rows.filter((r) => r[0] === 'Not compared').map((r) => r.slice(1))).toEqual([
      ['Pillar: B', 'has it', '', 'missing', ''],
      ['Pillar: C', 'missing', '', 'has it', ''],
    ]);
  });
});
