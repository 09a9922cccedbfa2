import { effortFigures, frictionCounts, lowestMoments, pillarBreakdown, stageBreakdown, stagePillarTable } from '../scoring/breakdown';
import { formatDuration } from '../format';
import { CES_LABELS } from '../scoring/questions';
import type { Session, Step } from '../schemas';
import { SEVERITY_LABELS } from '../vocabulary';
import { brandAlignmentScore, formatScore, scoreTone } from '../scoring/alignment';
import { html, multiline, safeHttpUrl, type HtmlValue, type SafeHtml } from './escape';
import { journeyChart, stepAnchor } from './report-chart';

// The report's front matter and summary: cover, contents and the figures of the panel's
// summary (components/SummaryView.tsx), computed by the same lib/ functions.

/** What every section needs: the steps in position order, numbered 1…n, and how to read them. */
export interface ReportContext {
  session: Session;
  steps: readonly Step[];
  numberOf(step: Pick<Step, 'id'>): number;
  stageName(step: Pick<Step, 'stageId'>): string;
  alignment(step: Pick<Step, 'scores'>): number | null;
}


export const formatDate = (timestamp: number) =>
  new Date(timestamp).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** A link when the URL is a plain http(s) URL, otherwise the text as it was captured. */
export function urlOrText(url: string): SafeHtml {
  const href = safeHttpUrl(url);
  return href === null
    ? html`<span class="url-text">${url}</span>`
    : html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${href}</a>`;
}

/** A step's name for lists: its page title, else its URL. */
export const stepName = (step: Pick<Step, 'pageTitle' | 'url'>) => step.pageTitle.trim() || step.url || 'Untitled page';

const fact = (term: string, value: HtmlValue) => html`<dt>${term}</dt><dd>${value}</dd>`;
const orDash = (text: string) => (text.trim() ? multiline(text) : html`<span class="muted">–</span>`);
const percent = (score: number | null) => `${(Math.min(100, Math.max(0, score ?? 0))).toFixed(1)}%`;

export function cover({ session }: ReportContext): SafeHtml {
  const { rubric, environment: env } = session;
  const totalWeight = rubric.pillars.reduce((sum, p) => sum + p.weight, 0);
  const scale = rubric.scale.labels.length
    ? rubric.scale.labels.map((label, i) => html`${i > 0 && ' · '}<strong>${rubric.scale.min + i}</strong> ${label}`)
    : html`${rubric.scale.min} (lowest) to ${rubric.scale.max} (highest)`;
  return html`<header class="cover" id="cover">
<p class="eyebrow">Customer experience audit · Mystery shop report</p>
<h1>${session.title}</h1>
<p class="brand">${session.brand || 'Brand not named'}</p>
${session.promise.trim() && html`<blockquote class="promise">${multiline(session.promise)}</blockquote>`}
<dl class="facts">
${fact('Persona', orDash(session.persona))}
${fact('Scenario', orDash(session.scenario))}
${fact('Site', session.startUrl ? urlOrText(session.startUrl) : '–')}
${fact('Started', formatDate(session.createdAt))}
${fact('Completed', session.completedAt === null ? `Not completed (${session.status})` : formatDate(session.completedAt))}
${fact('Browser', env.browser || '–')}
${fact('Viewport', env.viewport ? `${env.viewport.width} × ${env.viewport.height} px${env.devicePixelRatio ? ` at ${env.devicePixelRatio}× pixel ratio` : ''}` : '–')}
${session.tags.length > 0 && fact('Tags', html`<ul class="chips">${session.tags.map((t) => html`<li>${t}</li>`)}</ul>`)}
</dl>
<h3>Rubric: ${rubric.name}</h3>
${rubric.description.trim() && html`<p class="muted">${rubric.description}</p>`}
<table class="rubric">
<thead><tr><th scope="col">Pillar</th><th scope="col">What it means</th><th scope="col" class="n">Weight</th></tr></thead>
<tbody>${rubric.pillars.map(
    (p) => html`<tr><th scope="row">${p.name}</th><td>${p.description || '–'}</td><td class="n">${p.weight} <span class="muted small">(${Math.round((p.weight / totalWeight) * 100)}%)</span></td></tr>`,
  )}</tbody>
<caption>Scale ${rubric.scale.min}–${rubric.scale.max}: ${scale}. Each step's alignment is the weighted mean of its pillar scores on 0–100; N/A is left out.</caption>
</table>
</header>`;
}

export function contents(ctx: ReportContext): SafeHtml {
  return html`<nav class="toc block" id="contents" aria-labelledby="contents-title">
<h2 id="contents-title">Contents</h2>
<ol>
<li><a href="#summary">Summary</a></li>
<li><a href="#journey">Journey</a></li>
<li><a href="#friction">Friction, by severity</a></li>
<li><a href="#steps">Steps</a>${
    ctx.steps.length > 0 &&
    html`<ol class="toc-steps">${ctx.steps.map((s) => html`<li><a href="#${stepAnchor(ctx.numberOf(s))}"><bdi>${stepName(s)}</bdi></a></li>`)}</ol>`
  }</li>
</ol>
</nav>`;
}

const figure = (term: string, value: HtmlValue, cls = '') => html`<div class="${cls}"><dt>${term}</dt><dd>${value}</dd></div>`;

export function summary(ctx: ReportContext): SafeHtml {
  const { session, steps } = ctx;
  const { rubric, stages } = session;
  const bas = brandAlignmentScore(steps, rubric);
  const pillars = pillarBreakdown(steps, rubric);
  const stageScores = stageBreakdown(steps, stages, rubric);
  const table = stagePillarTable(steps, stages, rubric);
  const friction = frictionCounts(steps);
  const lows = lowestMoments(steps, rubric, 3);
  const effort = effortFigures(steps);
  const byId = new Map(steps.map((s) => [s.id, s]));

  return html`<section class="summary-section" id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="headline">
<div class="bas tone-${scoreTone(bas.score)}"><p class="bas-label">Brand Alignment Score</p><p class="bas-value">${formatScore(bas.score)}</p><p class="bas-scale">out of 100</p><p class="bas-scale">over ${bas.scoredSteps} scored of ${bas.totalSteps} steps</p></div>
<div><h4>Verdict</h4>${session.verdict.trim() ? html`<p class="verdict">${multiline(session.verdict)}</p>` : html`<p class="muted">No verdict was recorded.</p>`}</div>
</div>
<div class="block"><h3>Pillars</h3>
<ul class="bars">${pillars.map(
    (p) => html`<li><span class="bar-name">${p.name}</span><span class="bar-track"><span class="bar-fill tone-${scoreTone(p.score)}" style="width: ${percent(p.score)}"></span></span><span class="bar-value">${formatScore(p.score)}</span></li>`,
  )}</ul>
<p class="muted small">Mean score of each pillar on 0–100 over the steps that scored it.</p>
</div>
<div class="block"><h3>Stages and pillars</h3>
<table class="heat">
<thead><tr><th scope="col">Stage</th>${rubric.pillars.map((p) => html`<th scope="col">${p.name}</th>`)}<th scope="col">Alignment</th><th scope="col">SEQ</th></tr></thead>
<tbody>${table.map(
    (row, i) => html`<tr><th scope="row">${row.name}</th>${row.cells.map(
      (c) => html`<td class="tone-${scoreTone(c.score)}">${formatScore(c.score)}</td>`,
    )}<td class="tone-${scoreTone(stageScores[i]!.score)}">${formatScore(stageScores[i]!.score)}</td><td class="seq">${session.seq?.[row.stageId] ?? '–'}</td></tr>`,
  )}</tbody>
<caption>Scores 0–100. SEQ: Single Ease Question asked as each stage ended, 1 very difficult to 7 very easy; – not asked or skipped.</caption>
</table>
</div>
<div class="block" id="journey"><h3>Journey</h3>
${steps.length === 0 ? html`<p class="muted">No steps were captured.</p>` : journeyChart(steps, stages, ctx.alignment)}
</div>
<div class="block cols">
<div><h3>Friction</h3><dl class="figures">${[4, 3, 2, 1].map((sev) =>
    figure(SEVERITY_LABELS[sev]!, friction.bySeverity[sev]!, `sev-${friction.bySeverity[sev] ? sev : 0}`),
  )}${figure('No friction', friction.bySeverity[0])}${figure('Not rated', friction.unrated)}</dl></div>
<div><h3>Lowest moments</h3>${
    lows.length === 0
      ? html`<p class="muted">No step was scored.</p>`
      : html`<ol class="lows">${lows.map((m) => {
          const step = byId.get(m.stepId)!;
          return html`<li><a href="#${stepAnchor(ctx.numberOf(step))}">Step ${ctx.numberOf(step)}</a> · <strong>${formatScore(m.alignment)}</strong> · <bdi>${stepName(step)}</bdi>${m.momentOfTruth && html` <span class="mot">Moment of truth</span>`}</li>`;
        })}</ol>`
  }</div>
</div>
<div class="block"><h3>Effort</h3>
<dl class="figures">
${figure('Steps', effort.steps)}
${figure('Time on task', formatDuration(effort.timeOnTaskMs).replace('+', ''))}
${figure('Mean time between steps', effort.meanTimeBetweenMs === null ? '–' : formatDuration(effort.meanTimeBetweenMs).replace('+', ''))}
${figure('Page views', effort.pageLoads)}
${figure('Back-and-forth', effort.revisits)}
${figure('CES (1–7)', session.ces === null ? '–' : html`${session.ces} <span class="muted small">${CES_LABELS[session.ces - 1]}</span>`)}
</dl>
<p class="muted small">Back-and-forth counts returns to a page seen earlier. CES: Customer Effort Score asked on completion, agreement from 1 to 7 that the brand made it easy.</p>
</div>
</section>`;
}
