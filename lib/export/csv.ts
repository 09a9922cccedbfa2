import type { Session, Step } from '../schemas';
import { SEVERITY_LABELS } from '../vocabulary';
import { stepAlignment } from '../scoring/alignment';

// One row per step, for spreadsheets and trackers: RFC 4180 quoting, CRLF line ends, and a
// UTF-8 byte-order mark so that Excel reads accents and € correctly.

const BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an
 * apostrophe, the neutraliser spreadsheet apps themselves use; numbers we write stay numbers.
 * Every text cell is quoted: Excel in a semicolon locale splits an unquoted `Shop;=1+1` at the `;`
 * and runs the `=1+1` it finds after it, which the apostrophe at the start of the cell cannot stop.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function exportCsv(session: Session, steps: readonly Step[]): string {
  const { rubric, stages } = session;
  const header = [
    'Session',
    'Brand',
    'Step',
    'Stage',
    'Captured at',
    'Seconds since previous step',
    'URL',
    'Page title',
    'Note',
    ...rubric.pillars.map((p) => `${p.name} (${rubric.scale.min}–${rubric.scale.max})`),
    'Alignment (0–100)',
    'Severity (0–4)',
    'Severity',
    'Friction tags',
    'Emotion (−2…+2)',
    'Moment of truth',
    // Page context: what the page reported when the step was captured.
    'TTFB (ms)',
    'Load (ms)',
    'LCP (ms)',
    'CLS',
    'JavaScript errors',
  ];
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const rows = ordered.map((step, i) => {
    const alignment = stepAlignment(step.scores, rubric);
    return [
      session.title,
      session.brand,
      i + 1,
      stages.find((s) => s.id === step.stageId)?.name ?? '',
      new Date(step.capturedAt).toISOString(),
      step.sincePreviousMs === null ? null : Math.round(step.sincePreviousMs / 1000),
      step.url,
      step.pageTitle,
      step.note,
      ...rubric.pillars.map((p) => {
        const score = step.scores[p.id];
        return score === 'na' ? 'N/A' : (score ?? null);
      }),
      alignment === null ? null : Math.round(alignment * 10) / 10,
      step.severity,
      step.severity === null ? '' : SEVERITY_LABELS[step.severity],
      (step.tags ?? []).join('; '),
      step.emotion,
      step.momentOfTruth === true ? 'yes' : 'no',
      step.context?.ttfbMs ?? null,
      step.context?.loadMs ?? null,
      step.context?.lcpMs ?? null,
      step.context?.cls ?? null,
      // Blank, not 0, when nobody was listening: "no errors" would be a claim we cannot make.
      step.context?.errorsWatched ? step.context.errors.length : null,
    ];
  });
  return csvText([header, ...rows]);
}

type Cell = Parameters<typeof csvCell>[0];

/** Rows as one CSV file: BOM, quoted cells, CRLF after every row. */
export function csvText(rows: ReadonlyArray<readonly Cell[]>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The team friction view as a spreadsheet: one row per step, the link being the step's page. */
export function exportTeamFrictionCsv(rows: ReadonlyArray<{ sessionTitle: string; brand: string; authorName: string; position: number; stage: string | null; title: string; url: string; severity: number | null; tags: string[]; note: string }>): string {
  return csvText([
    ['Session', 'Brand', 'Author', 'Step', 'Stage', 'Page title', 'URL', 'Severity', 'Severity label', 'Tags', 'Note'],
    ...rows.map((r) => [r.sessionTitle, r.brand, r.authorName, r.position + 1, r.stage, r.title, r.url, r.severity, r.severity === null ? null : SEVERITY_LABELS[r.severity], r.tags.join('; '), r.note]),
  ]);
}
