import { staticMarkup } from './escape';

// The report's only style sheet. Static on purpose: no user text ever reaches it, so it can be
// inlined as-is under a CSP that allows inline styles and nothing else. Colours follow
// components/styles.css so the report reads as the same product as the panel.

export const REPORT_CSS = staticMarkup`
:root {
  --ink: #161b2e; --muted: #5b6478; --line: #dfe3ec; --paper: #ffffff; --bg: #eef0f5;
  --navy: #1c2452; --accent: #3446c7; --accent-soft: #e9ecfb;
  --bad: #b42318; --bad-soft: #fdecea; --warn: #a15c00; --warn-soft: #fff4e0; --good: #1b7a43; --good-soft: #e5f5ec;
  color-scheme: light;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 15px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { max-width: 900px; margin: 32px auto; background: var(--paper); padding: 56px 64px; border-radius: 6px; box-shadow: 0 1px 3px rgba(22, 27, 46, 0.08), 0 8px 32px rgba(22, 27, 46, 0.06); }
h1, h2, h3, h4 { color: var(--navy); line-height: 1.25; margin: 0; }
h1 { font-size: 34px; letter-spacing: -0.01em; }
h2 { font-size: 22px; padding-bottom: 8px; border-bottom: 2px solid var(--navy); margin-bottom: 20px; }
h3 { font-size: 16px; margin-bottom: 10px; }
h4 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin-bottom: 8px; }
p { margin: 0 0 10px; }
a { color: var(--accent); text-underline-offset: 2px; }
main > * + * { margin-top: 56px; }
.block + .block { margin-top: 40px; }
.muted { color: var(--muted); }
.small { font-size: 12.5px; }
.num { font-variant-numeric: tabular-nums; }
.eyebrow { font-size: 12px; font-weight: 700; letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); margin-bottom: 14px; }

.cover { border-top: 6px solid var(--navy); padding-top: 28px; }
.cover .brand { font-size: 18px; font-weight: 600; color: var(--muted); margin: 6px 0 24px; }
.promise { margin: 0 0 28px; padding: 14px 20px; border-left: 4px solid var(--accent); background: var(--accent-soft); color: #2a3170; font-size: 17px; font-style: italic; border-radius: 0 6px 6px 0; }
.facts { display: grid; grid-template-columns: 170px 1fr; gap: 8px 20px; margin: 0 0 28px; }
.facts dt { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); padding-top: 3px; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.chips li { background: #eef0f5; border-radius: 999px; padding: 1px 10px; font-size: 12.5px; overflow-wrap: anywhere; }

/* Fixed layout: column widths never depend on content, so one long unbroken string cannot push a table off the page. */
table { border-collapse: collapse; width: 100%; font-size: 13.5px; table-layout: fixed; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
thead th { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); border-bottom: 2px solid var(--line); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { caption-side: bottom; text-align: left; font-size: 12px; color: var(--muted); padding-top: 6px; }

.rubric th:first-child { width: 26%; } .rubric th:last-child { width: 14%; }
.toc ol { margin: 0; padding-left: 22px; }
.toc > ol > li { margin: 4px 0; font-weight: 600; }
.toc .toc-steps { columns: 2; column-gap: 32px; font-weight: 400; font-size: 13.5px; margin-top: 6px; }
.toc .toc-steps li { break-inside: avoid; overflow-wrap: anywhere; }

.headline { display: grid; grid-template-columns: 200px 1fr; gap: 28px; align-items: start; }
.bas { text-align: center; border-radius: 8px; padding: 18px 12px; background: #f3f4f8; }
.bas-label { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 0; }
.bas-value { font-size: 56px; font-weight: 800; line-height: 1.1; margin: 4px 0 0; font-variant-numeric: tabular-nums; }
.bas-scale { font-size: 12px; color: var(--muted); margin: 0; }
.bas.tone-low { background: var(--bad-soft); } .bas.tone-low .bas-value { color: var(--bad); }
.bas.tone-mid { background: var(--warn-soft); } .bas.tone-mid .bas-value { color: var(--warn); }
.bas.tone-high { background: var(--good-soft); } .bas.tone-high .bas-value { color: var(--good); }
.verdict { margin: 0; padding: 0; font-size: 15.5px; overflow-wrap: anywhere; }

.bars { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.bars li { display: grid; grid-template-columns: 210px 1fr 44px; gap: 14px; align-items: center; }
.bar-name { overflow-wrap: anywhere; font-weight: 600; font-size: 14px; }
.bar-track { height: 12px; background: #eef0f5; border-radius: 6px; overflow: hidden; }
.bar-fill { display: block; height: 100%; border-radius: 6px; background: var(--accent); }
.bar-fill.tone-low { background: var(--bad); } .bar-fill.tone-mid { background: #d08a1b; } .bar-fill.tone-high { background: var(--good); }
.bar-value { text-align: right; font-weight: 700; font-variant-numeric: tabular-nums; }

.heat th, .heat td { border: 2px solid #fff; text-align: center; }
.heat thead th { text-transform: none; letter-spacing: 0; font-size: 12px; }
.heat thead th:first-child { width: 18%; }
.heat tbody th { text-align: left; font-weight: 600; }
.heat td { font-weight: 700; font-variant-numeric: tabular-nums; }
.tone-none { background: #f3f4f8; color: var(--muted); }
td.tone-none { font-weight: 400; }
.tone-low { background: var(--bad-soft); color: var(--bad); }
.tone-mid { background: var(--warn-soft); color: var(--warn); }
.tone-high { background: var(--good-soft); color: var(--good); }

.journey { margin: 0; }
.journey svg { width: 100%; height: auto; display: block; }
.journey .band { fill: #f4f5fa; } .journey .band.odd { fill: #e9ecf5; }
.journey .band-label { font-size: 11px; font-weight: 600; fill: var(--muted); }
.journey .grid { stroke: #cfd5e2; stroke-dasharray: 3 4; }
.journey .mid { stroke: #b8bfd0; }
.journey .axis { font-size: 10.5px; fill: var(--muted); }
.journey .alignment-line { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
.journey circle.scored { fill: var(--accent); stroke: #fff; stroke-width: 1.5; }
.journey circle.unscored { fill: #fff; stroke: var(--muted); stroke-width: 1.5; }
.journey .emotion.up { fill: rgba(27, 122, 67, 0.5); } .journey .emotion.down { fill: rgba(180, 35, 24, 0.5); }
.legend { font-size: 12px; color: var(--muted); display: flex; gap: 8px; align-items: center; margin-top: 6px; }
.legend .key { display: inline-block; width: 16px; height: 3px; background: var(--accent); }
.legend .key.bar { width: 7px; height: 12px; background: rgba(27, 122, 67, 0.5); margin-left: 10px; }
.legend .key.bar.down { background: rgba(180, 35, 24, 0.5); margin-left: 0; }
details { margin-top: 10px; font-size: 13px; }
summary { cursor: pointer; color: var(--accent); }

.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 0; }
.figures div { background: #f7f8fb; border-radius: 6px; padding: 8px 12px; }
.figures dt { font-size: 11.5px; color: var(--muted); }
.figures dd { margin: 0; font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.figures .sev-4 dd, .figures .sev-3 dd { color: var(--bad); }
.lows { margin: 0; padding-left: 22px; }
.lows li { margin: 4px 0; overflow-wrap: anywhere; }

.sev { display: inline-block; font-size: 11.5px; font-weight: 700; padding: 1px 8px; border-radius: 999px; white-space: nowrap; background: #eef0f5; color: var(--muted); }
.sev-4 .sev, .sev.sev-4 { background: var(--bad); color: #fff; }
.sev.sev-3 { background: var(--bad-soft); color: var(--bad); }
.sev.sev-2 { background: var(--warn-soft); color: var(--warn); }
.sev.sev-1 { background: #eef0f5; color: var(--muted); }
.friction-list { list-style: none; margin: 0; padding: 0; }
.friction-list li { padding: 12px 0; border-bottom: 1px solid var(--line); break-inside: avoid; overflow-wrap: anywhere; }
.friction-list .friction-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.friction-list p { margin: 4px 0 0; font-size: 13.5px; color: #394056; }
.mot { font-size: 11.5px; font-weight: 700; color: var(--accent); background: var(--accent-soft); border-radius: 999px; padding: 1px 8px; white-space: nowrap; }

.steps-section { break-before: page; }
.step { border: 1px solid var(--line); border-radius: 8px; padding: 20px 22px; margin: 0 0 24px; break-inside: avoid; page-break-inside: avoid; }
.step-head { display: grid; grid-template-columns: 44px 1fr auto; gap: 14px; align-items: start; margin-bottom: 14px; }
.step-no { display: flex; align-items: center; justify-content: center; width: 40px; height: 40px; border-radius: 50%; background: var(--navy); color: #fff; font-weight: 700; font-variant-numeric: tabular-nums; }
.step-meta { font-size: 12.5px; color: var(--muted); margin: 0 0 2px; }
.step h3 { margin: 0 0 2px; overflow-wrap: anywhere; }
.step-url { font-size: 12.5px; margin: 0; overflow-wrap: anywhere; word-break: break-all; }
.step-score { text-align: center; border-radius: 6px; padding: 4px 12px; min-width: 84px; }
.step-score span { display: block; font-size: 10.5px; text-transform: uppercase; letter-spacing: 0.06em; }
.step-score strong { font-size: 22px; font-variant-numeric: tabular-nums; }
.shot { margin: 0 0 14px; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.shot img { display: block; margin: 0 auto; width: auto; height: auto; max-width: 100%; max-height: 240mm; border: 1px solid var(--line); border-radius: 4px; break-inside: avoid; }
.shot figcaption { font-size: 11.5px; color: var(--muted); margin-top: 4px; }
.missing { font-size: 13px; color: var(--warn); background: var(--warn-soft); border-radius: 6px; padding: 8px 12px; }
.note { background: #f7f8fb; border-radius: 6px; padding: 12px 14px; margin: 0 0 14px; overflow-wrap: anywhere; }
.step-body { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
.step-facts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 16px; margin: 0; }
.step-facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.step-facts dd { margin: 0; font-size: 13.5px; overflow-wrap: anywhere; }
.step-facts .page-context { grid-column: 1 / -1; }
.js-errors { margin: 4px 0 0; padding-left: 18px; font-size: 12.5px; }
.js-error { font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--bad); }
.pillar-scores th, .pillar-scores td { padding: 5px 8px; font-size: 13px; }
.pillar-scores thead th { font-size: 11px; }
.pillar-scores th:first-child { width: 45%; }
.pillar-scores td:first-child { font-weight: 600; }

footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }

@page { margin: 14mm; }
@media print {
  html { background: #fff; }
  body { font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  .toc { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  table, .bars li, .figures, .journey { break-inside: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; }
  details { display: none; }
}
@media (max-width: 720px) {
  main { padding: 28px 20px; margin: 0; border-radius: 0; }
  .headline, .cols { grid-template-columns: 1fr; }
  .facts { grid-template-columns: 1fr; }
  .bars li { grid-template-columns: 1fr 2fr 40px; }
  .step-body { grid-template-columns: 1fr; }
}
`;
