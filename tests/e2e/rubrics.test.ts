import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchExtension, readStore, removeProfile, waitUntil, type Extension } from './harness';

// The rubric editor page: copy a template, edit it with the keyboard-accessible controls,
// refuse invalid input, save, export, import back and refuse a hostile file. The side panel's
// rubric list is checked through the store and a session started with the saved rubric.

let ext: Extension;
let page: Page;

beforeAll(async () => {
  ext = await launchExtension();
  page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/rubrics.html`);
  // The empty state appears once the saved-rubrics query answered, so the database exists.
  await page.getByText('No saved rubrics yet.').waitFor();
});
afterAll(async () => {
  await ext?.close();
  if (ext) removeProfile(ext.profileDir);
});

const pillar = (n: number) => page.getByRole('group', { name: `Pillar ${n}`, exact: true });
const saved = () => page.getByRole('region', { name: 'Saved rubrics' }).getByRole('listitem');
const rubrics = () => readStore<any>(page, 'rubrics');
const focusedId = () => page.evaluate(() => document.activeElement?.id);

describe('a team authors its own rubric', () => {
  it('copies "Brand promise", renames it and a pillar', async () => {
    await page.getByRole('button', { name: 'Copy Brand promise' }).click();
    const name = page.getByRole('textbox', { name: 'Rubric name' });
    await expect.poll(() => name.inputValue()).toBe('Brand promise (copy)');
    await name.fill('Acme promise');
    await pillar(1).getByRole('textbox', { name: 'Name' }).fill('Effortless checkout');
  });

  it('shows an inline error for a weight of 0 and stores nothing', async () => {
    const weight = pillar(2).getByRole('textbox', { name: 'Weight' });
    await weight.fill('0');
    const error = pillar(2).getByText('Must be greater than 0.');
    await error.waitFor();
    expect(await weight.getAttribute('aria-invalid')).toBe('true');
    expect(await weight.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));

    await page.getByRole('button', { name: 'Save rubric' }).click();
    await page.getByRole('heading', { name: /^Nothing was saved/ }).waitFor();
    await expect.poll(focusedId).toBe('rubric-problems');
    expect(await page.getByRole('link', { name: 'Pillar 2 weight: must be greater than 0' }).isVisible()).toBe(true);
    expect(await rubrics()).toEqual([]);

    await weight.fill('2');
    await error.waitFor({ state: 'detached' });
    expect(await weight.getAttribute('aria-invalid')).toBeNull();
  });

  it('adds a pillar and moves it up, keeping the keyboard on it', async () => {
    await page.getByRole('button', { name: 'Add pillar' }).click();
    await expect.poll(focusedId).toBe('f-pillars-3-name');
    await page.keyboard.type('Fast');
    await pillar(4).getByRole('button', { name: 'Move up' }).click();
    await expect.poll(() => pillar(3).getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Fast');
    expect(await pillar(4).getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Human');
    expect(await focusedId()).toBe('f-pillars-2-up');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Moved Fast to position 3 of 4.' }).count()).toBe(1);
  });

  it('saves: listed, and stored with the pillar order and weights', async () => {
    await page.getByRole('button', { name: 'Save rubric' }).click();
    await saved().filter({ hasText: 'Acme promise' }).waitFor();
    await page.getByText('Saved “Acme promise”.').waitFor();
    const [stored] = await rubrics();
    expect(stored.name).toBe('Acme promise');
    expect(stored.pillars.map((p: any) => [p.name, p.weight])).toEqual([
      ['Effortless checkout', 1],
      ['Transparent', 2],
      ['Fast', 1],
      ['Human', 1],
    ]);
    expect(stored.scale.max).toBe(5);
    expect(stored.id).not.toBe('tpl-brand-promise');
  });

  let exported = '';
  it('exports it as a JSON file and imports it back as a second copy', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Acme promise' }).click()]);
    expect(download.suggestedFilename()).toBe('acme-promise.rubric.json');
    exported = (await download.path())!;
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    expect(file).toMatchObject({ format: 'mystery-shopper-rubric', version: 1, rubric: { name: 'Acme promise' } });

    await page.getByLabel(/^Import rubric/).setInputFiles(exported);
    await waitUntil(async () => (await rubrics()).length === 2, 'the imported copy is stored');
    const [original, copy] = (await rubrics()).sort((a, b) => a.updatedAt - b.updatedAt);
    expect(copy.id).not.toBe(original.id);
    expect(copy.name).toBe('Acme promise (imported)');
    expect(copy.pillars).toEqual(original.pillars);
    await saved().filter({ hasText: 'Acme promise (imported)' }).waitFor();
  });

  it('refuses hostile files with a message that says what and where, and changes nothing', async () => {
    const before = await rubrics();
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    file.rubric.pillars[3].weight = 0;
    await page.getByLabel(/^Import rubric/).setInputFiles({ name: 'zero.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole('alert').filter({ hasText: '“zero.json” was not imported: pillars.3.weight: must be greater than 0.' }).waitFor();

    const proto = readFileSync(exported, 'utf8').replace('"format"', '"__proto__": { "polluted": true }, "format"');
    await page.getByLabel(/^Import rubric/).setInputFiles({ name: 'proto.json', mimeType: 'application/json', buffer: Buffer.from(proto) });
    await page.getByRole('alert').filter({ hasText: '“proto.json” was not imported: file: the key "__proto__" is not allowed.' }).waitFor();

    await page.getByLabel(/^Import rubric/).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByRole('alert').filter({ hasText: 'the file is not JSON' }).waitFor();
    expect(await rubrics()).toEqual(before);
  });

  it('a session started with it keeps its copy after the rubric is deleted', async () => {
    const [acme] = (await rubrics()).filter((r) => r.name === 'Acme promise');
    // What the side panel's Start session sends, once App.tsx offers saved rubrics.
    const reply = await page.evaluate(
      (rubricId) =>
        chrome.runtime.sendMessage({
          channel: 'mystery-shopper',
          name: 'session.start',
          payload: { title: 'Acme audit', brand: 'Acme', startUrl: '', promise: '', rubricId, environment: { userAgent: 'ua', browser: 'b', viewport: null, devicePixelRatio: null } },
        }),
      acme.id,
    );
    expect(reply.ok).toBe(true);

    await page.getByRole('button', { name: 'Delete Acme promise', exact: true }).click();
    await page.getByRole('button', { name: 'Confirm: delete Acme promise' }).click();
    await waitUntil(async () => (await rubrics()).length === 1, 'the rubric is deleted');
    const [session] = await readStore<any>(page, 'sessions');
    const { updatedAt: _u, ...snapshot } = acme;
    expect(session.rubric).toEqual(snapshot);
  });
});
