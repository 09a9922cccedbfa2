import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, stopServiceWorker, type Audit } from './harness';
import { captureStep, startSession, steps } from './panel';
import { column, near } from './pixels';
import { HEADER_RGB, longPage, shadowHeaderPage } from '../support/fullpage-pages.mjs';

// Issue 12: a full-page capture at the edges. The worker may be stopped in the middle of one, and
// the page must come back as the shopper left it; a header inside a web component's shadow root
// must appear once, not on every screen.

const audit = auditFixture({ extraPages: { '/very-long.html': longPage(24), '/shadow.html': shadowHeaderPage(4) } });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));
beforeAll(async () => {
  await startSession(panel, { title: 'Full pages at the edges' });
});

const fullPage = () => panel.getByRole('group', { name: 'More ways to capture' }).getByRole('button', { name: 'Full page' });
const visibility = (selector: string) => shopPage.evaluate((s) => getComputedStyle(document.querySelector(s)!).visibility, selector);

async function newestShot() {
  const shots = await readStore<any>(panel, 'screenshots');
  return shots.sort((a, b) => a.createdAt - b.createdAt).at(-1);
}

/** Device rows of a stored screenshot (column x = 400) showing the magenta header. */
async function headerRows(shot: { id: string }) {
  return (await column(panel, shot.id, 400)).flatMap((rgb, y) => (near(rgb, HEADER_RGB) ? [y] : []));
}

it('hides a fixed header that lives in a shadow root, so it appears once at the top of a full page', async () => {
  await shopPage.goto(shop.url('shadow.html'));
  const count = await steps(panel).count();
  await fullPage().click();
  await expect.poll(() => steps(panel).count()).toBe(count + 1);
  await expect.poll(async () => (await newestShot())?.kind).toBe('full-page');
  const shot = await newestShot();
  const rows = await headerRows(shot);
  const dpr = shot.devicePixelRatio;
  // 60 CSS px at the very top and nowhere else (not again at 800, 1,600, 2,400).
  expect(rows[0]).toBe(0);
  expect(rows.at(-1)).toBeLessThan(61 * dpr);
  expect(rows.length).toBeLessThanOrEqual(60 * dpr + 1);
  // And the page shows its header again afterwards.
  expect(await shopPage.evaluate(() => getComputedStyle(document.querySelector('shop-app')!.shadowRoot!.querySelector('header')!).visibility)).toBe('visible');
});

it('puts the page back by itself when the worker is stopped mid full-page capture', async () => {
  await shopPage.goto(shop.url('very-long.html'));
  await shopPage.evaluate(() => window.scrollTo({ top: 777, behavior: 'instant' }));
  const before = (await readStore(panel, 'steps')).length;
  await fullPage().click();
  const status = panel.getByRole('status').filter({ hasText: /^Full page: viewport \d+ of \d+$/ });
  await expect.poll(async () => Number(/viewport (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(3);
  // From the second viewport on the capture has hidden the header and the chat button.
  expect(await visibility('header')).toBe('hidden');

  await stopServiceWorker(ext, shopPage);

  // Nobody tells the page: it notices the worker is gone and undoes what the capture changed.
  await expect.poll(() => shopPage.evaluate(() => window.scrollY)).toBe(777);
  await expect.poll(() => visibility('header')).toBe('visible');
  expect(await visibility('.chat')).toBe('visible');
  expect(await shopPage.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
  expect((await readStore(panel, 'steps')).length).toBe(before);

  // The next ordinary capture shows the sticky header at the top of the screen.
  await panel.reload();
  await panel.getByRole('region', { name: 'Current session' }).waitFor();
  await captureStep(panel);
  const shot = await newestShot();
  expect(shot.kind).toBe('visible');
  const rows = await headerRows(shot);
  expect(rows[0]).toBe(0);
  expect(rows.length).toBeGreaterThanOrEqual(60 * shot.devicePixelRatio - 2);
});
