import { beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { seriousViolations, summary } from './a11y';
import { auditFixture, readStore, waitUntil, type Audit, readImages } from './harness';
import { captureStep, scoreByKey, startSession } from './panel';
import { seedThroughPanel } from './seed';
import { filterRows, libraryRows, NO_FILTER, sortRows, type LibraryFilter, type LibraryRow } from '@/lib/library/filter';
import { summariseSession } from '@/lib/library/summary';
import type { BundleData } from '@/lib/bundle/export';

// Issue 6, the library: 50 sessions imported through the real background, then found by search,
// filters and sorts whose results must equal what lib/library computes from the seed records;
// live updates from the side panel; delete, undo, and the space freed after the undo window.

const audit = auditFixture({ slowMs: 100 });
let { ext, shop, shopPage, panel } = {} as Audit;
let seed: BundleData;
let expected: LibraryRow[];
let dash: Page;
const dir = mkdtempSync(join(tmpdir(), 'ms-library-'));

// MS_SHOTS=<dir> saves the screenshots looked at when designing the page.
const shots = process.env.MS_SHOTS;

beforeAll(async () => {
  ({ ext, shop, shopPage, panel } = audit);
  // Open before the import: the 50 sessions must arrive in an open dashboard by themselves.
  dash = await ext.context.newPage();
  await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#/`);
  await dash.getByRole('heading', { name: 'No sessions yet' }).waitFor();
  if (shots) await dash.screenshot({ path: join(shots, 'library-empty.png') });
  seed = await seedThroughPanel(panel, dir, {
    sessions: 50,
    stepsPerSession: (i) => 1 + (i % 7),
    step: (i, p) => (i === 17 && p === 0 ? { note: 'The promo code field ate my discount' } : {}),
  });
  const built = seed.sessions.map((s) => summariseSession(s, seed.steps.filter((x) => x.sessionId === s.id), seed.screenshots.filter((x) => x.sessionId === s.id)));
  expected = libraryRows(
    built.map((b) => b.summary),
    new Map(seed.sessions.map((s) => [s.id, s.updatedAt])),
    new Map(built.map((b) => [b.search.sessionId, b.search.text])),
  );
  await waitUntil(async () => (await resultCount()) === '50 sessions', 'the library lists 50 sessions');
  if (shots) {
    await dash.bringToFront();
    await dash.getByRole('img').first().waitFor();
    await dash.screenshot({ path: join(shots, 'library-50.png') });
  }
});

const resultCount = () => dash.getByRole('status').filter({ hasText: /sessions?$/ }).textContent();
const search = () => dash.getByRole('searchbox', { name: 'Search sessions' });
/** Titles of the rows on screen, top to bottom. */
const titles = () => dash.getByRole('rowheader').getByRole('link').allTextContents();
const titlesOf = (rows: LibraryRow[]) => rows.map((r) => r.title);
const sorted = (rows: LibraryRow[]) => [...rows].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
const row = (title: string) => dash.getByRole('row').filter({ has: dash.getByRole('link', { name: title, exact: true }) });

/** The cell of `row` under the column headed `column`. */
async function cell(r: Locator, column: string): Promise<Locator> {
  const headers = await dash.getByRole('columnheader').allTextContents();
  const index = headers.findIndex((h) => h.startsWith(column));
  return r.locator('th, td').nth(index);
}

async function expectShown(filter: Partial<LibraryFilter>) {
  const want = sorted(filterRows(expected, { ...NO_FILTER, ...filter }));
  expect(want.length).toBeGreaterThan(0);
  await expect.poll(() => resultCount()).toBe(`${want.length} of 50 sessions`);
  expect(await titles()).toEqual(titlesOf(want));
}

it('lists every session with its figures and passes an accessibility check', async () => {
  expect(await titles()).toEqual(titlesOf(sorted(expected)));
  const audit18 = expected.find((r) => r.title === 'Audit 18')!;
  expect(await (await cell(row('Audit 18'), 'Steps')).textContent()).toBe(String(audit18.steps));
  expect(await (await cell(row('Audit 18'), 'Site')).textContent()).toBe('shop2.example.com');
  expect(summary(await seriousViolations(dash, 'dashboard library, 50 sessions'))).toEqual([]);
});

it('searches by a word of a note, by URL and by brand', async () => {
  await search().fill('discount');
  await expectShown({ query: 'discount' });
  expect(await titles()).toEqual(['Audit 18']);
  await search().fill('page-6');
  await expectShown({ query: 'page-6' });
  await search().fill('FABRIKAM');
  await expectShown({ query: 'fabrikam' });
  await search().fill('');
});

it('filters by status, brand, rubric, tag, severity and date range', async () => {
  const pick = (name: string, label: string) => dash.getByRole('combobox', { name }).selectOption({ label });
  await pick('Status', 'Completed');
  await expectShown({ status: 'completed' });
  await pick('Status', 'Paused');
  await expectShown({ status: 'paused' });
  await pick('Brand', 'Contoso');
  await expectShown({ status: 'paused', brand: 'Contoso' });
  await dash.getByRole('button', { name: 'Clear filters' }).first().click();
  await pick('Rubric', 'Brand promise');
  await expectShown({ rubricId: expected.find((r) => r.rubricName === 'Brand promise')!.rubricId });
  await dash.getByRole('button', { name: 'Clear filters' }).first().click();
  await pick('Tag', 'returns');
  await expectShown({ tag: 'returns' });
  await pick('Friction', '≥ 3 Major');
  await expectShown({ tag: 'returns', minSeverity: 3 });
  await dash.getByRole('button', { name: 'Clear filters' }).first().click();
  await dash.getByLabel('Created from').fill('2026-01-10');
  await dash.getByLabel('to', { exact: true }).fill('2026-01-20');
  await expectShown({ from: new Date('2026-01-10T00:00:00').getTime(), to: new Date('2026-01-20T23:59:59.999').getTime() });
  await dash.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect.poll(() => resultCount()).toBe('50 sessions');
});

it('sorts by Brand Alignment Score and by steps, either way', async () => {
  const score = dash.getByRole('button', { name: 'Score' });
  await score.click();
  await expect.poll(() => dash.getByRole('columnheader', { name: 'Score' }).getAttribute('aria-sort')).toBe('descending');
  expect(await titles()).toEqual(titlesOf(sortRows(expected, { key: 'bas', direction: 'descending' })));
  await score.click();
  await expect.poll(() => dash.getByRole('columnheader', { name: 'Score' }).getAttribute('aria-sort')).toBe('ascending');
  expect(await titles()).toEqual(titlesOf(sortRows(expected, { key: 'bas', direction: 'ascending' })));
  await dash.getByRole('button', { name: 'Steps' }).click();
  await expect.poll(() => dash.getByRole('columnheader', { name: 'Steps' }).getAttribute('aria-sort')).toBe('descending');
  expect(await titles()).toEqual(titlesOf(sortRows(expected, { key: 'steps', direction: 'descending' })));
  await dash.getByRole('button', { name: 'Updated' }).click();
});

it('shows a step captured in the side panel without a reload', async () => {
  await panel.bringToFront();
  await panel.getByRole('button', { name: 'New session' }).click();
  await startSession(panel, { title: 'Live audit', brand: 'Livewire' });
  await expect.poll(async () => (await cell(row('Live audit'), 'Steps')).textContent()).toBe('0');
  await shopPage.goto(shop.url('index.html'));
  await captureStep(panel);
  await expect.poll(async () => (await cell(row('Live audit'), 'Steps')).textContent()).toBe('1');
  await scoreByKey(panel, 1, 'Get it right', '5');
  await expect.poll(async () => (await cell(row('Live audit'), 'Score')).getByRole('img').getAttribute('aria-label')).toBe('Brand Alignment Score: 100');
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(async () => (await cell(row('Live audit'), 'Status')).textContent()).toBe('Paused');
});

it('opens the dashboard from the side panel and the popup, which shows the session being recorded', async () => {
  const [fromPanel] = await Promise.all([ext.context.waitForEvent('page'), panel.getByRole('button', { name: 'Dashboard' }).click()]);
  await fromPanel.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
  await fromPanel.close();
  await panel.getByRole('button', { name: 'Resume' }).click();
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const current = popup.getByRole('region', { name: 'Recording session' });
  await expect.poll(() => current.textContent()).toMatch(/^Live audit.*1 step/);
  if (shots) {
    await popup.setViewportSize({ width: 300, height: 260 });
    await popup.screenshot({ path: join(shots, 'popup.png'), fullPage: true });
    await panel.screenshot({ path: join(shots, 'panel.png') });
  }
  const [fromPopup] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open dashboard' }).click()]);
  await fromPopup.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
  await fromPopup.close();
  await popup.close();
  await panel.getByRole('button', { name: 'Pause' }).click();
});

it('deletes after asking, undoes, and frees the images once the undo window has passed', async () => {
  await dash.bringToFront();
  const victim = seed.sessions.find((s) => s.title === 'Audit 7')!;
  const shotIds = new Set(seed.screenshots.filter((s) => s.sessionId === victim.id).map((s) => s.id));
  const hasImages = async () => (await readImages(dash)).some((i) => shotIds.has(i.screenshotId));
  expect(await hasImages()).toBe(true);

  await dash.getByRole('button', { name: 'Delete “Audit 7”…' }).click();
  if (shots) {
    await dash.getByRole('dialog').waitFor();
    await dash.screenshot({ path: join(shots, 'library-confirm.png') });
  }
  await dash.getByRole('dialog', { name: 'Delete “Audit 7”?' }).getByRole('button', { name: 'Cancel' }).click();
  expect(await row('Audit 7').count()).toBe(1);

  await dash.getByRole('button', { name: 'Delete “Audit 7”…' }).click();
  await dash.getByRole('button', { name: 'Delete session' }).click();
  await expect.poll(() => row('Audit 7').count()).toBe(0);
  if (shots) await dash.screenshot({ path: join(shots, 'library-undo.png') });
  await dash.getByRole('status').filter({ hasText: 'Deleted “Audit 7”.' }).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => row('Audit 7').count()).toBe(1);
  await expect.poll(async () => (await cell(row('Audit 7'), 'Steps')).textContent()).toBe(String(expected.find((r) => r.title === 'Audit 7')!.steps));
  expect(await hasImages()).toBe(true);

  await dash.getByRole('button', { name: 'Delete “Audit 7”…' }).click();
  await dash.getByRole('button', { name: 'Delete session' }).click();
  await expect.poll(() => row('Audit 7').count()).toBe(0);
  // The pixels wait in place (a delete copies nothing) for the 30 s undo window, then the
  // background purges them with the trash entry.
  await expect.poll(() => readStore(dash, 'trash').then((t) => t.length), { timeout: 60_000, interval: 1_000 }).toBe(0);
  expect(await hasImages()).toBe(false);
  await expect.poll(() => resultCount()).toBe('50 sessions');
});
