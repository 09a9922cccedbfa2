import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, runCommand, tabIdOf, type Audit, readImages } from './harness';
import { startSession, steps } from './panel';
import { column, near } from './pixels';
import { startShop } from '../support/server.mjs';
import { HEADER_RGB, MARKER_RGB, innerScrollPage, longPage, modernColoursPage } from '../support/fullpage-pages.mjs';

// Issue 5: a consultant captures a whole page, not just what fits on screen.

// The cross-origin image comes from a second server: another origin, no CORS headers.
const other = await startShop({});
afterAll(() => other.close());
const VIEWPORTS = 7;
// The test build, for the keyboard command's test.
const audit = auditFixture({
  build: 'e2e',
  extraPages: {
    '/long.html': longPage(VIEWPORTS),
    '/very-long.html': longPage(24),
    '/inner.html': innerScrollPage(),
    '/modern.html': modernColoursPage(other.url('img/logo.svg')),
  },
});
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));
beforeAll(async () => {
  await startSession(panel, { title: 'Full pages' });
});

const button = (name: string) => panel.getByRole('group', { name: 'More ways to capture' }).getByRole('button', { name });

async function captureWith(name: string, count: number) {
  await button(name).click();
  // A DOM render of a 2,000-node page takes seconds on a loaded machine.
  await expect.poll(() => steps(panel).count(), { timeout: 60_000 }).toBe(count);
  await expect.poll(async () => (await readStore(panel, 'screenshots')).length).toBe(count);
  const shots = await readStore<any>(panel, 'screenshots');
  return shots.sort((a, b) => a.createdAt - b.createdAt).at(-1);
}

it('stitches a long page: the sticky header appears once, the height is the page height, the scroll position comes back', async () => {
  await shopPage.goto(shop.url('long.html'));
  await shopPage.evaluate(() => window.scrollTo({ top: 1234, behavior: 'instant' }));
  const { pageHeight, dpr } = await shopPage.evaluate(() => ({ pageHeight: document.documentElement.scrollHeight, dpr: devicePixelRatio }));
  expect(pageHeight).toBeGreaterThanOrEqual(6 * 800);

  const shot = await captureWith('Full page', 1);
  expect(shot.kind).toBe('full-page');
  expect(shot.part).toBeNull();
  expect(Math.abs(shot.height - pageHeight * dpr)).toBeLessThanOrEqual(1);

  const rows = await column(panel, shot.id, 400);
  const headerRows = rows.flatMap((rgb, y) => (near(rgb, HEADER_RGB) ? [y] : []));
  // 60 CSS px tall, at the very top, and nowhere else (JPEG may blur one edge row).
  expect(headerRows.length).toBeGreaterThanOrEqual(60 * dpr - 2);
  expect(headerRows.length).toBeLessThanOrEqual(60 * dpr + 1);
  expect(headerRows[0]).toBe(0);
  expect(headerRows.at(-1)).toBeLessThan(61 * dpr);

  expect(await shopPage.evaluate(() => window.scrollY)).toBe(1234);
  // The page's own smooth scrolling and its sticky header are as they were.
  expect(await shopPage.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
  expect(await shopPage.evaluate(() => getComputedStyle(document.querySelector('header')!).visibility)).toBe('visible');
});

it('renders the DOM of a page whose content scrolls inside a box, down to the bottom of the box', async () => {
  await shopPage.goto(shop.url('inner.html'));
  const inner = await shopPage.evaluate(() => document.querySelector('.scroller')!.scrollHeight);
  const shot = await captureWith('Full page', 2);
  expect(shot.kind).toBe('dom');
  expect(shot.height).toBeGreaterThanOrEqual(inner * shot.devicePixelRatio - 1);
  // The green marker is the last thing in the scroller, far below what the screen shows.
  const rows = await column(panel, shot.id, 20);
  expect(rows.slice(-60 * shot.devicePixelRatio).every((rgb) => near(rgb, MARKER_RGB))).toBe(true);
});

it('renders a page coloured with oklch() and lab() and a cross-origin image without an error', async () => {
  await shopPage.goto(shop.url('modern.html'));
  const shot = await captureWith('Render page', 3);
  expect(shot.kind).toBe('dom');
  expect(await panel.getByRole('alert').textContent()).toBe('');
  // The header's oklch() blue is drawn, not left transparent or black.
  const [r, g, b] = (await column(panel, shot.id, 600))[Math.round(30 * shot.devicePixelRatio)]!;
  expect(b).toBeGreaterThan(150);
  expect(r).toBeLessThan(120);
  expect(g).toBeLessThan(140);
});

it('cancels mid-way: no step, no screenshot, and the page as it was', async () => {
  await shopPage.goto(shop.url('very-long.html'));
  await shopPage.evaluate(() => window.scrollTo({ top: 777, behavior: 'instant' }));
  // The thumbnails of earlier captures are made after their reply: let them land before counting.
  await expect.poll(async () => (await readStore<any>(panel, 'screenshots')).every((s) => s.thumbBytes > 0), { timeout: 30_000 }).toBe(true);
  const before = { steps: (await readStore(panel, 'steps')).length, shots: (await readStore(panel, 'screenshots')).length, images: (await readImages(panel)).length };
  await button('Full page').click();
  const status = panel.getByRole('status').filter({ hasText: /^Full page: viewport \d+ of \d+$/ });
  await expect.poll(async () => Number(/viewport (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(3);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await button('Full page').waitFor();
  expect(await panel.getByRole('alert').textContent()).toBe('');
  expect((await readStore(panel, 'steps')).length).toBe(before.steps);
  expect((await readStore(panel, 'screenshots')).length).toBe(before.shots);
  expect((await readImages(panel)).length).toBe(before.images);
  await expect.poll(() => shopPage.evaluate(() => window.scrollY)).toBe(777);
  expect(await shopPage.evaluate(() => getComputedStyle(document.querySelector('header')!).visibility)).toBe('visible');
});

it('captures the whole page from its keyboard command too', async () => {
  await shopPage.goto(shop.url('long.html'));
  const before = (await readStore(panel, 'steps')).length;
  const tabId = await tabIdOf(ext, shopPage);
  await runCommand(ext, 'capture-full-page', tabId);
  await expect.poll(async () => (await readStore(panel, 'steps')).length).toBe(before + 1);
  const newest = (await readStore<any>(panel, 'screenshots')).sort((a, b) => b.createdAt - a.createdAt)[0];
  expect(newest.kind).toBe('full-page');
  expect(newest.height).toBeGreaterThanOrEqual(VIEWPORTS * 800 - 1);
});
