import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readStore, waitUntil } from './harness';
import { buildBundle, type BundleData } from '@/lib/bundle/export';
import { seedRecords, type SeedOptions } from './seed-records';

export { seedRecords, type SeedOptions } from './seed-records';

// Many sessions for the dashboard tests, put in the way a user would: a bundle file imported
// through the side panel, so every record passes the real background's checks.

/** Real JPEGs (the library shows thumbnails), one colour per session, made by the browser itself. */
async function jpegs(page: Page, colours: string[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const colour of colours) {
    await page.setContent(`<body style="margin:0;background:${colour}"></body>`);
    out.push(new Uint8Array(await page.screenshot({ type: 'jpeg', quality: 80, clip: { x: 0, y: 0, width: 64, height: 40 } })));
  }
  return out;
}

/**
 * Writes the seed as a bundle in `dir` and imports it through the panel's "Import a bundle"
 * (the panel must be on its start screen). Returns the records, for the tests' expectations.
 */
export async function seedThroughPanel(panel: Page, dir: string, options: SeedOptions): Promise<BundleData> {
  const scratch = await panel.context().newPage();
  const colours = await jpegs(scratch, ['#1570ef', '#12b76a', '#f79009', '#d92d20', '#7a5af8']);
  await scratch.close();
  await panel.bringToFront();
  const data = seedRecords(options, (i) => colours[i % colours.length]!);
  const path = join(dir, `seed-${options.sessions}.bundle.zip`);
  writeFileSync(path, await buildBundle(data, { appVersion: '0.1.0', now: Date.now() }));
  await panel.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(path);
  // The panel then shows the newest imported session; the records are what tell it is done.
  await waitUntil(async () => (await readStore(panel, 'sessions')).length >= options.sessions, `${options.sessions} sessions imported`, 60_000);
  return data;
}
