import { journeyPoints } from '@/lib/scoring/journey';
import type { Rubric, Session, Step } from '@/lib/schemas';
import { formatScore, stepAlignment } from '@/lib/scoring/alignment';
import { sessionLetter } from '@/lib/scoring/compare';
import { SERIES, SeriesKey } from './series';

interface Props {
  sessions: ReadonlyArray<{ session: Session; steps: readonly Step[] }>;
  /** What each session is scored on in this comparison. */
  rubrics: readonly Rubric[];
}

const W = 880;
const H = 260;
const PAD = { top: 14, right: 16, bottom: 34, left: 36 };

/**
 * Every session's alignment per step on one chart. The x axis is progress through the journey,
 * not the step number: audits of one scenario take 9 steps on one site and 23 on another, and
 * lined up by step number the short one would end a third of the way across. Scaled to its own
 * length, each journey starts and ends at the same place, so "the dip at checkout" sits at the
 * same height of the journey on every line. Each step holds an equal slot (lib/journey).
 */
export function CompareJourney({ sessions, rubrics }: Props) {
  const plot = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const series = sessions.map(({ session, steps }, i) => journeyPoints(steps, session.stages, (s: Step) => stepAlignment(s.scores, rubrics[i]!), plot).points);
  const x = (px: number) => PAD.left + px;
  const y = (py: number) => PAD.top + py;

  return (
    <figure class="compare-journey">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Journeys overlaid: alignment 0–100 by progress through each journey; the same figures follow as a table">
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(plot.h - (v / 100) * plot.h)} y2={y(plot.h - (v / 100) * plot.h)} class="grid" />
            <text x={PAD.left - 6} y={y(plot.h - (v / 100) * plot.h) + 4} class="axis" text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {[0, 50, 100].map((v) => (
          <text key={v} x={x((v / 100) * plot.w)} y={H - 16} class="axis" text-anchor={v === 0 ? 'start' : v === 100 ? 'end' : 'middle'}>
            {v === 0 ? 'Start' : v === 100 ? 'End' : 'Halfway'}
          </text>
        ))}
        <text x={x(plot.w / 2)} y={H - 2} class="axis-title" text-anchor="middle">
          Progress through the journey
        </text>
        {series.map((points, i) => {
          const scored = points.filter((p) => p.y !== null);
          const d = scored.map((p, k) => `${k ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y!).toFixed(1)}`).join(' ');
          const style = SERIES[i]!;
          return (
            <g key={i} class="series" style={{ color: style.colour }}>
              <path d={d} fill="none" stroke="currentColor" stroke-width={2.25} stroke-dasharray={style.dash || undefined} />
              {scored.map((p) => (
                <SeriesKey key={p.stepId} index={i} cx={x(p.x)} cy={y(p.y!)} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption class="compare-legend">
        {sessions.map(({ session }, i) => (
          <span key={session.id} class="legend-item">
            <svg width="34" height="14" aria-hidden="true" style={{ color: SERIES[i]!.colour }}>
              <line x1="1" x2="33" y1="7" y2="7" stroke="currentColor" stroke-width="2.25" stroke-dasharray={SERIES[i]!.dash || undefined} />
              <SeriesKey index={i} cx={17} cy={7} />
            </svg>
            <strong>{sessionLetter(i)}</strong> {session.title}
          </span>
        ))}
      </figcaption>
      <details class="chart-table">
        <summary>Chart as a table</summary>
        <table>
          <caption class="visually-hidden">Alignment per step, by session</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Alignment per step, in order</th>
            </tr>
          </thead>
          <tbody>
            {series.map((points, i) => (
              <tr key={i}>
                <th scope="row">
                  {sessionLetter(i)} · {sessions[i]!.session.title}
                </th>
                <td>{points.length ? points.map((p) => formatScore(p.alignment)).join(', ') : 'No steps'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
