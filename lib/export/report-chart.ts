import { journeyPoints, type JourneyPoint } from '../scoring/journey';
import type { Stage, Step } from '../schemas';
import { formatScore } from '../scoring/alignment';
import { html, type SafeHtml } from './escape';

// The journey chart of the HTML report: the same geometry as components/JourneyChart.tsx
// (lib/scoring/journey.ts), drawn as static SVG whose points link to the step cards.

const W = 860;
const H = 250;
const PAD = { top: 26, right: 12, bottom: 26, left: 36 };
const fixed = (n: number) => n.toFixed(1);

/** Cuts a stage name to what fits its band, about 6.5 px per character at the label size. */
function fitLabel(name: string, width: number): string {
  const room = Math.floor((width - 6) / 6.5);
  if (room < 2) return '';
  return name.length <= room ? name : `${name.slice(0, Math.max(1, room - 1))}…`;
}

/** An anchor id per step number: never derived from stored ids or text. */
export const stepAnchor = (number: number) => `step-${number}`;

export function journeyChart(
  steps: readonly Step[],
  stages: readonly Stage[],
  alignmentOf: (step: Step) => number | null,
): SafeHtml {
  const plot = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const { points, bands } = journeyPoints(steps, stages, alignmentOf, plot);
  const x = (px: number) => PAD.left + px;
  const y = (py: number) => PAD.top + py;
  const slot = steps.length ? plot.w / steps.length : plot.w;
  // Every label fits up to ~40 steps; past that, every k-th step is numbered.
  const labelEvery = Math.max(1, Math.ceil(steps.length / 40));
  const line = points
    .filter((p) => p.y !== null)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${fixed(x(p.x))},${fixed(y(p.y!))}`)
    .join(' ');
  const barWidth = Math.max(2, Math.min(12, slot * 0.35));
  const emotionBar = (p: JourneyPoint) => {
    if (p.emotion === null) return '';
    const height = Math.max(1, (Math.abs(p.emotion) / 2) * (plot.h / 4));
    const top = p.emotion >= 0 ? plot.h / 2 - height : plot.h / 2;
    return html`<rect class="emotion ${p.emotion >= 0 ? 'up' : 'down'}" x="${fixed(x(p.x) - barWidth / 2)}" y="${fixed(y(top))}" width="${fixed(barWidth)}" height="${fixed(height)}"></rect>`;
  };
  const label = (p: JourneyPoint) =>
    `Step ${p.number}${p.stageName ? ` (${p.stageName})` : ''}: alignment ${p.alignment === null ? 'not scored' : formatScore(p.alignment)}${p.emotion === null ? '' : `, emotion ${p.emotion}`}`;

  return html`<figure class="journey">
<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="journey-chart-title">
<title id="journey-chart-title">Alignment (0–100) and emotion (−2 to +2) for each step, by stage</title>
${bands.map(
  (b, i) => html`<rect class="band${i % 2 ? ' odd' : ''}" x="${fixed(x(b.x0))}" y="${PAD.top}" width="${fixed(Math.max(0, b.x1 - b.x0))}" height="${plot.h}"></rect>
<text class="band-label" x="${fixed(x(b.x0) + 4)}" y="${PAD.top - 8}">${fitLabel(b.name, b.x1 - b.x0)}</text>`,
)}
${[0, 50, 100].map((v) => {
  const gy = fixed(y(plot.h - (v / 100) * plot.h));
  return html`<line class="grid${v === 50 ? ' mid' : ''}" x1="${PAD.left}" x2="${W - PAD.right}" y1="${gy}" y2="${gy}"></line><text class="axis" x="${PAD.left - 6}" y="${fixed(Number(gy) + 3.5)}" text-anchor="end">${v}</text>`;
})}
${points.map(emotionBar)}
${line && html`<path class="alignment-line" d="${line}"></path>`}
${points.map(
  (p) => html`<a href="#${stepAnchor(p.number)}"><title>${label(p)}</title><circle class="${p.y === null ? 'unscored' : 'scored'}" cx="${fixed(x(p.x))}" cy="${fixed(y(p.y ?? plot.h))}" r="${p.y === null ? 3.5 : 5}"></circle></a>${
    (p.number - 1) % labelEvery === 0 && html`<text class="axis" x="${fixed(x(p.x))}" y="${H - 8}" text-anchor="middle">${p.number}</text>`
  }`,
)}
</svg>
<figcaption class="legend"><span class="key"></span> Brand alignment 0–100 <span class="key bar"></span><span class="key bar down"></span> Emotion −2 to +2 (above or below the middle line)</figcaption>
<details><summary>The chart as a table</summary>
<table><thead><tr><th scope="col">Step</th><th scope="col">Stage</th><th scope="col" class="n">Alignment</th><th scope="col" class="n">Emotion</th></tr></thead>
<tbody>${points.map(
  (p) => html`<tr><th scope="row"><a href="#${stepAnchor(p.number)}">${p.number}</a></th><td>${p.stageName || '–'}</td><td class="n">${formatScore(p.alignment)}</td><td class="n">${p.emotion ?? '–'}</td></tr>`,
)}</tbody></table>
</details>
</figure>`;
}
