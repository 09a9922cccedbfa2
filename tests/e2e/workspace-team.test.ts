import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { auditFixture, readStore, waitUntil } from './harness';
import { seriousViolationsInBothSchemes, summary } from './a11y';
import { seedRecords, seedThroughPanel } from './seed';
import { connect, dashboard, publishedOnDisk } from './workspace-ui';
import { startWebdav } from '../support/webdav.mjs';
import { imageHashesInPage } from '../support/idb-reads';
import { parseCsv } from '../support/csv';
import type { BundleData } from '@/lib/bundle/export';
import { basicAuth } from '@/lib/workspace/config';
import { writeMember } from '@/lib/workspace/connect';
import { DavClient } from '@/lib/workspace/dav';
import { fetchHttp } from '@/lib/workspace/http';
import { publishSession } from '@/lib/workspace/publish';
import { publishDataOf } from '@/lib/workspace/source';
import { SEVERITY_LABELS } from '@/lib/vocabulary';

// Issue 14, the team's side: Alice publishes two sessions with the real lib (Node, straight to
// Apache); Bob, in the browser, sees them beside his own, lists their friction, exports it as CSV,
// opens one (read-only) and makes a copy of it that is his to edit. Each workspace page is also
// checked (axe, contrast) in light and dark; MS_SHOTS=<dir> keeps the screenshots.

const bob = auditFixture({ slowMs: 100 });
let server: Awaited<ReturnType<typeof startWebdav>>;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ms-ws-team-'));
const folder = () => join(server.dir, 'team');

// Friction (0–4), notes and tags of Alice's steps; notes with quotes, a comma, a semicolon and a
// leading "=" to see the CSV quote and neutralise them as every CSV of the app does.
const SEVERITY = [[4, 1, 3, 0], [3, 4, 2]];
const NOTES = [['Price "jumped", twice', 'Fine', '=SUM(A1) looks like a formula', 'OK'], ['Cookie wall', 'Hidden fee; at the end', 'Meh']];
const TAGS = [[['dark pattern', 'price'], [], ['slow'], []], [['dark pattern'], ['price'], []]];
let alice: BundleData;

beforeAll(async () => {
  server = await startWebdav({ users: { alice: 'alice-pass', bob: 'bob-pass' }, folders: ['team'] });
  const scratch = await bob.ext.context.newPage();
  await scratch.setContent('<body style="margin:0;background:#d92d20"></body>');
  const jpeg = new Uint8Array(await scratch.screenshot({ type: 'jpeg', quality: 80, clip: { x: 0, y: 0, width: 64, height: 40 } }));
  await scratch.close();
  alice = seedRecords(
    {
      sessions: 2, stepsPerSession: (i) => SEVERITY[i]!.length, title: (i) => `Alice audit ${i + 1}`, brand: () => 'Northwind', status: () => 'paused',
      idPrefix: 'alice', distinctImages: true, step: (i, p) => ({ severity: SEVERITY[i]![p]!, note: NOTES[i]![p]!, tags: TAGS[i]![p]! }),
    },
    () => jpeg,
  );
  const dav = new DavClient({ folderUrl: `${server.origin}/team/`, authorization: basicAuth('alice', 'alice-pass'), http: fetchHttp() });
  await writeMember(dav, 'alice-id', 'Alice');
  for (const session of alice.sessions) {
    const shots = alice.screenshots.filter((s) => s.sessionId === session.id);
    const data = { sessions: [session], steps: alice.steps.filter((s) => s.sessionId === session.id), screenshots: shots, images: alice.images.filter((i) => shots.some((s) => s.id === i.screenshotId)) };
    await publishSession({ dav, now: () => Date.now(), wait: (ms) => new Promise((r) => setTimeout(r, ms)), appVersion: '0.1.0' }, await publishDataOf(data), { memberId: 'alice-id', memberName: 'Alice' });
  }
  await seedThroughPanel(bob.panel, dir, { sessions: 1, stepsPerSession: () => 2, title: () => 'Bob audit', brand: () => 'Northwind', idPrefix: 'bob', status: () => 'paused' });
  page = await dashboard(bob);
  await connect(page, server.origin, 'bob', 'bob-pass', 'Bob');
  await page.getByRole('button', { name: 'Refresh team library' }).click();
  await waitUntil(async () => ((await page.locator('.workspace-note').textContent()) ?? '').includes('up to date'), 'the team library was pulled', 60_000);
}, 240_000);
afterAll(async () => {
  await server?.stop();
});

const titles = () => page.locator('table .col-title a').allTextContents();

it('the team library shows Alice’s sessions beside Bob’s, with the Show filter, readable in light and dark', async () => {
  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect.poll(async () => (await titles()).sort(), { timeout: 30_000 }).toEqual(['Alice audit 1', 'Alice audit 2', 'Bob audit']);
  await page.getByRole('group', { name: 'Show' }).getByLabel('Team').check();
  await expect.poll(async () => (await titles()).sort()).toEqual(['Alice audit 1', 'Alice audit 2']);
  await page.getByRole('group', { name: 'Show' }).getByLabel('All').check();
  expect(summary(await seriousViolationsInBothSchemes(page, 'workspace team library'))).toEqual([]);
});

it('the first-publish preview is readable in light and dark', async () => {
  await page.getByLabel('Select “Bob audit”').check();
  await page.getByRole('button', { name: /^Publish to team/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share with the team?' });
  await dialog.waitFor();
  // The dialog reads the sessions' steps after it opens: wait for what it says, not its first frame.
  await expect.poll(() => dialog.textContent()).toContain('2 steps, 2 screenshots');
  // Each step's screenshot as it will be shared, its pixels loaded (not a placeholder).
  for (const n of [1, 2]) {
    const thumb = dialog.locator(`img[alt="Screenshot of step ${n}"]`);
    await waitUntil(async () => (await thumb.count()) === 1 && (await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)), `step ${n}'s thumbnail shows`, 30_000);
  }
  expect(summary(await seriousViolationsInBothSchemes(page, 'workspace publish dialog'))).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });

  // Redact first: each step links to itself in the review view; nothing is published on the way.
  await page.getByRole('button', { name: /^Publish to team/ }).click();
  await dialog.getByRole('link', { name: 'Review step 2 of “Bob audit” to redact or edit it' }).click();
  await dialog.waitFor({ state: 'detached' });
  const bobSession = (await readStore<{ id: string; title: string }>(page, 'sessions')).find((s) => s.title === 'Bob audit')!;
  const step2 = (await readStore<{ id: string; sessionId: string; position: number }>(page, 'steps')).filter((s) => s.sessionId === bobSession.id).sort((a, b) => a.position - b.position)[1]!;
  await waitUntil(async () => new URL(page.url()).hash === `#/session/${bobSession.id}/${step2.id}`, 'the review view of step 2 opened', 30_000);
  expect(await readStore(page, 'workspaceJobs')).toEqual([]);
  await page.getByRole('link', { name: 'Sessions' }).click();
  await page.getByLabel('Select “Bob audit”').waitFor();
  if (await page.getByLabel('Select “Bob audit”').isChecked()) await page.getByLabel('Select “Bob audit”').uncheck();
});

/** Alice's steps with friction ≥ min, in the view's order (worst first, then title, then position). */
function expectedRows(min: number, sessions = [0, 1]) {
  const rows = alice.steps
    .map((step) => ({ step, i: alice.sessions.findIndex((s) => s.id === step.sessionId) }))
    .filter(({ step, i }) => sessions.includes(i) && step.severity! >= min)
    .map(({ step, i }) => {
      const session = alice.sessions[i]!;
      return { session, step, stage: session.stages.find((s) => s.id === step.stageId)!.name };
    });
  return rows.sort((a, b) => b.step.severity! - a.step.severity! || a.session.title.localeCompare(b.session.title) || a.step.position - b.step.position);
}

it('Friction across the team lists every step at or above the chosen friction, and its CSV has the same rows', async () => {
  await page.getByRole('link', { name: 'Team friction' }).click();
  const list = page.getByRole('list', { name: 'Steps with friction' });
  const items = list.getByRole('listitem');
  await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(expectedRows(3).length);
  // Thumbnails are not in the rows: each is fetched from the workspace when the list shows it, then drawn.
  const drawn = () => items.evaluateAll((lis) => lis.every((li) => { const img = li.querySelector('img'); return !!img && img.complete && img.naturalWidth > 0; }));
  await waitUntil(drawn, 'every listed step’s thumbnail is fetched and drawn', 60_000);
  const shown = await items.evaluateAll((lis) =>
    lis.map((li) => ({ text: li.textContent ?? '', thumb: li.querySelector('img')?.getAttribute('src') ?? '', href: li.querySelector('a')?.getAttribute('href') ?? '' })),
  );
  for (const [n, { session, step, stage }] of expectedRows(3).entries()) {
    const item = shown[n]!;
    expect(item.text).toContain(`${SEVERITY_LABELS[step.severity!]} (${step.severity}) — step ${step.position + 1} of ${session.title} by Alice`);
    expect(item.text).toContain(stage);
    expect(item.text).toContain(step.note);
    if (step.tags.length) expect(item.text).toContain(step.tags.join(', '));
    expect(item.thumb).toMatch(/^blob:chrome-extension:/);
    expect(item.href).toBe(`#/session/${session.id}/${step.id}`);
  }
  expect(summary(await seriousViolationsInBothSchemes(page, 'workspace team friction'))).toEqual([]);

  // Only the sessions chosen, and only what is at least as bad as asked.
  await page.getByRole('checkbox', { name: /Alice audit 2/ }).uncheck();
  await expect.poll(() => items.count()).toBe(expectedRows(3, [0]).length);
  await page.getByRole('checkbox', { name: /Alice audit 2/ }).check();
  await page.getByLabel('Friction at least').selectOption('4');
  await expect.poll(() => items.count()).toBe(expectedRows(4).length);
  await page.getByRole('status').filter({ hasText: 'with friction 4 or worse' }).waitFor();
  await page.getByLabel('Friction at least').selectOption('3');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('team-friction.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  // BOM, quoted cells with "" inside, CRLF between rows (RFC 4180), as the app's other CSV files.
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(['Session', 'Brand', 'Author', 'Step', 'Stage', 'Page title', 'URL', 'Severity', 'Severity label', 'Tags', 'Note']);
  expect(rows).toEqual(
    expectedRows(3).map(({ session, step, stage }) => [
      session.title, 'Northwind', 'Alice', String(step.position + 1), stage, step.pageTitle, step.url, String(step.severity), SEVERITY_LABELS[step.severity!],
      step.tags.join('; '), step.note.startsWith('=') ? `'${step.note}` : step.note,
    ]),
  );
  // Text cells quoted, numbers bare, as the app's other CSV files.
  const first = expectedRows(3)[0]!;
  expect(text.split('\r\n')[1]).toMatch(new RegExp(`^"${first.session.title}","Northwind","Alice",${first.step.position + 1},"`));
  expect(text).toContain('"Price ""jumped"", twice"');
});

it('a team session opens read-only from the friction view; Make a copy gives Bob his own, editable, with the same steps and images; Alice’s stays as it was', async () => {
  const original = alice.sessions[0]!;
  const serverBefore = { files: readdirSync(join(folder(), 'mystery-shopper', 'sessions', original.id)).sort(), published: publishedOnDisk(folder(), original.id) };
  // The link of its third step: the session opens (downloaded once) at that step, unfolded and focused.
  const linked = alice.steps.find((s) => s.sessionId === original.id && s.position === 2)!;
  await page.locator(`a[href="#/session/${original.id}/${linked.id}"]`).click();
  await page.getByRole('heading', { name: 'Alice audit 1' }).waitFor({ timeout: 60_000 });
  await page.getByText('Alice’s session').waitFor();
  await expect.poll(() => page.evaluate((id) => !!document.getElementById(id)?.contains(document.activeElement), `step-${linked.id}`)).toBe(true);
  expect(await page.locator(`#step-${linked.id}`).getAttribute('class')).toContain('is-expanded');
  // Read-only: no editing tools, each step offers its details only, and the background refuses writes.
  expect(await page.getByRole('button', { name: 'Add a text-only step' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Edit step \d+$/ }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^(Delete step|Move up|Move down)/ }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Details step \d+$/ }).count()).toBe(SEVERITY[0]!.length);
  const refused = await page.evaluate(
    (sessionId) => chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'session.update', payload: { sessionId, patch: { verdict: 'Bob was here' } } }),
    original.id,
  );
  expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('belongs to Alice') } });

  await page.getByRole('button', { name: 'Make a copy' }).click();
  const shownSession = () => decodeURIComponent(page.url().split('#/session/')[1]!.split('/')[0]!);
  await waitUntil(() => shownSession() !== original.id, 'the copy opened', 30_000);
  const copyId = shownSession();
  // The copy keeps the title, so its heading shows while the team copy's view may still be on
  // screen: wait for the copy's own state (editable, no Make a copy), not for the title.
  await page.getByRole('heading', { name: 'Alice audit 1' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Make a copy' }).count(), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.getByRole('button', { name: /^Edit step \d+$/ }).count(), { timeout: 30_000 }).toBe(SEVERITY[0]!.length);

  // The same steps, notes, scores and pixels as the team copy, under new ids.
  type StepRow = { id: string; sessionId: string; position: number; note: string; severity: number; tags: string[]; scores: unknown };
  let steps = await readStore<StepRow>(page, 'steps');
  const pick = (id: string) => steps.filter((s) => s.sessionId === id).sort((a, b) => a.position - b.position).map(({ note, severity, tags, scores }) => ({ note, severity, tags, scores }));
  expect(pick(copyId)).toEqual(pick(original.id));
  expect(pick(copyId)).toHaveLength(SEVERITY[0]!.length);
  const shots = await readStore<{ id: string; sessionId: string }>(page, 'screenshots');
  const hashes = (await page.evaluate(imageHashesInPage)) as Record<string, string>;
  const pixels = (id: string) => {
    const ids = new Set(shots.filter((s) => s.sessionId === id).map((s) => s.id));
    return Object.entries(hashes).filter(([key]) => ids.has(key.replace(/\/(full|thumb)$/, ''))).map(([, h]) => h).sort();
  };
  expect(pixels(copyId)).toEqual(pixels(original.id));
  expect(pixels(copyId).length).toBe(2 * SEVERITY[0]!.length);

  // Bob's to edit: he adds a step to it.
  await page.getByRole('button', { name: 'Add a text-only step' }).click();
  await page.getByLabel('What happened').fill('Phone call to support');
  await page.getByRole('button', { name: 'Add step' }).click();
  await waitUntil(async () => (await readStore<{ sessionId: string }>(page, 'steps')).filter((s) => s.sessionId === copyId).length === SEVERITY[0]!.length + 1, 'the step was added to the copy');
  steps = await readStore<StepRow>(page, 'steps');
  expect(pick(original.id)).toHaveLength(SEVERITY[0]!.length);
  // Alice's published session is untouched on the server.
  expect({ files: readdirSync(join(folder(), 'mystery-shopper', 'sessions', original.id)).sort(), published: publishedOnDisk(folder(), original.id) }).toEqual(serverBefore);
});
