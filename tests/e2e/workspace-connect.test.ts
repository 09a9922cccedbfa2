import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, removeProfile, type Extension } from './harness';
import { seriousViolationsInBothSchemes, summary } from './a11y';
import { startWebdav } from '../support/webdav.mjs';
import { startFaultProxy } from '../support/fault-proxy.mjs';
import { selfSignedCert, startHttpsRedirector, startRecorder } from '../support/tls-servers.mjs';

// Issue 14, connecting: what the browser's own network does to a password on its way to the team's
// server. A certificate the browser does not trust, a redirect to another origin and a redirect from
// https:// down to http:// all end in a sentence saying what to do, nothing saved, and no request
// at the other origin (a server that records every request it gets stands there).

let ext: Extension;
let page: Page;
let server: Awaited<ReturnType<typeof startWebdav>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let elsewhere: Awaited<ReturnType<typeof startRecorder>>;
let untrusted: Awaited<ReturnType<typeof startHttpsRedirector>>;
let downgrader: Awaited<ReturnType<typeof startHttpsRedirector>>;

beforeAll(async () => {
  server = await startWebdav({ users: { carol: 'carol-pass' }, folders: ['team'] });
  proxy = await startFaultProxy({ target: server.origin });
  elsewhere = await startRecorder();
  // Two self-signed certificates: the browser is told to trust the second one only (as if the team
  // had installed it), so that its server's redirect is what the browser sees, not a TLS failure.
  untrusted = await startHttpsRedirector(selfSignedCert(), 301, `${elsewhere.origin}/team/`);
  const trusted = selfSignedCert();
  downgrader = await startHttpsRedirector(trusted, 301, `${elsewhere.origin}/team/`);
  ext = await launchExtension(undefined, { args: [`--ignore-certificate-errors-spki-list=${trusted.spkiHash}`] });
  page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/dashboard.html#/workspace`);
  await page.getByRole('heading', { name: 'Team workspace' }).waitFor();
}, 120_000);
afterAll(async () => {
  await ext?.close();
  if (ext) removeProfile(ext.profileDir);
  for (const s of [proxy, server, elsewhere, untrusted, downgrader]) await s?.stop();
});

async function fill(origin: string) {
  await page.getByLabel('Server address').fill(origin);
  await page.getByLabel('Folder').fill('team');
  await page.getByLabel('User name').fill('carol');
  await page.getByLabel('App password').fill('carol-pass');
  await page.getByLabel('Your name, as the team sees it').fill('Carol');
}

/** Presses the button and returns the alert's words once they show, then dismisses them. */
async function refusal(button: 'Test connection' | 'Connect'): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  // The live region stays in the page, empty, between messages.
  const alert = page.locator('[role="alert"]');
  await expect.poll(() => alert.textContent(), { timeout: 60_000 }).not.toBe('');
  const text = (await alert.textContent()) ?? '';
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect.poll(() => alert.textContent()).toBe('');
  return text;
}

async function nothingSaved() {
  expect(await page.evaluate(() => chrome.storage.local.get('workspace'))).toEqual({});
  expect(await page.getByRole('heading', { name: 'Connected' }).count()).toBe(0);
}

it('the connect form reads well in light and dark', async () => {
  await fill(server.origin);
  const found = await seriousViolationsInBothSchemes(page, 'workspace connect form');
  expect(summary(found)).toEqual([]);
});

it('a self-signed certificate the browser does not trust: says to trust the certificate, saves nothing', async () => {
  await fill(untrusted.origin);
  const words = await refusal('Test connection');
  expect(words).toContain('could not be reached');
  expect(words).toContain('self-signed certificate');
  expect(words).toMatch(/open the server address in a tab once and accept \(trust\) its certificate/);
  expect(words).toContain("install your team's certificate authority");
  // Connect tests again before saving, so it refuses in the same words.
  expect(await refusal('Connect')).toContain('self-signed certificate');
  await nothingSaved();
  // The handshake failed: no request, and so no password, ever reached that server.
  expect(untrusted.requests).toEqual([]);
});

it.each([
  [301, 'PROPFIND'],
  [302, 'PUT'],
  [307, 'MOVE'],
] as const)('a %i redirect to another origin (on %s) is refused in words, and nothing reaches that origin', async (status, method) => {
  proxy.inject({ method }, { redirect: status, location: `${elsewhere.origin}/team/` });
  await fill(proxy.origin);
  const words = await refusal('Test connection');
  expect(words).toContain('The server answered with a redirect');
  expect(words).toContain('never goes elsewhere');
  expect(proxy.log.some((r) => r.method === method && r.status === status)).toBe(true);
  expect(elsewhere.requests).toEqual([]);
  proxy.clear();
  await nothingSaved();
});

it('a redirect from https:// down to http:// is refused in words, and nothing reaches the http:// address', async () => {
  await fill(downgrader.origin);
  const words = await refusal('Test connection');
  expect(words).toContain('The server answered with a redirect');
  // The browser trusted this server's certificate and got its answer: the redirect is what was refused.
  expect(downgrader.requests.length).toBeGreaterThan(0);
  expect(elsewhere.requests).toEqual([]);
  expect(await refusal('Connect')).toContain('The server answered with a redirect');
  expect(elsewhere.requests).toEqual([]);
  await nothingSaved();
});

it('plain http:// to anything but this computer is refused before any request', async () => {
  await fill('http://team.example.com');
  // The field's own check (type=url) passes; the background refuses the address.
  const words = await refusal('Test connection');
  expect(words).toContain('plain http:// would send the password in clear');
  await nothingSaved();
});

it('the same form connects to the real server once nothing is in the way', async () => {
  await fill(proxy.origin);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect.poll(() => page.locator('.workspace-note').textContent(), { timeout: 60_000 }).toContain('Connection works');
  expect(elsewhere.requests).toEqual([]);
});
