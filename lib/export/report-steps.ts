import { formatClock, formatDuration } from '../format';
import type { PillarScore, Rubric, Screenshot, Step } from '../schemas';
import { EMOTION_LABELS, SEVERITY_LABELS } from '../vocabulary';
import { formatScore } from '../scoring/alignment';
import { html, multiline, type SafeHtml } from './escape';
import { stepAnchor } from './report-chart';
import { stepName, urlOrText, type ReportContext } from './report-sections';
import { scoreTone } from '../scoring/alignment';
import { contextSummary } from '../step/page-context';

// The friction list and the step cards of the HTML report.

export interface ReportScreenshot {
  screenshot: Screenshot;
  /** The image, annotations and redactions already burned in, as a base64 data URL. */
  dataUrl: string;
}

/** The only image sources the report accepts; anything else could reach the network or run code. */
export const IMAGE_DATA_URL = /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/;

const KIND_LABELS: Record<Screenshot['kind'], string> = {
  visible: 'Visible area',
  'full-page': 'Full page',
  element: 'Element',
  region: 'Region',
  dom: 'Full page (rendered)',
};

const isSeverity = (s: unknown): s is 0 | 1 | 2 | 3 | 4 => typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= 4;
const severityLabel = (sev: 0 | 1 | 2 | 3 | 4) => `${sev} · ${SEVERITY_LABELS[sev]}`;
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const firstLines = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Steps with friction, worst first (4 → 1), then in journey order. */
export function frictionOrder(steps: readonly Step[]): Step[] {
  return steps
    .filter((s) => isSeverity(s.severity) && s.severity > 0)
    .sort((a, b) => b.severity! - a.severity! || a.position - b.position);
}

export function frictionSection(ctx: ReportContext): SafeHtml {
  const items = frictionOrder(ctx.steps);
  return html`<section class="friction-section" id="friction" aria-labelledby="friction-title">
<h2 id="friction-title">Friction, by severity</h2>
${
  items.length === 0
    ? html`<p class="muted">No friction was recorded on any step.</p>`
    : html`<ol class="friction-list">${items.map((step) => {
        const n = ctx.numberOf(step);
        const stage = ctx.stageName(step);
        return html`<li><div class="friction-head"><span class="sev sev-${step.severity!}">${severityLabel(step.severity as 1 | 2 | 3 | 4)}</span><a href="#${stepAnchor(n)}">Step ${n}</a>${stage && html`<span class="muted">· <bdi>${stage}</bdi></span>`}<strong><bdi>${stepName(step)}</bdi></strong></div>${
          step.note.trim() && html`<p>${multiline(firstLines(step.note.trim()))}</p>`
        }${step.tags.length > 0 && html`<p class="muted small">${step.tags.join(' · ')}</p>`}</li>`;
      })}</ol>`
}
</section>`;
}

function pillarScore(score: PillarScore | undefined, rubric: Rubric): SafeHtml {
  if (score === 'na') return html`N/A <span class="muted">not applicable</span>`;
  if (typeof score !== 'number') return html`<span class="muted">Not scored</span>`;
  const label = rubric.scale.labels[score - rubric.scale.min];
  return html`<strong>${score}</strong> / ${rubric.scale.max}${label !== undefined && html` <span class="muted">${label}</span>`}`;
}

function screenshots(step: Step, n: number, shots: readonly ReportScreenshot[]): SafeHtml[] {
  return shots.map(({ screenshot, dataUrl }) => {
    const kind = KIND_LABELS[screenshot.kind] ?? 'Screenshot';
    if (typeof dataUrl !== 'string' || !IMAGE_DATA_URL.test(dataUrl)) {
      return html`<p class="missing">${kind} screenshot left out: its image data was not a JPEG, PNG or WebP data URL.</p>`;
    }
    const width = Number.isInteger(screenshot.width) && screenshot.width > 0 ? screenshot.width : null;
    const height = Number.isInteger(screenshot.height) && screenshot.height > 0 ? screenshot.height : null;
    const size = width && height ? html`<span class="num">${width} × ${height}</span>` : '';
    return html`<figure class="shot"><img src="${dataUrl}" alt="${`Screenshot of step ${n}: ${stepName(step)}`}"${
      width && height && html` width="${width}" height="${height}"`
    }><figcaption>${kind}${size && html` · `}${size}</figcaption></figure>`;
  });
}

function stepCard(ctx: ReportContext, step: Step, shots: readonly ReportScreenshot[]): SafeHtml {
  const { rubric } = ctx.session;
  const n = ctx.numberOf(step);
  const alignment = ctx.alignment(step);
  const stage = ctx.stageName(step);
  const severity = isSeverity(step.severity) ? step.severity : null;
  const emotion = typeof step.emotion === 'number' ? step.emotion : null;
  return html`<article class="step" id="${stepAnchor(n)}" aria-labelledby="${stepAnchor(n)}-title">
<div class="step-head">
<span class="step-no">${n}</span>
<div><p class="step-meta"><bdi>${stage || 'No stage'}</bdi> · ${formatClock(step.capturedAt)} · ${formatDuration(step.sincePreviousMs)}${step.sincePreviousMs !== null && ' after the previous step'}</p>
<h3 id="${stepAnchor(n)}-title">${step.pageTitle.trim() || 'Untitled page'}</h3>
${step.url ? html`<p class="step-url">${urlOrText(step.url)}</p>` : html`<p class="step-url muted">Observed off-screen, no page</p>`}</div>
<div class="step-score tone-${scoreTone(alignment)}"><span>Alignment</span><strong>${formatScore(alignment)}</strong></div>
</div>
${shots.length === 0 ? html`<p class="muted small">No screenshot.</p>` : screenshots(step, n, shots)}
${step.note.trim() && html`<div class="note">${multiline(step.note)}</div>`}
<div class="step-body">
<dl class="step-facts">
<div><dt>Friction</dt><dd>${severity === null ? html`<span class="muted">Not rated</span>` : html`<span class="sev sev-${severity}">${severityLabel(severity)}</span>`}</dd></div>
<div><dt>Emotion</dt><dd>${emotion === null ? html`<span class="muted">Not recorded</span>` : `${signed(emotion)} ${EMOTION_LABELS[emotion + 2] ?? ''}`}</dd></div>
<div><dt>Tags</dt><dd>${step.tags.length ? html`<ul class="chips">${step.tags.map((t) => html`<li>${t}</li>`)}</ul>` : html`<span class="muted">None</span>`}</dd></div>
<div><dt>Moment of truth</dt><dd>${step.momentOfTruth === true ? html`<span class="mot">Moment of truth</span>` : html`<span class="muted">No</span>`}</dd></div>
${pageContextFacts(step)}
</dl>
<table class="pillar-scores"><thead><tr><th scope="col">Pillar</th><th scope="col">Score</th></tr></thead>
<tbody>${rubric.pillars.map((p) => html`<tr><td>${p.name}</td><td>${pillarScore(step.scores[p.id], rubric)}</td></tr>`)}</tbody></table>
</div>
</article>`;
}

/** Load timing, vitals and JavaScript errors; every word of an error came from the page. */
function pageContextFacts(step: Step): SafeHtml | '' {
  const context = step.context;
  if (!context) return '';
  const errors = context.errors.slice(0, 10);
  return html`<div class="page-context"><dt>Page</dt><dd>${contextSummary(context)}${
    errors.length > 0 && html`<ul class="js-errors">${errors.map((e) => html`<li><span class="js-error">${firstLines(e.message, 300)}</span>${e.source && html` <span class="muted small">${firstLines(e.source, 200)}</span>`}</li>`)}</ul>`
  }</dd></div>`;
}

export function stepsSection(ctx: ReportContext, shotsOf: (step: Step) => readonly ReportScreenshot[]): SafeHtml {
  return html`<section class="steps-section" id="steps" aria-labelledby="steps-title">
<h2 id="steps-title">Steps</h2>
${ctx.steps.length === 0 ? html`<p class="muted">No steps were captured.</p>` : ctx.steps.map((step) => stepCard(ctx, step, shotsOf(step)))}
</section>`;
}
