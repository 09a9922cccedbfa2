import { beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { auditFixture, type Audit } from './harness';
import { seedThroughPanel } from './seed';
import type { BundleData } from '@/lib/bundle/export';
import { compareSessions, formatDelta } from '@/lib/scoring/compare';
import { FIVE_PRINCIPLES } from '@/lib/rubric/builtin';
import type { Rubric } from '@/lib/schemas';
import { formatScore } from '@/lib/scoring/alignment';

// Issue 6, compare: three audits of one scenario with the same rubric and a fourth with a rubric
// of its own, seeded through the real background. Every figure on screen is checked against
// lib/compare run in the test on the same records.

const audit = auditFixture({ slowMs: 100 });
let { ext, panel } = {} as Audit;
beforeAll(() => void ({ ext, panel } = audit));

// Shares "Get it right" and "Communicate" with the Five Principles, adds "Speed".
const ACME: Rubric = {
  ...FIVE_PRINCIPLES,
  id: 'acme',
  name: 'Acme promise',
  pillars: [FIVE_PRINCIPLES.pillars[0]!, FIVE_PRINCIPLES.pillars[1]!, { id: 'speed', name: 'Speed', description: 'Fast.', weight: 2 }],
};
const TITLES = ['Northwind checkout', 'Contoso checkout', 'Fabrikam checkout', 'Acme checkout'];
let data: BundleData;
let page: Page;
const ids = (...n: number[]) => n.map((i) => `seed-${String(i).padStart(4, '0')}`);
const open = (hash: string) => page.goto(`chrome-extension://${ext.extensionId}/dashboard.html${hash}`);
const inputs = (...n: number[]) =>
  n.map((i) => ({ session: data.sessions[i]!, steps: data.steps.filter((s) => s.sessionId === ids(i)[0]).sort((a, b) => a.position - b.position) }));
const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ').trim();
const rowCells = (table: string, name: string) =>
  page.getByRole('table', { name: table }).getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');

beforeAll(async () => {
  data = await seedThroughPanel(panel, mkdtempSync(join(tmpdir(), 'ms-compare-')), {
    sessions: 4,
    stepsPerSession: (i) => [6, 9, 5, 4][i]!,
    rubric: (i) => (i === 3 ? ACME : FIVE_PRINCIPLES),
    title: (i) => TITLES[i]!,
    // Scores that differ by session and stage so every delta is something to check.
    step: (s, p, rubric) => {
      const base = [3, 4, 2, 4, 5, 3, 2, 4, 3][(p + s * 3) % 9]!;
      return { scores: Object.fromEntries(rubric.pillars.map((pl, k) => [pl.id, Math.max(1, Math.min(5, base + ((k + s) % 3) - 1))])) };
    },
  });
  page = await ext.context.newPage();
});

it('shows each session’s score and its difference from the baseline, as lib/compare computes them', async () => {
  await open(`#/compare/${ids(0, 1, 2).join(',')}`);
  const expected = compareSessions(inputs(0, 1, 2), 0);
  for (const [i, letter] of ['A', 'B', 'C'].entries()) {
    const badge = page.getByLabel(`Brand Alignment Score of ${letter}:`, { exact: false });
    await expect.poll(() => badge.getAttribute('aria-label')).toBe(`Brand Alignment Score of ${letter}: ${formatScore(expected.score.values[i]!)}`);
  }
  const cards = page.getByRole('list', { name: 'Compared sessions' }).getByRole('listitem');
  expect(await text(cards.nth(1))).toContain(`${formatDelta(expected.score.deltas[1]!)} vs A`);
  expect(await text(cards.nth(2))).toContain(`${formatDelta(expected.score.deltas[2]!)} vs A`);

  for (const pillar of expected.pillars) {
    const cells = await rowCells('Score and pillars', pillar.name).allInnerTexts();
    expect(cells.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(
      pillar.values.map((v, i) => (i === 0 ? formatScore(v) : `${formatScore(v)} ${formatDelta(pillar.deltas[i]!)}`)),
    );
  }
  const steps = await rowCells('Effort and friction', 'Steps').allInnerTexts();
  expect(steps.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['6', '9 +3', '5 −1']);
  expect(await page.getByText('Not compared').count()).toBe(0);
});

it('measures from another baseline when the user picks one', async () => {
  await page.getByRole('button', { name: 'Set as baseline: Fabrikam checkout' }).click();
  // The button becomes the card's "baseline" tag; the keyboard stays on that card.
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Fabrikam checkout');
  const expected = compareSessions(inputs(0, 1, 2), 2);
  const cells = rowCells('Score and pillars', 'Brand Alignment Score');
  await expect
    .poll(async () => (await cells.allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim()))
    .toEqual(expected.score.values.map((v, i) => (i === 2 ? formatScore(v) : `${formatScore(v)} ${formatDelta(expected.score.deltas[i]!)}`)));
  const stage = expected.stages[1]!;
  const stageCells = await rowCells('Stages × pillars', stage.name).first().allInnerTexts();
  expect(stageCells[0]!.replace(/\s+/g, ' ').trim()).toBe(`${formatScore(stage.values[0]!)} ${formatDelta(stage.deltas[0]!)}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download comparison (.csv)' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[1]).toBe(
    // Text cells are quoted (a semicolon locale must not split them), numbers are not.
    ['"Score"', '"Brand Alignment Score"', ...expected.score.values.flatMap((v, i) => [formatScore(v), i === 2 ? '' : String(expected.score.deltas[i])])].join(','),
  );
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(tmpdir(), 'compare-view.png'), fullPage: true });
});

it('compares what two rubrics share and says what is left out', async () => {
  await open(`#/compare/${ids(0, 3).join(',')}`);
  const notice = page.getByRole('region', { name: 'Not compared' });
  await notice.waitFor();
  expect(await text(notice)).toContain('Pillars are matched by name');
  expect(await text(notice)).toContain('pillar “Take on the stress” (only in A)');
  expect(await text(notice)).toContain('pillar “Speed” (only in B)');
  const expected = compareSessions(inputs(0, 3), 0);
  expect(expected.pillars.map((p) => p.name)).toEqual(['Get it right', 'Communicate']);
  const rows = page.getByRole('table', { name: 'Score and pillars' }).getByRole('row');
  expect(await rows.count()).toBe(1 + 1 + 2);
  const bas = await rowCells('Score and pillars', 'Brand Alignment Score').allInnerTexts();
  expect(bas[1]!.replace(/\s+/g, ' ').trim()).toBe(`${formatScore(expected.score.values[1]!)} ${formatDelta(expected.score.deltas[1]!)}`);
  expect(await text(page.getByRole('list', { name: 'Compared sessions' }).getByRole('listitem').nth(1))).toContain(
    `Own score ${formatScore(expected.ownScores[1]!)}`,
  );
  await page.screenshot({ path: join(tmpdir(), 'compare-rubrics.png'), fullPage: true });
});

it('offers a picker when the address names too few sessions or one that is gone', async () => {
  await open(`#/compare/${ids(0)[0]},gone-session`);
  await page.getByText('One session in the address no longer exists: gone-session.').waitFor();
  const compare = page.getByRole('button', { name: /^Compare/ });
  expect(await page.getByRole('checkbox', { name: /Northwind checkout/ }).isChecked()).toBe(true);
  expect(await compare.isDisabled()).toBe(true);
  await page.getByRole('checkbox', { name: /Contoso checkout/ }).check();
  await page.screenshot({ path: join(tmpdir(), 'compare-picker.png') });
  await compare.click();
  await page.getByRole('heading', { name: 'Contoso checkout' }).waitFor();
  expect(page.url()).toContain(`#/compare/${ids(0, 1).join(',')}`);

  await page.getByRole('button', { name: 'Change sessions' }).click();
  await page.getByRole('checkbox', { name: /Fabrikam checkout/ }).check();
  await page.getByRole('button', { name: 'Compare 3 sessions' }).click();
  await page.getByRole('heading', { name: 'Fabrikam checkout' }).waitFor();
  expect(page.url()).toContain(`#/compare/${ids(0, 1, 2).join(',')}`);
});
