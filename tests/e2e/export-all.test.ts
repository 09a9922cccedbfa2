import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startShop } from '../support/server.mjs';
import { launchExtension, openPanel, readStore, removeProfile, type Extension, readImages } from './harness';
import { captureStep, startSession } from './panel';

// Moving to the store build: its new extension id has storage of its own, so a consultant exports
// every session from the unpacked copy in one click and imports them in the other in one more.

let shop: Awaited<ReturnType<typeof startShop>>;
let from: Extension;
let to: Extension;

beforeAll(async () => {
  shop = await startShop({ slowMs: 100 });
  [from, to] = await Promise.all([launchExtension(), launchExtension()]);
});

afterAll(async () => {
  for (const ext of [from, to]) {
    await ext?.close();
    if (ext) removeProfile(ext.profileDir);
  }
  await shop?.close();
});

async function recordSession(panel: Page, shopPage: Page, title: string, page: string) {
  await startSession(panel, { title, brand: 'Northwind Outfitters' });
  await shopPage.goto(shop.url(page));
  await captureStep(panel);
  await panel.getByRole('button', { name: 'Pause' }).click();
  await panel.getByRole('button', { name: 'New session' }).click();
}

describe('Export all and Import all', () => {
  it('moves every session, with its steps and screenshots, into a fresh profile', async () => {
    const shopPage = from.context.pages()[0] ?? (await from.context.newPage());
    await shopPage.goto(shop.url('index.html'));
    const panel = await openPanel(from, shopPage);
    await recordSession(panel, shopPage, 'Checkout audit', 'product.html');
    await recordSession(panel, shopPage, 'Returns audit', 'help.html');

    // One click on the start screen: one bundle with both.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export all sessions' }).click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'ms-export-all-')), download.suggestedFilename());
    await download.saveAs(path);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Exported 2 sessions in one bundle.' }).count()).toBe(1);

    // One more in the other copy's dashboard.
    const dashboard = await to.context.newPage();
    await dashboard.goto(`chrome-extension://${to.extensionId}/dashboard.html#/`);
    await dashboard.getByRole('heading', { name: 'No sessions yet' }).waitFor();
    await dashboard.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(path);
    await dashboard.getByText('Imported 2 sessions with 2 steps').waitFor({ timeout: 60_000 });

    const titles = (rows: Array<{ title: string }>) => rows.map((s) => s.title).sort();
    const original = await readStore<{ title: string }>(panel, 'sessions');
    const moved = await readStore<{ title: string; status: string }>(dashboard, 'sessions');
    expect(titles(moved)).toEqual(['Checkout audit', 'Returns audit']);
    expect(titles(moved)).toEqual(titles(original));
    expect(moved.every((s) => s.status === 'paused')).toBe(true);
    expect(await readStore(dashboard, 'steps')).toHaveLength(2);
    // Both images of each screenshot (full and thumbnail) came along.
    expect(await readImages(dashboard)).toHaveLength((await readImages(panel)).length);
    // The library shows them without a reload.
    await dashboard.getByRole('link', { name: 'Returns audit' }).waitFor();
  });
});
