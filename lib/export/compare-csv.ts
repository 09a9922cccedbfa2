import { sessionLetter, type Comparison, type Row } from '../scoring/compare';
import { csvText } from './csv';

// The comparison as a spreadsheet: one row per figure, for each session its value and its
// difference from the baseline. Scores are whole numbers, as on screen, so the file and the
// screen agree; time is in seconds.

const round = (v: number | null) => (v === null ? null : Math.round(v));

export function exportComparisonCsv(c: Comparison, titles: readonly string[]): string {
  const base = sessionLetter(c.baseline);
  const header = ['Section', 'Figure', ...titles.flatMap((t, i) => [`${sessionLetter(i)}: ${t}`, `${sessionLetter(i)} vs ${base}`])];
  const line = (section: string, figure: string, row: Row, scale: (v: number | null) => number | null = round) => [
    section,
    figure,
    ...row.values.flatMap((v, i) => [scale(v), i === c.baseline ? null : scale(row.deltas[i]!)]),
  ];
  const seconds = (v: number | null) => (v === null ? null : Math.round(v / 1000));
  const has = (sessions: number[]) => titles.flatMap((_, i) => [sessions.includes(i) ? 'has it' : 'missing', null]);
  return csvText([
    header,
    line('Score', c.sameRubric ? 'Brand Alignment Score' : 'Brand Alignment Score (shared pillars)', c.score),
    ...c.pillars.map((r) => line('Pillar', r.name, r)),
    ...c.stages.flatMap((st) => [line('Stage', st.name, st), ...st.cells.map((r) => line('Stage × pillar', `${st.name} / ${r.name}`, r))]),
    ...c.effort.map((r) => (r.name === 'Time on task' ? line('Effort', 'Time on task (s)', r, seconds) : line('Effort', r.name, r))),
    ...c.friction.map((r) => line('Friction (steps)', r.name, r)),
    ...c.notCompared.pillars.map((p) => ['Not compared', `Pillar: ${p.name}`, ...has(p.sessions)]),
    ...c.notCompared.stages.map((s) => ['Not compared', `Stage: ${s.name}`, ...has(s.sessions)]),
  ]);
}
