import { beforeAll, expect, it } from 'vitest';
import { imageHashesInPage } from '../support/idb-reads';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { auditFixture, readStore, type Audit, readImages } from './harness';
import { captureStep, scoreByKey, startSession, typeNote, waitForNoteSaved } from './panel';

// Issue 7: a bundle exported, the session deleted, the bundle imported: every record and every
// image comes back identical. A file that is not a bundle is refused and changes nothing.

const audit = auditFixture({ slowMs: 100 });
let { shop, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, shopPage, panel } = audit));
const dir = mkdtempSync(join(tmpdir(), 'ms-bundle-'));

/** Every record of the audit tables, and a SHA-256 per image, read from IndexedDB. */
async function snapshot(page: Page) {
  const hashes = await page.evaluate(imageHashesInPage);
  const sort = (rows: any[]) => rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return {
    sessions: sort(await readStore(page, 'sessions')),
    steps: sort(await readStore(page, 'steps')),
    screenshots: sort(await readStore(page, 'screenshots')),
    hashes,
  };
}

let before: Awaited<ReturnType<typeof snapshot>>;
let bundlePath: string;

it('exports a scored session as a bundle', async () => {
  await startSession(panel, { title: 'Bundle round trip', brand: 'Northwind Outfitters' });
  for (const [i, page] of ['index.html', 'cart.html'].entries()) {
    await shopPage.goto(shop.url(page));
    await captureStep(panel);
    await scoreByKey(panel, i + 1, 'Get it right', String(4 - i));
  }
  await typeNote(panel, 2, 'Delivery cost appears only here.');
  await waitForNoteSaved(panel, 2);
  await panel.getByRole('button', { name: 'Pause' }).click();
  await panel.getByText('Paused', { exact: true }).waitFor();
  before = await snapshot(panel);
  expect(Object.keys(before.hashes)).toHaveLength(4);

  await panel.getByRole('tab', { name: 'Summary' }).click();
  const [file] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Bundle (.zip)' }).click()]);
  bundlePath = join(dir, file.suggestedFilename());
  await file.saveAs(bundlePath);
  expect(bundlePath.endsWith('.bundle.zip')).toBe(true);
});

it('deletes the session, then imports the bundle: records and images are identical', async () => {
  await panel.getByRole('button', { name: 'Delete this session…' }).click();
  await panel.getByRole('button', { name: 'Confirm: delete this session and its screenshots' }).click();
  await panel.getByRole('button', { name: 'Start session' }).waitFor();
  expect(await readStore(panel, 'sessions')).toEqual([]);
  // The images wait in place for the 30 s undo window, then the purge frees them.
  await expect.poll(() => readImages(panel), { timeout: 60_000, interval: 1_000 }).toEqual([]);

  await panel.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(bundlePath);
  await panel.getByText(/^Imported 1 session with 2 steps/).waitFor();
  expect(await snapshot(panel)).toEqual(before);
});

it('refuses a file that is not a bundle and changes nothing', async () => {
  const bogus = join(dir, 'notes.zip');
  writeFileSync(bogus, 'this is not a zip file at all');
  const current = await snapshot(panel);
  await panel.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(bogus);
  await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/^“notes\.zip” was not imported, and nothing changed: /);
  expect(await snapshot(panel)).toEqual(current);
});
