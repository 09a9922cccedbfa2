import { describe, expect, it } from 'vitest';
import { effortFigures, frictionCounts, lowestMoments, pillarBreakdown, stageBreakdown, stagePillarTable } from '@/lib/scoring/breakdown';
import { escapeHtml } from '@/lib/export/escape';
import { renderHtmlReport, REPORT_CSP, type ReportInput } from '@/lib/export/html-report';
import { IMAGE_DATA_URL } from '@/lib/export/report-steps';
import { formatDuration } from '@/lib/format';
import type { Step } from '@/lib/schemas';
import { brandAlignmentScore, formatScore } from '@/lib/scoring/alignment';
import { sampleReportInput, sampleSession, sampleSteps, screenshotOf, TINY_PNG, unescapeHtml } from './fixtures';
import { hostileSession, XSS_CORPUS } from './xss-corpus';

// Every tag and attribute the report may contain. Anything else in the output means some text
// became markup.
const TAGS = new Set(
  'html head meta title style body main header nav section article footer div p h1 h2 h3 h4 span strong bdi br a ol ul li dl dt dd table thead tbody tr th td caption figure figcaption img blockquote details summary svg g rect text line path circle'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set(
  'lang charset http-equiv content name class id href rel target style src alt width height role scope aria-labelledby viewBox x y x1 x2 y1 y2 cx cy r d text-anchor'.split(' '),
);

interface Tag {
  name: string;
  closing: boolean;
  attributes: Array<[string, string]>;
  at: number;
}

/**
 * Reads every tag of the document the way a strict tokenizer would: each `<` outside the one
 * style sheet must open a well-formed tag whose attributes are all double-quoted.
 */
function tags(doc: string): Tag[] {
  expect(doc.startsWith('<!DOCTYPE html>\n')).toBe(true);
  const styles = [...doc.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  expect(styles).toHaveLength(1);
  expect(doc.match(/<style/gi)).toHaveLength(1);
  const css = styles[0]![1]!;
  expect(css).not.toContain('<');
  const body = doc.slice('<!DOCTYPE html>'.length).replace(css, '');
  const found: Tag[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*(?:="[^"<>]*")?)*)\s*>/y;
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    tag.lastIndex = at;
    const m = tag.exec(body);
    if (!m) throw new Error(`Stray "<" that is not a tag: ${JSON.stringify(body.slice(Math.max(0, at - 60), at + 60))}`);
    const attributes = [...m[3]!.matchAll(/\s+([a-zA-Z][a-zA-Z0-9:-]*)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ''] as [string, string]);
    found.push({ name: m[2]!, closing: m[1] === '/', attributes, at });
  }
  return found;
}

/** Asserts the whitelist; returns every attribute value by name, for further checks. */
function checkMarkup(doc: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const problems: string[] = [];
  for (const t of tags(doc)) {
    if (!TAGS.has(t.name)) problems.push(`<${t.name}>`);
    for (const [name, value] of t.attributes) {
      if (name.toLowerCase().startsWith('on') || !ATTRIBUTES.has(name)) problems.push(`${name}= on <${t.name}>`);
      values.set(name, [...(values.get(name) ?? []), unescapeHtml(value)]);
    }
  }
  const check = (name: string, ok: (value: string) => boolean) =>
    problems.push(...(values.get(name) ?? []).filter((v) => !ok(v)).map((v) => `${name}="${v.slice(0, 80)}"`));
  check('href', (v) => /^(#[a-z0-9-]+|https?:\/\/[^\s"'<>`]+)$/.test(v));
  check('src', (v) => IMAGE_DATA_URL.test(v));
  check('style', (v) => /^width: \d{1,3}\.\d%$/.test(v));
  check('id', (v) => /^[a-z0-9-]+$/.test(v));
  expect(problems).toEqual([]);
  return values;
}

const section = (doc: string, id: string) => {
  const start = doc.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  return doc.slice(start, doc.indexOf('</section>', start));
};
const all = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);

describe('renderHtmlReport: hostile text', () => {
  it('has a corpus of at least 50 payloads', () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(50);
  });

  it('has a checker that catches markup, handlers and script URLs (so a pass means something)', () => {
    const good = renderHtmlReport(sampleReportInput());
    expect(() => checkMarkup(good)).not.toThrow();
    for (const [from, to] of [
      ['<h1>', '<h1><img src=x onerror=alert(1)>'],
      ['<h1>', '<h1><b>'],
      ['<h1>', '<h1 onclick="alert(1)">'],
      ['<h1>', '<h1><a href="javascript:alert(1)">'],
      ['<h1>', '<h1><a href="data:text/html,x">'],
      ['<h1>', '<h1><img src="https://evil.example/x.png">'],
      ['<h1>', '<h1><svg onload=alert(1)>'],
      ['<h1>', '<h1>< script>'],
      ['</style>', 'x</style><style>'],
    ]) {
      expect(() => checkMarkup(good.replace(from!, to!)), to).toThrow();
    }
  });

  const doc = renderHtmlReport(hostileSession());

  it('emits only whitelisted tags and attributes, no event handlers, no script and no script URLs', () => {
    checkMarkup(doc);
    expect(doc.toLowerCase()).not.toContain('<script');
    // Inside tags, with quoted attribute values blanked: text in an alt or title is not an attribute.
    const inTags = (doc.match(/<[a-zA-Z][^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
    expect(inTags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
    expect(doc).not.toMatch(/(href|src)="\s*(javascript|data:text|vbscript)/i);
  });

  it('shows every payload as escaped text', () => {
    for (const payload of XSS_CORPUS) expect(doc, payload).toContain(escapeHtml(payload));
  });

  it.each(XSS_CORPUS.map((p) => [p]))('keeps %j as text in every field', (payload) => {
    const one = renderHtmlReport(hostileSession([payload]));
    checkMarkup(one);
    const text = escapeHtml(payload);
    if (payload === payload.trim() && !/[\r\n]/.test(payload)) {
      for (const place of [
        `<h1>${text}</h1>`,
        `<p class="brand">${text}</p>`,
        `<blockquote class="promise">${text}</blockquote>`,
        `<th scope="row">${text}</th><td>${text}</td>`,
        `<th scope="row">${text}</th><td class="tone-`,
        `<h3 id="step-1-title">${text}</h3>`,
        `<div class="note">${text}<br>${text}</div>`,
        `<ul class="chips"><li>${text}</li>`,
        `<p class="verdict">${text}</p>`,
        `<title>${text} — ${text} mystery shop report</title>`,
      ]) {
        expect(one, place).toContain(place);
      }
      if (!/^https?:\/\//i.test(payload)) expect(one).toContain(`<p class="step-url"><span class="url-text">${text}</span></p>`);
    }
  });

  it('leaves out images whose source is not an image data URL, and says so', () => {
    const input = hostileSession();
    const shown = renderHtmlReport(input).match(/<img /g) ?? [];
    const good = [...input.screenshots.values()].flat().filter((s) => IMAGE_DATA_URL.test(s.dataUrl)).length;
    expect(shown).toHaveLength(good);
    expect(doc.match(/screenshot left out/g)?.length).toBe([...input.screenshots.values()].flat().length - good);
  });
});

describe('renderHtmlReport: document', () => {
  const input = sampleReportInput();
  const doc = renderHtmlReport(input);

  it('is one self-contained HTML5 document under a strict CSP, with no script at all', () => {
    checkMarkup(doc);
    expect(doc).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(REPORT_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    const csp = doc.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    expect(unescapeHtml(csp![1]!)).toBe(REPORT_CSP);
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
    expect(doc.toLowerCase()).not.toContain('<script');
    expect(doc.match(/<style>/g)).toHaveLength(1);
    expect(doc).not.toMatch(/url\(|@import|src="http|<link/);
  });

  it('prints: page margins, steps on a new page, cards and images never split, images capped to a page', () => {
    const css = doc.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    expect(css).toContain('@page { margin: 14mm; }');
    expect(css).toMatch(/\.steps-section \{ break-before: page; \}/);
    expect(css).toMatch(/\.step \{[^}]*break-inside: avoid/);
    expect(css).toMatch(/\.shot img \{[^}]*max-width: 100%;[^}]*max-height: 240mm;[^}]*break-inside: avoid/);
  });

  it('links every in-page href to an id that exists, and every id is unique', () => {
    const values = checkMarkup(doc);
    const ids = values.get('id')!;
    expect(new Set(ids).size).toBe(ids.length);
    for (const href of values.get('href')!.filter((h) => h.startsWith('#'))) expect(ids).toContain(href.slice(1));
    for (const id of ['cover', 'contents', 'summary', 'journey', 'friction', 'steps']) expect(ids).toContain(id);
  });

  it('puts the sections in order: cover, contents, summary, journey, friction, steps', () => {
    const order = ['id="cover"', 'id="contents"', 'id="summary"', 'id="journey"', 'id="friction"', 'id="steps"', 'id="step-1"', 'id="step-6"', '<footer>'];
    const at = order.map((s) => doc.indexOf(s));
    expect(at.every((n) => n > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('is pure: the same input gives the same document, and the input is not changed', () => {
    const shuffled: ReportInput = { ...input, steps: [...input.steps].reverse() };
    const before = JSON.stringify(shuffled.steps);
    expect(renderHtmlReport(shuffled)).toBe(doc);
    expect(JSON.stringify(shuffled.steps)).toBe(before);
  });
});

describe('renderHtmlReport: figures match the panel summary', () => {
  const input = sampleReportInput();
  const doc = renderHtmlReport(input);
  const { rubric, stages } = sampleSession;
  const summary = section(doc, 'summary');

  it('shows the Brand Alignment Score of the same steps', () => {
    const bas = brandAlignmentScore(sampleSteps, rubric);
    expect(bas.score).not.toBeNull();
    expect(summary).toContain(`<p class="bas-value">${formatScore(bas.score)}</p>`);
    expect(summary).toContain(`over ${bas.scoredSteps} scored of ${bas.totalSteps} steps`);
  });

  it('draws a bar per pillar with its score as the value and the width', () => {
    const pillars = pillarBreakdown(sampleSteps, rubric);
    expect(all(summary, /<span class="bar-value">([^<]*)<\/span>/g)).toEqual(pillars.map((p) => formatScore(p.score)));
    expect(all(summary, /style="width: ([\d.]+)%"/g)).toEqual(pillars.map((p) => p.score!.toFixed(1)));
    expect(all(summary, /<span class="bar-name">([^<]*)<\/span>/g)).toEqual(rubric.pillars.map((p) => p.name));
  });

  it('fills the stage × pillar table, stage alignment and SEQ', () => {
    const table = stagePillarTable(sampleSteps, stages, rubric);
    const stageScores = stageBreakdown(sampleSteps, stages, rubric);
    const heat = summary.slice(summary.indexOf('<table class="heat">'), summary.indexOf('</table>', summary.indexOf('<table class="heat">')));
    const rows = all(heat, /<tr><th scope="row">[^<]*<\/th>(.*?)<\/tr>/g).map((row) => all(row, /<td[^>]*>([^<]*)<\/td>/g));
    expect(rows).toEqual(
      table.map((row, i) => [...row.cells.map((c) => formatScore(c.score)), formatScore(stageScores[i]!.score), String(sampleSession.seq[row.stageId] ?? '–')]),
    );
  });

  it('counts friction by severity and lists the lowest moments with links to their steps', () => {
    const counts = frictionCounts(sampleSteps);
    const figures = all(summary, /<dt>(Blocker|Major|Minor|Cosmetic)<\/dt><dd>(?:\d+)<\/dd>/g);
    expect(figures).toEqual(['Blocker', 'Major', 'Minor', 'Cosmetic']);
    for (const [sev, label] of [[4, 'Blocker'], [3, 'Major'], [2, 'Minor'], [1, 'Cosmetic']] as const) {
      expect(summary).toContain(`<dt>${label}</dt><dd>${counts.bySeverity[sev]}</dd>`);
    }
    const lows = lowestMoments(sampleSteps, rubric, 3);
    const lowList = summary.slice(summary.indexOf('<ol class="lows">'));
    expect(all(lowList, /<a href="#step-(\d+)">/g).slice(0, 3)).toEqual(lows.map((m) => String(sampleSteps.findIndex((s) => s.id === m.stepId) + 1)));
    expect(all(lowList, /<strong>(\d+)<\/strong>/g).slice(0, 3)).toEqual(lows.map((m) => formatScore(m.alignment)));
  });

  it('shows the effort figures, CES and the verdict', () => {
    const effort = effortFigures(sampleSteps);
    expect(summary).toContain(`<dt>Steps</dt><dd>${effort.steps}</dd>`);
    expect(summary).toContain(`<dt>Time on task</dt><dd>${formatDuration(effort.timeOnTaskMs).replace('+', '')}</dd>`);
    expect(summary).toContain(`<dt>Page views</dt><dd>${effort.pageLoads}</dd>`);
    expect(summary).toContain(`<dt>Back-and-forth</dt><dd>${effort.revisits}</dd>`);
    expect(summary).toContain(`<dt>CES (1–7)</dt><dd>3 <span class="muted small">Somewhat disagree</span></dd>`);
    expect(summary).toContain('Choosing is pleasant and the product page keeps the promise.');
    expect(summary).toContain('<br>Fix those two');
  });

  it('draws the journey chart as inline SVG with a point per step and a table alternative', () => {
    const journey = summary.slice(summary.indexOf('id="journey"'));
    expect(journey.match(/<circle /g)).toHaveLength(sampleSteps.length);
    expect(journey).toContain('<path class="alignment-line" d="M');
    expect(journey.match(/<rect class="emotion /g)).toHaveLength(sampleSteps.filter((s) => s.emotion !== null).length);
    expect(all(journey, /<rect class="band(?: odd)?"/g)).toHaveLength(4);
    expect(journey).toContain('<summary>The chart as a table</summary>');
  });
});

describe('renderHtmlReport: friction list and steps', () => {
  const step = (n: number, severity: Step['severity'], position: number): Step => ({ ...sampleSteps[0]!, id: `s${n}`, position, severity, pageTitle: `Page ${n}` });

  it('orders friction by severity, 4 to 1, then by position, leaving out none and unrated', () => {
    const steps = [step(1, 2, 5), step(2, 4, 3), step(3, 2, 1), step(4, 1, 0), step(5, 4, 4), step(6, 0, 2), step(7, null, 6), step(8, 3, 7)];
    const doc = renderHtmlReport({ ...sampleReportInput(), steps, screenshots: new Map() });
    const list = section(doc, 'friction');
    // Step numbers follow position: s4=1, s3=2, s6=3, s2=4, s5=5, s1=6, s7=7, s8=8.
    expect(all(list, /<a href="#step-(\d+)">/g)).toEqual(['4', '5', '8', '2', '6', '1']);
    expect(all(list, /<span class="sev sev-(\d)">/g)).toEqual(['4', '4', '3', '2', '2', '1']);
  });

  it('renders each step: number, stage, title, link, time, note with line breaks, scores with labels and N/A, severity, tags, emotion, moment of truth', () => {
    const doc = renderHtmlReport(sampleReportInput());
    const card = doc.slice(doc.indexOf('<article class="step" id="step-2"'), doc.indexOf('</article>', doc.indexOf('id="step-2"')));
    expect(card).toContain('<span class="step-no">2</span>');
    expect(card).toContain('<bdi>Choose</bdi>');
    expect(card).toContain('+48 s after the previous step');
    expect(card).toContain('<h3 id="step-2-title">All products — Northwind Outfitters</h3>');
    expect(card).toContain('<a href="https://shop.northwind.example/products.html?category=jackets" rel="noopener noreferrer nofollow" target="_blank">');
    expect(card).toContain('<td>Effortless</td><td><strong>3</strong> / 5 <span class="muted">Neutral</span></td>');
    expect(card).toContain('<td>Human</td><td>N/A');
    expect(card).toContain('<span class="sev sev-2">2 · Minor</span>');
    expect(card).toContain('<li>missing information</li>');
    expect(card).toContain('0 Neutral');
    expect(card).toContain(`<img src="${TINY_PNG}" alt="Screenshot of step 2: All products — Northwind Outfitters" width="1280" height="800">`);
    const four = doc.slice(doc.indexOf('id="step-4"'), doc.indexOf('</article>', doc.indexOf('id="step-4"')));
    expect(four).toContain('pre-ticked.<br>Both are surprises');
    expect(four).toContain('−1 Negative');
    const five = doc.slice(doc.indexOf('id="step-5"'), doc.indexOf('</article>', doc.indexOf('id="step-5"')));
    expect(five).toContain('<span class="mot">Moment of truth</span>');
    expect(five).toContain('<span class="sev sev-4">4 · Blocker</span>');
  });

  it('shows a URL that is not a plain http(s) URL as text, never as a link', () => {
    const steps = [{ ...sampleSteps[0]!, url: 'javascript:alert(1)' }, { ...sampleSteps[1]!, url: 'chrome://settings/' }];
    const doc = renderHtmlReport({ ...sampleReportInput(), steps });
    expect(doc).toContain('<p class="step-url"><span class="url-text">javascript:alert(1)</span></p>');
    expect(doc).toContain('<p class="step-url"><span class="url-text">chrome://settings/</span></p>');
    expect(doc).not.toContain('href="javascript');
    expect(doc).not.toContain('href="chrome');
  });

  it('leaves out an image whose data URL is not a base64 JPEG, PNG or WebP, keeps the good ones, and says so', () => {
    const [first] = sampleSteps;
    const bad = [
      'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
      'data:image/svg+xml;base64,PHN2Zz4=',
      `${TINY_PNG}" onerror="alert(1)`,
      'data:image/png;base64,AAAA\n',
      'https://evil.example/x.png',
      'data:image/png,raw',
    ];
    const screenshots = new Map([[first!.id, [screenshotOf(first!), ...bad.map((url) => screenshotOf(first!, url))]]]);
    const doc = renderHtmlReport({ ...sampleReportInput(), screenshots });
    checkMarkup(doc);
    expect(doc.match(/<img /g)).toHaveLength(1);
    expect(doc.match(/screenshot left out: its image data was not a JPEG, PNG or WebP data URL/g)).toHaveLength(bad.length);
    expect(doc).toContain('<p class="muted small">No screenshot.</p>');
  });

  it('renders a session with no steps', () => {
    const doc = renderHtmlReport({ ...sampleReportInput(), steps: [], screenshots: new Map() });
    checkMarkup(doc);
    expect(doc).toContain('<p class="bas-value">–</p>');
    expect(doc).toContain('No friction was recorded on any step.');
    expect(doc).not.toContain('<svg');
  });
});

describe('renderHtmlReport: a text-only step', () => {
  it('says the step was observed off-screen and has no screenshot, without an empty link', () => {
    const input = sampleReportInput();
    const text: Step = { ...sampleSteps[0]!, id: 'text-only', position: 99, url: '', pageTitle: 'Phone call to support', note: 'On hold for 20 minutes' };
    const doc = renderHtmlReport({ ...input, steps: [...input.steps, text] });
    const card = doc.slice(doc.lastIndexOf('<article class="step"'));
    expect(card).toContain('Phone call to support');
    expect(card).toContain('Observed off-screen, no page');
    expect(card).toContain('No screenshot.');
    expect(card).not.toContain('<a href');
  });
});
