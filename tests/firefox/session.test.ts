import { beforeAll, expect, it } from 'vitest';
import { imageHashesInPage } from '../support/idb-reads';
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { byRole, firefoxAuditFixture, locationOf, readStore, waitForDownload, waitUntil, type FirefoxAudit, readImages } from './harness';
import { capture, startSession, stepCount } from './panel';

// Issue 13: what a consultant keeps in Firefox: a note and scores survive a reload of the
// sidebar page, the HTML report and the bundle download, and a bundle imports back identical.

const audit = firefoxAuditFixture();
let { shop, ext, shopPage, panel } = {} as FirefoxAudit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));

const NOTE = 'Delivery cost appears only at checkout.';

/** Every record of the audit tables, and a SHA-256 per image, read from IndexedDB. */
async function snapshot(page: Page) {
  const hashes = await page.evaluate(imageHashesInPage);
  const sort = (rows: any[]) => rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { sessions: sort(await readStore(page, 'sessions')), steps: sort(await readStore(page, 'steps')), screenshots: sort(await readStore(page, 'screenshots')), hashes };
}

const checked = (p: Page, pillar: string) =>
  p.evaluate((name) => {
    const group = [...document.querySelectorAll('[role="radiogroup"]')].find((g) => g.getAttribute('aria-label') === name);
    return group?.querySelector('[role="radio"][aria-checked="true"]')?.getAttribute('aria-label') ?? null;
  }, pillar);

it('keeps a note and scores typed in the sidebar page after it reloads', async () => {
  await startSession(panel, 'Firefox keeps it');
  await shopPage.goto(shop.url('cart.html'));
  await capture(panel);
  // After a capture the first pillar has the focus: a digit scores it and moves on to the next.
  await waitUntil(() => panel.evaluate(() => document.activeElement?.getAttribute('role') === 'radio'), 'the first pillar has the focus');
  await panel.keyboard.press('4');
  await panel.keyboard.press('2');
  const note = byRole(panel, 'textbox', 'Note for step 1');
  await note.click();
  await panel.keyboard.type(NOTE);
  await waitUntil(() => panel.evaluate(() => [...document.querySelectorAll('article *')].some((e) => e.textContent === 'Saved')), 'the note is saved');

  const url = await locationOf(panel);
  await panel.evaluate(() => location.reload());
  await waitUntil(async () => (await locationOf(panel)) === url && (await stepCount(panel)) === 1, 'the panel shows its step again');
  const [stored] = await readStore<any>(panel, 'steps');
  expect(stored.note).toBe(NOTE);
  expect([stored.scores['get-it-right'], stored.scores.communicate]).toEqual([4, 2]);
  // And on screen, once the step is open again.
  const box = byRole(panel, 'textbox', 'Note for step 1');
  await waitUntil(async () => {
    if (await panel.$('::-p-aria([name="Note for step 1"][role="textbox"])')) return true;
    await panel.evaluate(() => (document.querySelector('article .step-head') as HTMLElement | null)?.click());
    return false;
  }, 'step 1 is open');
  expect(await box.map((el) => (el as HTMLTextAreaElement).value).wait()).toBe(NOTE);
  expect(await checked(panel, 'Get it right')).toMatch(/^4( –|$)/);
  expect(await checked(panel, 'Communicate')).toMatch(/^2( –|$)/);
});

it('downloads an HTML report with the note and the screenshot inside', async () => {
  await byRole(panel, 'tab', 'Summary').click();
  await byRole(panel, 'button', 'HTML report').click();
  const html = readFileSync(await waitForDownload(ext.downloadDir, '.html'), 'utf8');
  expect(html).toContain('Firefox keeps it');
  expect(html).toContain(NOTE);
  expect(html).toMatch(/<img[^>]+src="data:image\/jpeg;base64,/);
  // A self-contained file that runs nothing.
  expect(html).toContain('http-equiv="Content-Security-Policy"');
  expect(html).not.toMatch(/<script/i);
});

it('exports a bundle, and imports it back identical after the session is deleted', async () => {
  await byRole(panel, 'button', 'Pause').click();
  await waitUntil(() => panel.evaluate(() => document.body.innerText.includes('Paused')), 'the session is paused');
  const before = await snapshot(panel);
  expect(Object.keys(before.hashes)).toHaveLength(2);
  await byRole(panel, 'tab', 'Summary').click();
  await byRole(panel, 'button', 'Bundle (.zip)').click();
  const bundle = await waitForDownload(ext.downloadDir, '.bundle.zip');

  await byRole(panel, 'button', 'Delete this session…').click();
  await byRole(panel, 'button', 'Confirm: delete this session and its screenshots').click();
  await byRole(panel, 'button', 'Start session').wait();
  // A delete moves only the records to the trash; the images go at the purge, once the 30 s undo
  // window has passed (so that deleting frees space instead of copying it).
  await waitUntil(async () => (await readImages(panel)).length === 0, 'the images are gone', 90_000);

  // The file field, found by its visible label (Firefox names the field's button "Browse…").
  const input = await panel.waitForSelector('::-p-xpath(//label[.//text()="Bundle file (.zip) exported by Mystery Shopper"]//input[@type="file"])');
  await (input as any).uploadFile(bundle);
  await waitUntil(() => panel.evaluate(() => document.body.innerText.includes('Imported 1 session with 1 step')), 'the import says what it brought');
  expect(await snapshot(panel)).toEqual(before);
});
