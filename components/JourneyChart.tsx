import type { Stage, Step } from '@/lib/schemas';
import { formatScore } from '@/lib/scoring/alignment';
import { journeyPoints } from '@/lib/scoring/journey';

interface Props {
  steps: readonly Step[];
  stages: readonly Stage[];
  alignmentOf(step: Step): number | null;
  onOpenStep(stepId: string): void;
}

const W = 360;
const H = 170;
const PAD = { top: 18, right: 10, bottom: 22, left: 28 };

/**
 * Alignment (line and points, 0–100) and emotion (bars, −2…+2) per step, over bands for the
 * journey's stages. Plain SVG, no charting runtime. Each point is a button that opens its step;
 * the same figures follow as a table for screen readers and for anyone who prefers numbers.
 */
export function JourneyChart({ steps, stages, alignmentOf, onOpenStep }: Props) {
  const plot = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const { points, bands } = journeyPoints(steps, stages, alignmentOf, plot);
  const x = (px: number) => PAD.left + px;
  const y = (py: number) => PAD.top + py;
  const line = points
    .filter((p) => p.y !== null)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.x).toFixed(1)},${y(p.y!).toFixed(1)}`)
    .join(' ');

  return (
    <figure class="journey">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Journey chart: alignment and emotion per step">
        {bands.map((b, i) => (
          <g key={`${b.stageId}-${i}`}>
            <rect x={x(b.x0)} y={PAD.top} width={Math.max(0, b.x1 - b.x0)} height={plot.h} class={i % 2 ? 'band odd' : 'band'} />
            <text x={x(b.x0) + 3} y={PAD.top - 5} class="band-label">
              {b.name}
            </text>
          </g>
        ))}
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(plot.h - (v / 100) * plot.h)} y2={y(plot.h - (v / 100) * plot.h)} class="grid" />
            <text x={PAD.left - 4} y={y(plot.h - (v / 100) * plot.h) + 3} class="axis" text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {points.map((p) =>
          p.emotion === null ? null : (
            <rect
              key={`e-${p.stepId}`}
              x={x(p.x) - 3}
              width={6}
              y={y(p.emotion >= 0 ? plot.h / 2 - (p.emotion / 2) * (plot.h / 4) : plot.h / 2)}
              height={Math.max(1, (Math.abs(p.emotion) / 2) * (plot.h / 4))}
              class={p.emotion >= 0 ? 'emotion up' : 'emotion down'}
            />
          ),
        )}
        <path d={line} class="alignment-line" />
        {points.map((p) => (
          <g
            key={p.stepId}
            role="button"
            // Lower-case: on SVG elements Preact writes the attribute name as given.
            tabindex={0}
            aria-label={`Step ${p.number}: alignment ${formatScore(p.alignment)}${p.emotion === null ? '' : `, emotion ${p.emotion}`}. Open step`}
            class="point"
            onClick={() => onOpenStep(p.stepId)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpenStep(p.stepId);
              }
            }}
          >
            <circle cx={x(p.x)} cy={y(p.y ?? plot.h)} r={p.y === null ? 3 : 5} class={p.y === null ? 'unscored' : 'scored'} />
            <text x={x(p.x)} y={H - 6} class="axis" text-anchor="middle">
              {p.number}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="legend">
        <span class="key line" /> Alignment 0–100 <span class="key bar" /> Emotion −2…+2
      </figcaption>
      <details class="chart-table">
        <summary>Chart as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Stage</th>
              <th scope="col">Alignment</th>
              <th scope="col">Emotion</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.stepId}>
                <th scope="row">{p.number}</th>
                <td>{p.stageName}</td>
                <td>{formatScore(p.alignment)}</td>
                <td>{p.emotion ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
