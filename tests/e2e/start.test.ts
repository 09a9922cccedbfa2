import { afterAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freshProfile, removeProfile, waitUntil } from './harness';

// Path 1: `npm start` (after its build step) serves the demo shop and opens Chromium on it
// with the extension loaded. Run headless here, through the very script npm start runs.

const profile = freshProfile();
let child: ChildProcess | undefined;
let browser: Browser | undefined;

function tryRemove(dir: string): boolean {
  try {
    removeProfile(dir);
    return true;
  } catch (e) {
    // ENOTEMPTY / EBUSY while a helper process is still writing: look again shortly.
    if (/ENOTEMPTY|EBUSY/.test(String(e))) return false;
    throw e;
  }
}

afterAll(async () => {
  // Disconnect only: the start script owns Chromium and must be the one to stop it.
  await browser?.close().catch(() => undefined);
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  // Chromium's helper processes outlive the main one for a moment and may still write there.
  await waitUntil(() => tryRemove(profile), 'Chromium has released its profile', 30_000);
});

it('opens Chromium on the demo shop with Mystery Shopper loaded', async () => {
  let output = '';
  child = spawn(process.execPath, ['tests/support/start.mjs'], {
    env: { ...process.env, START_HEADLESS: '1', START_PROFILE: profile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  await waitUntil(() => /Demo shop: (http:\/\/127\.0\.0\.1:\d+)\//.test(output), 'the shop is served');
  const shopOrigin = /Demo shop: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;

  // Chromium writes the port it chose for DevTools into the profile.
  const portFile = join(profile, 'DevToolsActivePort');
  await waitUntil(() => existsSync(portFile) && readFileSync(portFile, 'utf8').includes('\n'), 'Chromium is up', 30_000);
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0]!;

  await waitUntil(() => context.pages().some((p) => p.url() === `${shopOrigin}/index.html`), 'the shop page is open');
  const shopPage = context.pages().find((p) => p.url() === `${shopOrigin}/index.html`)!;
  await shopPage.waitForLoadState();
  expect(await shopPage.title()).toMatch(/Northwind Outfitters/);

  await waitUntil(() => context.serviceWorkers().some((w) => w.url().endsWith('/background.js')), 'the extension is loaded');
  const worker = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'))!;
  expect(await worker.evaluate(() => chrome.runtime.getManifest().name)).toBe('Mystery Shopper');
});
