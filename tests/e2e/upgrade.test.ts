import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchExtension, removeProfile, stopServiceWorker, type Extension } from './harness';
import { writeDatabaseInPage } from '../support/dump-db.mjs';
import { startShop } from '../support/server.mjs';

// A profile written by an earlier version, opened by this build in real Chromium (the unit test
// covers every fixture in fake IndexedDB): the oldest records (0.1.0) and the worst v3 shape
// (662aee4: summaries without titles, no search texts). The library must list both audits by
// title, show their thumbnails, and find a step by the words of its note.

const FIXTURES = ['v1-3eb4ebe.json', 'v3-662aee4.json'];
const shop = await startShop();
afterAll(() => shop.close());

describe.each(FIXTURES)('a profile from %s', (file) => {
  const dump = JSON.parse(readFileSync(new URL(`../fixtures/db/${file}`, import.meta.url), 'utf8'));
  let ext: Extension;
  let dash: Page;

  beforeAll(async () => {
    ext = await launchExtension();
    const web = ext.context.pages()[0] ?? (await ext.context.newPage());
    await web.goto(shop.url('index.html'));
    // A page at the extension's origin that opens no database of its own.
    const origin = await ext.context.newPage();
    await origin.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    // Nothing may hold the database while the old one replaces it. The worker can still wake on
    // an event of its own (an alarm, a tab event) between the stop and the write: then either the
    // delete is blocked or the worker created today's empty database first, and the old one
    // cannot be written at its older version. Both are seen here, and the sequence is tried again.
    let written = false;
    for (let attempt = 1; attempt <= 5 && !written; attempt++) {
      await stopServiceWorker(ext, web);
      const deleted = await origin.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const req = indexedDB.deleteDatabase('mystery-shopper');
            req.onsuccess = () => resolve(true);
            req.onerror = () => resolve(false);
            req.onblocked = () => resolve(false);
          }),
      );
      if (!deleted) continue;
      written = await origin.evaluate(writeDatabaseInPage, { name: 'mystery-shopper', dump }).then(
        () => true,
        () => false,
      );
    }
    expect(written, 'the old database was written after the worker stopped').toBe(true);
    // The old version, or a later one if the woken worker already upgraded the old data (which is
    // what this build does on its own; the tests below read what the upgrade made of it).
    const [version] = await origin.evaluate(async () => (await indexedDB.databases()).map((d) => d.version));
    expect(version).toBeGreaterThanOrEqual(dump.idbVersion);
    await origin.close();
    dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#/`);
  });

  afterAll(async () => {
    await ext?.close();
    if (ext) removeProfile(ext.profileDir);
  });

  const titles = () => dash.getByRole('rowheader').getByRole('link').allTextContents();

  it('lists every audit by its title, with its thumbnail', async () => {
    await expect.poll(async () => (await titles()).sort()).toEqual(['Fixture audit A', 'Fixture audit B']);
    // Decorative (alt=""), so found by its place rather than a role.
    const thumbs = dash.locator('.library-thumb img');
    await expect.poll(() => thumbs.count()).toBe(2);
    for (const img of await thumbs.all()) await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  });

  it("finds an audit by a step's note", async () => {
    await dash.getByRole('searchbox', { name: 'Search sessions' }).fill('delivery cost');
    await expect.poll(titles).toEqual(['Fixture audit A']);
  });
});
