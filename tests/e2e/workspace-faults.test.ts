import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { auditFixture, readStore, stopServiceWorker, waitUntil, readImages } from './harness';
import { seedThroughPanel } from './seed';
import { seriousViolationsInBothSchemes, summary } from './a11y';
import { connect, dashboard, indexedOnDisk, publishFromLibrary, publishedOnDisk } from './workspace-ui';
import { startWebdav } from '../support/webdav.mjs';
import { startFaultProxy } from '../support/fault-proxy.mjs';

// Issue 14, faults seen from the UI: a publish cancelled half-way, the worker stopped half-way, and
// the server refusing (403, 401). The proxy between the browser and Apache holds an upload at a
// known point (whatever the machine's speed) or answers the status; every case ends with the local
// data as it was, the server holding only complete revisions, and the work done once the fault is
// lifted.

const audit = auditFixture({ slowMs: 100 });
let server: Awaited<ReturnType<typeof startWebdav>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let dash: Page;
const dir = mkdtempSync(join(tmpdir(), 'ms-ws-faults-'));
const STEPS = 32;
const TITLES = ['Long audit A', 'Long audit B', 'Short audit C', 'Short audit D'];
const ids = new Map<string, string>();
const folder = () => join(server.dir, 'team');

beforeAll(async () => {
  server = await startWebdav({ users: { alice: 'alice-pass' }, folders: ['team'] });
  proxy = await startFaultProxy({ target: server.origin });
  await seedThroughPanel(audit.panel, dir, { sessions: 4, stepsPerSession: (i) => (i < 2 ? STEPS : 2), title: (i) => TITLES[i]!, distinctImages: true });
  for (const s of await readStore<{ id: string; title: string }>(audit.panel, 'sessions')) ids.set(s.title, s.id);
  dash = await dashboard(audit);
  await connect(dash, proxy.origin, 'alice', 'alice-pass', 'Alice');
}, 240_000);
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});

/** What this device holds of a session: it must not change by publishing, whatever happens. */
async function local(sessionId: string) {
  const of = async (store: string) => (await readStore<{ sessionId?: string; screenshotId?: string; id: string }>(dash, store)).filter((r) => r.sessionId === sessionId || r.screenshotId?.startsWith(sessionId));
  return { sessions: (await readStore<{ id: string }>(dash, 'sessions')).filter((s) => s.id === sessionId), steps: await of('steps'), screenshots: await of('screenshots'), images: (await readImages(dash)).filter((i) => i.screenshotId.startsWith(sessionId)) };
}

const statusLine = () => dash.locator('.sync-status [role="status"]').textContent();
const jobs = async () => (await readStore<{ id: string }>(dash, 'workspaceJobs')).map((j) => j.id);
const publication = async (sessionId: string) => (await readStore<{ sessionId: string; rev: number }>(dash, 'publications')).find((p) => p.sessionId === sessionId);

// An image goes straight to its content name (lib/workspace/publish.ts: nothing reads it before
// head.json names its revision).
const IMAGE_PUT = /\/images\/[0-9a-f]{64}$/;

/**
 * Lets `pass` image uploads through, then holds every later one unanswered: with a few uploads
 * in flight at once, the page then says exactly `pass` files are done, whatever the machine's speed.
 */
function holdAfter(pass: number) {
  proxy.inject({ method: 'PUT', path: IMAGE_PUT }, { pass: true }, pass);
  proxy.inject({ method: 'PUT', path: IMAGE_PUT }, { hold: true });
}

it('Cancel stops a publish half-way: nothing local changes, no half revision is visible, and the next publish is complete', async () => {
  const id = ids.get('Long audit A')!;
  const before = await local(id);
  expect(before.steps).toHaveLength(STEPS);
  holdAfter(4);
  await publishFromLibrary(dash, ['Long audit A']);
  await dash.getByRole('link', { name: 'Team workspace' }).click();
  // Four images are up, the fifth is held: the page says how far it got, in files.
  await expect.poll(statusLine, { timeout: 60_000 }).toMatch(new RegExp(`^Publishing “Long audit A”: 4 of ${STEPS + 3} files$`));
  expect(proxy.held()).toBeGreaterThanOrEqual(1);
  await dash.getByRole('button', { name: 'Cancel' }).click();
  await dash.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 60_000 });
  // Said in words: the team sees nothing new, and what went up is not sent twice.
  await expect.poll(statusLine, { timeout: 30_000 }).toBe('Publishing “Long audit A” cancelled: nothing the team sees has changed. 4 images already sent will be reused next time.');
  expect(summary(await seriousViolationsInBothSchemes(dash, 'workspace publish cancelled'))).toEqual([]);
  await waitUntil(async () => (await jobs()).length === 0, 'the cancelled job left the queue', 30_000);
  expect(await dash.locator('.sync-error').count()).toBe(0);
  expect(await local(id)).toEqual(before);
  expect(await publication(id)).toBeUndefined();
  // A reader finds nothing: no head.json, no row in an index of the team library.
  expect(publishedOnDisk(folder(), id)).toBeNull();
  expect(indexedOnDisk(folder(), id)).toBeNull();

  proxy.clear();
  await publishFromLibrary(dash, ['Long audit A']);
  await waitUntil(async () => (await publication(id))?.rev === 1, 'published after the cancel', 120_000);
  expect(publishedOnDisk(folder(), id)).toEqual({ rev: 1, stepCount: STEPS, images: STEPS });
  expect(await local(id)).toEqual(before);
  // The images that were up before the cancel were not sent again.
  expect(proxy.log.filter((r) => r.method === 'PUT' && IMAGE_PUT.test(r.path) && r.status !== 'held')).toHaveLength(STEPS);
});

it('the worker stopped mid-publish: the queue in IndexedDB resumes when it starts again, and the publish completes', async () => {
  const id = ids.get('Long audit B')!;
  const before = await local(id);
  holdAfter(3);
  await publishFromLibrary(dash, ['Long audit B']);
  await dash.getByRole('link', { name: 'Team workspace' }).click();
  await expect.poll(statusLine, { timeout: 60_000 }).toMatch(/^Publishing “Long audit B”: 3 of \d+ files$/);
  expect(proxy.held()).toBeGreaterThanOrEqual(1);

  // Stopped from an ordinary page, as Chrome stops an idle worker; only then is the held upload cut.
  await stopServiceWorker(audit.ext, audit.shopPage);
  // The page hears the background go: no stale progress, no Cancel that nothing would answer.
  await expect.poll(statusLine, { timeout: 60_000 }).toMatch(/^Publishing “Long audit B” paused: the extension’s background stopped\. Nothing is lost/);
  expect(await dash.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
  expect(await dash.locator('.sync-status progress').count()).toBe(0);
  expect(summary(await seriousViolationsInBothSchemes(dash, 'workspace background stopped'))).toEqual([]);
  proxy.clear();
  expect(await jobs()).toEqual([`publish:${id}`]);
  expect(publishedOnDisk(folder(), id)).toBeNull();

  // Any event starts the worker again (the page's reads above may already have); Resume now is
  // one such message. Either way the worker picks the queue up where it stopped.
  const resume = dash.getByRole('button', { name: 'Resume now' });
  if (await resume.count()) await resume.click({ timeout: 5_000 }).catch(() => undefined);
  await waitUntil(async () => (await publication(id))?.rev === 1, 'the queue resumed and published', 120_000);
  await waitUntil(async () => (await jobs()).length === 0, 'the queue emptied', 30_000);
  expect(publishedOnDisk(folder(), id)).toEqual({ rev: 1, stepCount: STEPS, images: STEPS });
  expect(await local(id)).toEqual(before);
});

it.each([
  ['403', 'Short audit C', 403, /You are not allowed to write in this folder/],
  ['401', 'Short audit D', 401, /The server refused the password/],
] as const)('a %s from the server is said in words, the work is kept, and Retry now succeeds once it is lifted', async (_name, title, status, words) => {
  const id = ids.get(title)!;
  const before = await local(id);
  proxy.inject({ method: 'PUT' }, { status });
  await publishFromLibrary(dash, [title]);
  await dash.getByRole('link', { name: 'Team workspace' }).click();
  await expect.poll(() => dash.locator('.sync-error').textContent(), { timeout: 60_000 }).toMatch(words);
  // Kept, waiting for the user (a password or rights do not fix themselves).
  expect(await jobs()).toEqual([`publish:${id}`]);
  await dash.getByText('1 job waits to be sent.').waitFor();
  expect(await local(id)).toEqual(before);
  expect(publishedOnDisk(folder(), id)).toBeNull();

  proxy.clear();
  await dash.getByRole('button', { name: 'Retry now' }).click();
  await waitUntil(async () => (await publication(id))?.rev === 1, 'published once the fault was lifted', 60_000);
  await dash.getByText('Nothing waits to be sent.').waitFor({ timeout: 30_000 });
  expect(await dash.locator('.sync-error').count()).toBe(0);
  expect(publishedOnDisk(folder(), id)).toEqual({ rev: 1, stepCount: 2, images: 2 });
  expect(await local(id)).toEqual(before);
});
