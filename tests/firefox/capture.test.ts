import { beforeAll, expect, it } from 'vitest';
import { imageColumnInPage } from '../support/idb-reads';
import type { Page } from 'puppeteer-core';
import { byRole, firefoxAuditFixture, readStore, type FirefoxAudit, readImages } from './harness';
import { capture, startSession, stepCount } from './panel';
import { MARKER_RGB, innerScrollPage, longPage, modernColoursPage } from '../support/fullpage-pages.mjs';

// Issue 13: the capture modes in Firefox, in the add-on as built for it (.output/firefox-mv2):
// the sidebar page starts a session, and the visible page, the whole page (scrolled and stitched,
// or drawn from its DOM) and a DOM render of a page coloured with oklch() are saved as steps.

const audit = firefoxAuditFixture({
  extraPages: {
    '/long.html': longPage(4),
    '/very-long.html': longPage(24),
    '/inner.html': innerScrollPage(),
    // The cross-origin image is the shop's own logo here: the colours are what this file checks.
    '/modern.html': modernColoursPage('/img/logo.svg'),
  },
});
let { shop, shopPage, panel } = {} as FirefoxAudit;
beforeAll(() => void ({ shop, shopPage, panel } = audit));

async function newestShot(): Promise<any> {
  return (await readStore<any>(panel, 'screenshots')).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** One column of the stored image's pixels, top to bottom, as [r, g, b]. */
function column(p: Page, screenshotId: string, x: number): Promise<number[][]> {
  return p.evaluate(imageColumnInPage, { id: screenshotId, x });
}

const moreWays = (name: string) => byRole(panel, 'button', name);
const alertText = () => panel.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');

it('starts a session in the sidebar page and captures the visible page', async () => {
  await startSession(panel, 'Firefox audit');
  await capture(panel);
  const [stepRow] = await readStore<any>(panel, 'steps');
  expect(stepRow.url).toBe(shop.url('index.html'));
  const shot = await newestShot();
  expect(shot.kind).toBe('visible');
  // The visible page at the window's size, not a blank or a thumbnail.
  expect(shot.width).toBeGreaterThanOrEqual(1000);
  // The full image is committed with the step; its thumbnail follows in a second transaction.
  await expect.poll(async () => (await readImages(panel)).length, { timeout: 30_000 }).toBe(2);
  // In Firefox too the images live as files in the origin-private file system (issue 12), not as
  // IndexedDB rows: the safety net beside the database holds them.
  expect((await readImages(panel)).map((image) => image.where)).toEqual(['file', 'file']);
});

it('captures a long page whole, scrolled and stitched', async () => {
  await shopPage.goto(shop.url('long.html'));
  await moreWays('Full page').click();
  await expect.poll(() => stepCount(panel), { timeout: 60_000 }).toBe(2);
  const shot = await newestShot();
  expect(shot.kind).toBe('full-page');
  // Four screens of 800 CSS px (the last one cropped), at the window's device pixel ratio.
  expect(shot.height).toBeGreaterThan(3 * 800 * shot.devicePixelRatio);
  expect(await alertText()).toBe('');
});

it('shows progress during a full-page capture, and Cancel saves nothing', async () => {
  await shopPage.goto(shop.url('very-long.html'));
  const before = (await readImages(panel)).length;
  await moreWays('Full page').click();
  const shown = () => panel.evaluate(() => /^Full page: viewport (\d+) of \d+$/.exec([...document.querySelectorAll('[role="status"]')].map((e) => e.textContent ?? '').find((t) => t.startsWith('Full page:')) ?? '')?.[1] ?? '0').then(Number);
  await expect.poll(shown, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await byRole(panel, 'button', 'Cancel').click();
  await moreWays('Full page').wait();
  expect(await alertText()).toBe('');
  expect(await stepCount(panel)).toBe(2);
  expect((await readImages(panel)).length).toBe(before);
});

it('draws an app page whose window does not scroll from its DOM, down to the bottom of its scroller', async () => {
  await shopPage.goto(shop.url('inner.html'));
  await moreWays('Full page').click();
  await expect.poll(() => stepCount(panel), { timeout: 60_000 }).toBe(3);
  expect(await alertText()).toBe('');
  const shot = await newestShot();
  expect(shot.kind).toBe('dom');
  // The green marker sits below 120 messages: only a render of the whole scroller reaches it.
  const pixels = await column(panel, shot.id, 20);
  const green = pixels.filter(([r, g, b]) => Math.abs(r! - MARKER_RGB[0]!) < 30 && Math.abs(g! - MARKER_RGB[1]!) < 30 && Math.abs(b! - MARKER_RGB[2]!) < 30);
  expect(green.length).toBeGreaterThan(40);
});

it('renders a page coloured with oklch() and lab() (Render page)', async () => {
  await shopPage.goto(shop.url('modern.html'));
  await moreWays('Render page').click();
  await expect.poll(() => stepCount(panel), { timeout: 60_000 }).toBe(4);
  expect(await alertText()).toBe('');
  const shot = await newestShot();
  expect(shot.kind).toBe('dom');
  // The header's oklch() blue is drawn, not left transparent or black.
  const [r, g, b] = (await column(panel, shot.id, 600))[Math.round(30 * shot.devicePixelRatio)]!;
  expect(b).toBeGreaterThan(150);
  expect(r).toBeLessThan(120);
  expect(g).toBeLessThan(140);
  // The page is left as it was: no mark of ours stays in its DOM.
  expect(await shopPage.evaluate(() => document.querySelector('[data-mystery-shopper-scroller]'))).toBeNull();
});
