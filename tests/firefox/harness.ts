import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startShop } from '../support/server.mjs';
import { readImagesInPage, readStoreInPage } from '../support/idb-reads';

// Loads the built Firefox add-on (.output/firefox-mv2) into headless firefox-esr over WebDriver
// BiDi (puppeteer-core, no browser download) and opens its sidebar page as a tab bound to the
// shop's tab (`sidepanel.html?tab=<id>`), in a window of its own so the shop tab stays the visible
// one in its window, as captureVisibleTab needs. Puppeteer cannot drive the real sidebar.

/** The add-on's id, as wxt.config.ts sets it for Firefox. */
export const GECKO_ID = 'mystery-shopper@mystery-shopper.app';
/** Fixed by the `extensions.webextensions.uuids` pref, so that tests know the moz-extension:// origin. */
export const EXTENSION_UUID = '6d3f1c52-7c1d-4a43-9a51-2f0d8e5b9c11';
export const ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const BUILD_DIR = resolve('.output/firefox-mv2');

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

export interface FirefoxExtension {
  browser: Browser;
  profileDir: string;
  /** Where Firefox saves downloads, without asking. */
  downloadDir: string;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<FirefoxExtension> {
  if (!existsSync(join(BUILD_DIR, 'manifest.json'))) throw new Error(`no Firefox build at ${BUILD_DIR}: run \`wxt build -b firefox\` first`);
  const profileDir = mkdtempSync(join(tmpdir(), 'ms-firefox-'));
  const downloadDir = mkdtempSync(join(tmpdir(), 'ms-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    protocol: 'webDriverBiDi',
    userDataDir: profileDir,
    // Navigating a tab to a moz-extension:// page over BiDi needs system access.
    args: ['--remote-allow-system-access', '--width=1280', '--height=800'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.panel.shown': true,
      'browser.download.alwaysOpenPanel': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/zip,text/html,text/csv,application/octet-stream',
    },
  });
  try {
    await browser.installExtension(BUILD_DIR);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return {
    browser,
    profileDir,
    downloadDir,
    async close() {
      await browser.close().catch(() => undefined);
      for (const dir of [profileDir, downloadDir]) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/**
 * Polls until `check` returns true: waits for a state, never a fixed time. Timing out names
 * what was awaited.
 */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The document's own address: Puppeteer's page.url() misses Firefox's switch into the extension process. */
export function locationOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

/**
 * Opens one of the add-on's pages in `page`. The first navigation into moz-extension:// moves the
 * tab into the extension process, which Puppeteer reports as a detached frame although the tab
 * goes on fine: so the navigation is not awaited, the page's own location is.
 */
export async function openExtensionPage(page: Page, path: string): Promise<void> {
  const url = `${ORIGIN}/${path}`;
  void page.goto(url).catch(() => undefined);
  await waitUntil(async () => (await locationOf(page)) === url && (await page.evaluate(() => document.readyState)) === 'complete', `${url} has loaded`);
}

/** The browser's tab id of the tab showing `url`, asked from an extension page. */
export async function tabIdOf(extPage: Page, url: string): Promise<number> {
  const id = await extPage.evaluate(async (u) => {
    const tabs = await (globalThis as any).browser.tabs.query({});
    return (tabs as Array<{ url?: string; id?: number }>).find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** An element by ARIA role and exact accessible name (Firefox's accessibility tree, over BiDi). */
export function byRole(page: Page, role: string, name: string) {
  return page.locator(`::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`);
}

/** Reads every record of an object store straight from IndexedDB, as committed; blobs as their size. */
export async function readStore<T = Record<string, unknown>>(extPage: Page, store: string): Promise<T[]> {
  return (await extPage.evaluate(readStoreInPage, store)) as T[];
}

/** Every stored image: a file in OPFS where images live, or a row of `images` (tests/support/idb-reads.ts). */
export async function readImages(extPage: Page, hash = false) {
  return extPage.evaluate(readImagesInPage, hash);
}

/** Waits for a file ending in `suffix` to be fully downloaded (no .part beside it) and answers its path. */
export async function waitForDownload(dir: string, suffix: string, except: string[] = []): Promise<string> {
  let found = '';
  await waitUntil(() => {
    const names = readdirSync(dir);
    const done = names.find((n) => n.endsWith(suffix) && !except.includes(join(dir, n)) && !names.includes(`${n}.part`));
    if (!done || statSync(join(dir, done)).size === 0) return false;
    found = join(dir, done);
    return true;
  }, `a ${suffix} download in ${dir}`);
  return found;
}

export interface FirefoxAudit {
  shop: Awaited<ReturnType<typeof startShop>>;
  ext: FirefoxExtension;
  shopPage: Page;
  panel: Page;
  shopTabId: number;
}

/**
 * The fixture of a Firefox test file: the demo shop, a fresh Firefox with the add-on, the shop's
 * first page and the sidebar page bound to it in a window of its own; all torn down after the file.
 */
export function firefoxAuditFixture(options: Omit<NonNullable<Parameters<typeof startShop>[0]>, 'slowMs'> = {}): FirefoxAudit {
  const audit = {} as FirefoxAudit;
  beforeAll(async () => {
    audit.shop = await startShop({ ...options, slowMs: 100 });
    audit.ext = await launchFirefox();
    audit.shopPage = (await audit.ext.browser.pages())[0] ?? (await audit.ext.browser.newPage());
    await audit.shopPage.setViewport({ width: 1280, height: 800 });
    await audit.shopPage.goto(audit.shop.url('index.html'));
    audit.panel = await audit.ext.browser.newPage({ type: 'window' });
    await openExtensionPage(audit.panel, 'sidepanel.html');
    audit.shopTabId = await tabIdOf(audit.panel, audit.shop.url('index.html'));
    await openExtensionPage(audit.panel, `sidepanel.html?tab=${audit.shopTabId}`);
    await audit.panel.setViewport({ width: 400, height: 900 });
    await byRole(audit.panel, 'heading', 'Mystery Shopper').wait();
  });
  afterAll(async () => {
    await audit.ext?.close();
    await audit.shop?.close();
  });
  return audit;
}
