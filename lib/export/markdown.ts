import { frictionCounts, pillarBreakdown, stageBreakdown } from '../scoring/breakdown';
import type { Session, Step } from '../schemas';
import { SEVERITY_LABELS } from '../vocabulary';
import { brandAlignmentScore, formatScore, stepAlignment } from '../scoring/alignment';
import { escapeHtml, safeHttpUrl } from './escape';

// Markdown for wikis and trackers. Many Markdown renderers pass raw HTML through, so every
// piece of user or page text is first stripped of Markdown meaning (backslash escapes) and
// then HTML-escaped by the one escaper; links are written only for http(s) URLs.

const MD_SPECIALS = /[\\`*_{}[\]()#+\-.!|~]/g;

/** Text that renders as exactly itself, on one line. */
export function mdText(text: string): string {
  return escapeHtml(String(text).replace(/\s+/g, ' ').trim().replace(MD_SPECIALS, (c) => `\\${c}`));
}

/** Multi-line text (notes): each line escaped, kept as hard line breaks. */
function mdBlock(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => mdText(line))
    .join('  \n');
}

function mdLink(label: string, url: string): string {
  const href = safeHttpUrl(url);
  // Parentheses and spaces would end a Markdown link target early.
  return href ? `[${mdText(label)}](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})` : mdText(url);
}

export interface MarkdownImage {
  stepId: string;
  /** Relative path inside the zip, e.g. images/step-03-1.jpg. */
  path: string;
}

export function renderMarkdown(session: Session, steps: readonly Step[], images: readonly MarkdownImage[]): string {
  const { rubric, stages } = session;
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const bas = brandAlignmentScore(ordered, rubric);
  const out: string[] = [];
  out.push(`# ${mdText(session.title)}`, '');
  const facts: Array<[string, string]> = [
    ['Brand', session.brand],
    ['Brand promise', session.promise],
    ['Persona', session.persona],
    ['Scenario', session.scenario],
    ['Rubric', rubric.name],
    ['Started', new Date(session.createdAt).toISOString()],
  ];
  for (const [k, v] of facts) if (v) out.push(`- **${k}:** ${mdText(v)}`);
  out.push(`- **Start URL:** ${mdLink(session.startUrl, session.startUrl)}`, '');

  out.push('## Summary', '', `**Brand Alignment Score: ${formatScore(bas.score)}** (${bas.scoredSteps} of ${bas.totalSteps} steps scored)`, '');
  out.push('| Pillar | Score |', '| --- | --- |');
  for (const p of pillarBreakdown(ordered, rubric)) out.push(`| ${mdText(p.name)} | ${formatScore(p.score)} |`);
  out.push('', '| Stage | Score | Steps | SEQ (1–7) |', '| --- | --- | --- | --- |');
  for (const s of stageBreakdown(ordered, stages, rubric))
    out.push(`| ${mdText(s.name)} | ${formatScore(s.score)} | ${s.steps} | ${session.seq?.[s.stageId] ?? '–'} |`);
  const friction = frictionCounts(ordered);
  out.push('', `Friction: ${[4, 3, 2, 1].map((sev) => `${friction.bySeverity[sev]} ${SEVERITY_LABELS[sev]!.toLowerCase()}`).join(', ')}.`);
  if (session.ces !== null && session.ces !== undefined) out.push('', `Customer Effort Score: ${session.ces} / 7.`);
  if (session.verdict) out.push('', '**Verdict:**', '', mdBlock(session.verdict));
  out.push('');

  out.push('## Steps', '');
  ordered.forEach((step, i) => {
    const n = i + 1;
    const stage = stages.find((s) => s.id === step.stageId)?.name;
    out.push(`### ${n}. ${mdText(step.pageTitle || step.url)}`, '');
    // A text-only step (something observed off-screen) has no page and no screenshot.
    out.push(step.url ? `- **Page:** ${mdLink(step.url, step.url)}` : '- **Page:** none, observed off-screen');
    if (stage) out.push(`- **Stage:** ${mdText(stage)}`);
    out.push(`- **Captured:** ${new Date(step.capturedAt).toISOString()}`);
    out.push(`- **Alignment:** ${formatScore(stepAlignment(step.scores, rubric))}`);
    const scores = rubric.pillars
      .map((p) => [p.name, step.scores[p.id]] as const)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => `${mdText(name)} ${v === 'na' ? 'N/A' : v}`);
    if (scores.length) out.push(`- **Scores:** ${scores.join(', ')}`);
    if (step.severity !== null) out.push(`- **Friction:** ${step.severity} – ${SEVERITY_LABELS[step.severity]}`);
    if (step.tags?.length) out.push(`- **Tags:** ${step.tags.map(mdText).join(', ')}`);
    if (step.emotion !== null) out.push(`- **Emotion:** ${step.emotion > 0 ? '+' : ''}${step.emotion}`);
    if (step.momentOfTruth === true) out.push('- **Moment of truth**');
    out.push('');
    if (step.note) out.push(mdBlock(step.note), '');
    for (const image of images.filter((im) => im.stepId === step.id)) out.push(`![Screenshot of step ${n}](${image.path})`, '');
  });
  return out.join('\n');
}
