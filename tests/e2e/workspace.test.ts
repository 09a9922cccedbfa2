import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { auditFixture, readStore, waitUntil } from './harness';
import { connect, dashboard } from './workspace-ui';
import { seedThroughPanel } from './seed';
import { startWebdav } from '../support/webdav.mjs';
import { startFaultProxy } from '../support/fault-proxy.mjs';

// Issue 14: two consultants (two browser profiles) on one team workspace, a real Apache mod_dav on
// 127.0.0.1. Alice talks to it through the fault proxy, Bob directly.

const alice = auditFixture({ slowMs: 100 });
const bob = auditFixture({ slowMs: 100 });
let server: Awaited<ReturnType<typeof startWebdav>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let aDash: Page;
let bDash: Page;
const dir = mkdtempSync(join(tmpdir(), 'ms-workspace-'));
const shots = process.env.MS_SHOTS;

const titles = (page: Page) => page.locator('table .col-title a').allTextContents();

beforeAll(async () => {
  server = await startWebdav({ users: { alice: 'alice-pass', bob: 'bob-pass' }, folders: ['team'] });
  proxy = await startFaultProxy({ target: server.origin });
  await seedThroughPanel(alice.panel, dir, { sessions: 3, stepsPerSession: () => 3, title: (i) => `Alice audit ${i + 1}`, brand: () => 'Northwind' });
  await seedThroughPanel(bob.panel, dir, { sessions: 1, stepsPerSession: () => 2, title: () => 'Bob audit', brand: () => 'Northwind', idPrefix: 'bob' });
  aDash = await dashboard(alice);
  bDash = await dashboard(bob);
}, 180_000);
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});

it('refuses a wrong password in words before saving anything', async () => {
  await bDash.getByRole('link', { name: 'Team workspace' }).click();
  await bDash.getByLabel('Server address').fill(server.origin);
  await bDash.getByLabel('Folder').fill('team');
  await bDash.getByLabel('User name').fill('bob');
  await bDash.getByLabel('App password').fill('wrong');
  await bDash.getByRole('button', { name: 'Test connection' }).click();
  await expect.poll(() => bDash.getByRole('alert').textContent()).toContain('The server refused the password');
  expect(await bDash.getByRole('heading', { name: 'Connected' }).count()).toBe(0);
});

it('Alice connects and publishes three sessions after seeing what will be shared', async () => {
  await connect(aDash, proxy.origin, 'alice', 'alice-pass', 'Alice');
  if (shots) await aDash.screenshot({ path: join(shots, 'workspace-connected.png') });
  await aDash.getByRole('link', { name: 'Sessions' }).click();
  for (const n of [1, 2, 3]) await aDash.getByLabel(`Select “Alice audit ${n}”`).check();
  await aDash.getByRole('button', { name: 'Publish to team (3)' }).click();
  const dialog = aDash.getByRole('dialog', { name: 'Share with the team?' });
  // The dialog opens at once and lists the sessions once their steps and thumbnails are read.
  await dialog.waitFor();
  await expect.poll(() => dialog.textContent()).toContain('Alice audit 2');
  if (shots) await aDash.screenshot({ path: join(shots, 'workspace-publish-preview.png') });
  await dialog.getByRole('button', { name: 'Publish to the team' }).click();
  await waitUntil(async () => (await readStore(aDash, 'publications')).length === 3, 'three sessions published', 60_000);
});

it('Bob sees them under Alice’s name, opens one read-only, and compares it with one of his', async () => {
  await connect(bDash, server.origin, 'bob', 'bob-pass', 'Bob');
  await bDash.getByRole('button', { name: 'Refresh team library' }).click();
  await expect.poll(() => bDash.getByRole('status').first().textContent()).toContain('up to date');
  await bDash.getByRole('link', { name: 'Sessions' }).click();
  await expect.poll(async () => (await titles(bDash)).sort()).toEqual(['Alice audit 1', 'Alice audit 2', 'Alice audit 3', 'Bob audit']);
  expect(await bDash.locator('tr', { hasText: 'Alice audit 1' }).locator('.author').textContent()).toBe('by Alice');
  await bDash.getByRole('group', { name: 'Show' }).getByLabel('Mine').check();
  await expect.poll(() => titles(bDash)).toEqual(['Bob audit']);
  await bDash.getByRole('group', { name: 'Show' }).getByLabel('All').check();
  if (shots) await bDash.screenshot({ path: join(shots, 'workspace-team-library.png') });

  await bDash.getByRole('link', { name: 'Alice audit 1' }).click();
  await bDash.getByRole('heading', { name: 'Alice audit 1' }).waitFor({ timeout: 60_000 });
  await bDash.getByText('Alice’s session').waitFor();
  expect(await bDash.getByRole('button', { name: 'Make a copy' }).count()).toBe(1);
  // Read-only: the editing tools are not offered.
  expect(await bDash.getByRole('button', { name: 'Add a text-only step' }).count()).toBe(0);
  if (shots) await bDash.screenshot({ path: join(shots, 'workspace-team-session.png') });

  await bDash.getByRole('button', { name: '← All sessions' }).click();
  await bDash.getByLabel('Select “Alice audit 1”').check();
  await bDash.getByLabel('Select “Bob audit”').check();
  await bDash.getByRole('button', { name: 'Compare 2 sessions' }).click();
  // The library already shows both titles: wait for the (lazily loaded) compare view itself first.
  await bDash.getByRole('heading', { name: 'Compare sessions' }).waitFor({ timeout: 60_000 });
  await expect.poll(() => bDash.locator('main').textContent(), { timeout: 60_000 }).toContain('Bob audit');
  expect(await bDash.locator('main').textContent()).toContain('Alice audit 1');
});

it('a server fault on Alice’s side changes nothing local, is said in words, and the queue succeeds once it is lifted', async () => {
  const before = (await readStore(aDash, 'sessions')).length;
  proxy.inject({ method: 'PUT' }, { status: 507 });
  // Alice edits a session's title through the one message contract, then publishes again.
  const session = (await readStore<{ id: string; title: string }>(aDash, 'sessions')).find((s) => s.title === 'Alice audit 1')!;
  await aDash.getByRole('link', { name: 'Sessions' }).click();
  await aDash.evaluate(
    (sessionId) => chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'session.update', payload: { sessionId, patch: { verdict: 'Checkout fixed since' } } }),
    session.id,
  );
  await aDash.getByLabel('Select “Alice audit 1”').check();
  await aDash.getByRole('button', { name: /^Publish to team/ }).click();
  await aDash.getByRole('link', { name: 'Team workspace' }).click();
  await expect.poll(() => aDash.locator('.sync-error').textContent(), { timeout: 60_000 }).toContain('The server is full');
  expect((await readStore(aDash, 'sessions')).length).toBe(before);
  proxy.clear();
  // A full server is retried by itself with backoff; Retry now skips the wait. Which comes first is
  // the machine's speed: once the timer's retry has succeeded there is no error, and no button.
  await aDash.getByRole('button', { name: 'Retry now' }).click({ timeout: 1_000 }).catch(() => undefined);
  await waitUntil(async () => (await readStore<{ rev: number; sessionId: string }>(aDash, 'publications')).find((p) => p.sessionId === session.id)?.rev === 2, 'republished as revision 2', 60_000);
  await waitUntil(async () => (await readStore(aDash, 'workspaceJobs')).length === 0, 'the queue emptied', 60_000);

  // Bob sees the change.
  await bDash.getByRole('link', { name: 'Team workspace' }).click();
  await bDash.getByRole('button', { name: 'Refresh team library' }).click();
  await waitUntil(async () => (await readStore<{ sessionId: string; entry: { rev: number } | null }>(bDash, 'teamRows')).find((t) => t.sessionId === session.id)?.entry?.rev === 2, 'Bob sees revision 2', 30_000);
  await bDash.getByRole('link', { name: 'Sessions' }).click();
  await bDash.getByRole('link', { name: 'Alice audit 1' }).click();
  await bDash.getByText('(revision 2)').waitFor({ timeout: 60_000 });
});

it('a session Alice deletes becomes a tombstone and leaves Bob’s library', async () => {
  await aDash.getByRole('link', { name: 'Sessions' }).click();
  await aDash.getByRole('button', { name: 'Delete “Alice audit 3”…' }).click();
  await aDash.getByRole('button', { name: 'Delete session' }).click();
  // After the undo window the trash is purged and the tombstone written.
  // Each poll also asks the background something, as an open dashboard would, so Chrome does not
  // stop an idle worker before its purge timer runs (a stopped one purges at its next start).
  await waitUntil(
    async () => {
      await aDash.evaluate(() => chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'workspace.info', payload: {} }));
      return (await readStore(aDash, 'publications')).length === 2 && (await readStore(aDash, 'workspaceJobs')).length === 0;
    },
    'tombstone written',
    90_000,
  );
  await bDash.getByRole('link', { name: 'Team workspace' }).click();
  await bDash.getByRole('button', { name: 'Refresh team library' }).click();
  await bDash.getByRole('link', { name: 'Sessions' }).click();
  await expect.poll(async () => (await titles(bDash)).sort(), { timeout: 30_000 }).toEqual(['Alice audit 1', 'Alice audit 2', 'Bob audit']);
});
