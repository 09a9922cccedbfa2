import type { ComponentChildren } from 'preact';
import { formatDelta, sessionLetter, type Comparison, type Row } from '@/lib/scoring/compare';
import { formatDuration } from '@/lib/format';
import { formatScore, scoreTone } from '@/lib/scoring/alignment';
import { SeriesBadge } from './series';

// The comparison's tables: one column per session, each figure with its difference from the
// baseline. Higher scores are better; more steps, time, page views or friction are worse, and
// the colour of a delta follows that (its sign is always written too).

interface Columns {
  titles: string[];
  baseline: number;
}

const duration = (ms: number) => formatDuration(ms).replace('+', '');

function Delta({ delta, isBaseline, lowerIsBetter, format }: { delta: number | null; isBaseline: boolean; lowerIsBetter?: boolean; format?: (n: number) => string }) {
  if (isBaseline) return null;
  const good = delta === null || delta === 0 ? 'flat' : (delta > 0) !== Boolean(lowerIsBetter) ? 'better' : 'worse';
  return <span class={`delta delta-${good}`}>{formatDelta(delta, format)}</span>;
}

function Head({ titles, baseline, first }: Columns & { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {titles.map((title, i) => (
          <th key={i} scope="col" class={i === baseline ? 'is-baseline' : undefined}>
            <SeriesBadge index={i} letter={sessionLetter(i)} />
            <span class="col-title">{title}</span>
            {i === baseline && <span class="baseline-tag">baseline</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function ScoreRow({ row, baseline, header, className }: { row: Row; baseline: number; header?: ComponentChildren; className?: string }) {
  return (
    <tr class={className}>
      <th scope="row">{header ?? row.name}</th>
      {row.values.map((v, i) => (
        <td key={i} class={i === baseline ? 'is-baseline' : undefined}>
          <span class={`score-chip tone-${scoreTone(v)}`}>{formatScore(v)}</span> <Delta delta={row.deltas[i]!} isBaseline={i === baseline} />
        </td>
      ))}
    </tr>
  );
}

function CountRow({ row, baseline, format = String }: { row: Row; baseline: number; format?: (n: number) => string }) {
  return (
    <tr>
      <th scope="row">{row.name}</th>
      {row.values.map((v, i) => (
        <td key={i} class={i === baseline ? 'is-baseline' : undefined}>
          <span class="count">{v === null ? '–' : format(v)}</span> <Delta delta={row.deltas[i]!} isBaseline={i === baseline} lowerIsBetter format={format} />
        </td>
      ))}
    </tr>
  );
}

export function PillarTable({ comparison: c, ...cols }: Columns & { comparison: Comparison }) {
  return (
    <table class="compare-table" aria-labelledby="compare-pillars-heading">
      <Head {...cols} first="Pillar" />
      <tbody>
        <ScoreRow row={c.score} baseline={cols.baseline} className="total" header={c.sameRubric ? c.score.name : `${c.score.name} (shared pillars)`} />
        {c.pillars.map((row) => (
          <ScoreRow key={row.name} row={row} baseline={cols.baseline} />
        ))}
      </tbody>
    </table>
  );
}

/** Effort or friction counts, where fewer is better. */
function CountTable({ rows, first, caption, ...cols }: Columns & { rows: Row[]; first: string; caption?: string }) {
  return (
    <table class="compare-table" aria-labelledby={caption ? undefined : 'compare-effort-heading'}>
      {caption && <caption id="compare-friction-heading">{caption}</caption>}
      <Head {...cols} first={first} />
      <tbody>
        {rows.map((row) => (
          <CountRow key={row.name} row={row} baseline={cols.baseline} format={row.name === 'Time on task' ? duration : String} />
        ))}
      </tbody>
    </table>
  );
}

export const EffortTable = ({ comparison: c, ...cols }: Columns & { comparison: Comparison }) => <CountTable rows={c.effort} first="Effort" {...cols} />;

export const FrictionTable = ({ comparison: c, ...cols }: Columns & { comparison: Comparison }) => (
  <CountTable rows={c.friction} first="Severity" caption="Friction: steps by severity" {...cols} />
);

export function StageTable({ comparison: c, ...cols }: Columns & { comparison: Comparison }) {
  return (
    <table class="compare-table stage-table" aria-labelledby="compare-stages-heading">
      <Head {...cols} first="Stage and pillar" />
      {c.stages.map((stage) => (
        <tbody key={stage.name}>
          <tr class="total">
            <th scope="row">{stage.name}</th>
            {stage.values.map((v, i) => (
              <td key={i} class={i === cols.baseline ? 'is-baseline' : undefined}>
                {stage.present[i] ? (
                  <>
                    <span class={`score-chip tone-${scoreTone(v)}`}>{formatScore(v)}</span> <Delta delta={stage.deltas[i]!} isBaseline={i === cols.baseline} />
                  </>
                ) : (
                  <span class="muted">No such stage</span>
                )}
              </td>
            ))}
          </tr>
          {stage.cells.map((row) => (
            <ScoreRow key={row.name} row={row} baseline={cols.baseline} className="sub" header={<span class="indent">{row.name}</span>} />
          ))}
        </tbody>
      ))}
    </table>
  );
}
