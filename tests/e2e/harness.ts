import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromiumPath, E2E_EXTENSION_DIR, EXTENSION_DIR, extensionArgs } from '../support/chromium.mjs';
import { startShop } from '../support/server.mjs';
import { readImagesInPage, readStoreInPage } from '../support/idb-reads';
import { recordRequests } from './requests';

export { recordRequests } from './requests';

// Loads the built extension into headless Chromium and opens its side panel as a page bound
// to the shop's tab (`sidepanel.html?tab=<id>`, the detached-panel mode). Playwright cannot
// drive the real side panel, and a panel in its own window keeps both pages visible.

export interface Extension {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** The extension's service worker, as long as no test stopped it. */
  worker(): Promise<Worker>;
  /** Called once the worker was stopped: its handle must never be used again. */
  forgetWorker(): void;
  close(): Promise<void>;
}

export function freshProfile(): string {
  return mkdtempSync(join(tmpdir(), 'ms-e2e-'));
}

export interface LaunchOptions {
  deviceScaleFactor?: number;
  /** 'e2e' loads the test build, whose worker exposes the keyboard commands (runCommand). */
  build?: 'store' | 'e2e';
  /** More Chromium switches (e.g. one server certificate to trust, for the workspace's TLS tests). */
  args?: string[];
}

/** The test build, refused when it is missing or older than the store build it should match. */
function testBuildDir(): string {
  const manifest = (dir: string) => join(dir, 'manifest.json');
  if (!existsSync(manifest(E2E_EXTENSION_DIR))) throw new Error('No test build: run `npm run build:e2e` (wxt build --mode e2e) first.');
  if (existsSync(manifest(EXTENSION_DIR)) && statSync(manifest(EXTENSION_DIR)).mtimeMs > statSync(manifest(E2E_EXTENSION_DIR)).mtimeMs)
    throw new Error('The test build is older than the store build: run `npm run build:e2e` again.');
  return E2E_EXTENSION_DIR;
}

export async function launchExtension(profileDir = freshProfile(), options: LaunchOptions = {}): Promise<Extension> {
  const scale = options.deviceScaleFactor;
  const extensionDir = options.build === 'e2e' ? testBuildDir() : EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    // A real device scale when asked: captureVisibleTab ignores Playwright's emulated one.
    ...(scale ? { viewport: null } : { viewport: { width: 1280, height: 800 } }),
    args: [...extensionArgs(extensionDir), ...(scale ? [`--force-device-scale-factor=${scale}`, '--window-size=1280,800'] : []), ...(options.args ?? [])],
  });
  // The network gate: every request of this browser is logged, and closing it fails on any that left.
  const requests = recordRequests(context, 'chromium');
  // Fail an action in 10 s rather than Playwright's 30 s: the tests wait for states, and a
  // state that has not come in 10 s on a 2-core machine is a bug, not slowness.
  context.setDefaultTimeout(10_000);
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(first.url()).host;
  // Playwright keeps a stopped worker's handle around, and evaluating on it takes the whole
  // context down; so track the live one, and forget it when a test stops the worker.
  let live: Worker | undefined = first;
  context.on('serviceworker', (w) => {
    if (w.url().includes(extensionId)) live = w;
  });
  const ext: Extension = {
    context,
    extensionId,
    profileDir,
    async worker() {
      if (live) return live;
      throw new Error('The worker was stopped and Playwright cannot reach its successor; use an extension page instead (extensionContext).');
    },
    forgetWorker() {
      live = undefined;
    },
    async close() {
      await context.close();
      requests.assertLocal();
    },
  };
  return ext;
}

export function removeProfile(dir: string) {
  // Chromium may still be flushing its profile for a moment after it exits; retry, don't fail.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

/**
 * Somewhere to call chrome.* from: the worker while it is the first one, else an open
 * extension page (Playwright loses track of a worker that was stopped and restarted).
 */
async function extensionContext(ext: Extension): Promise<Pick<Worker, 'evaluate'>> {
  const page = ext.context.pages().find((p) => p.url().startsWith(`chrome-extension://${ext.extensionId}/`));
  return page ?? ext.worker();
}

/** The browser's id for the tab showing `page`. */
export async function tabIdOf(ext: Extension, page: Page): Promise<number> {
  const url = page.url();
  const api = await extensionContext(ext);
  const id = await api.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/**
 * Runs a keyboard command's handler for the tab, as Chrome does when the shortcut is pressed
 * (headless Chromium cannot press one). Only the test build exposes the handlers.
 */
export async function runCommand(ext: Extension, command: 'capture-step' | 'capture-full-page', tabId: number): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(
    async ([name, id]) => {
      const hooks = (globalThis as { mysteryShopperTestHooks?: { commands: Record<string, (tab: chrome.tabs.Tab) => Promise<void>> } }).mysteryShopperTestHooks;
      if (!hooks) throw new Error('This build has no test hooks: launch the extension with { build: "e2e" }.');
      await hooks.commands[name]!(await chrome.tabs.get(id));
    },
    [command, tabId] as const,
  );
}

/** Opens the side panel, bound to the shop tab, in a window of its own. */
export async function openPanel(ext: Extension, shopPage: Page): Promise<Page> {
  const tabId = await tabIdOf(ext, shopPage);
  const url = `chrome-extension://${ext.extensionId}/sidepanel.html?tab=${tabId}`;
  const api = await extensionContext(ext);
  const [panel] = await Promise.all([
    ext.context.waitForEvent('page', (p) => p.url().startsWith(`chrome-extension://${ext.extensionId}/sidepanel.html`)),
    api.evaluate((u) => chrome.windows.create({ url: u, width: 420, height: 900 }).then(() => undefined), url),
  ]);
  await panel.waitForLoadState();
  // The width of a side panel, so that tests and screenshots see what a shopper sees.
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.getByRole('heading', { name: 'Mystery Shopper' }).waitFor();
  return panel;
}

/**
 * Stops every service worker through the DevTools protocol, the way Chrome does after 30 s
 * idle, and waits until it has really stopped. The session is opened on a web page: an
 * extension page's session would die with the worker's context.
 */
export async function stopServiceWorker(ext: Extension, webPage: Page): Promise<void> {
  ext.forgetWorker();
  const cdp = await ext.context.newCDPSession(webPage);
  try {
    const status = new Map<string, string>();
    let check = () => {};
    const allStopped = new Promise<void>((resolve) => {
      check = () => {
        if (status.size > 0 && [...status.values()].every((s) => s === 'stopped')) resolve();
      };
    });
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) status.set(v.versionId, v.runningStatus);
      check();
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    check();
    await allStopped;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Reads every record of an object store straight from IndexedDB, as committed. */
export async function readStore<T = Record<string, unknown>>(extPage: Page, store: string): Promise<T[]> {
  return (await extPage.evaluate(readStoreInPage, store)) as T[];
}

/** Every stored image: a file in OPFS where images live, or a row of `images` (tests/support/idb-reads.ts). */
export async function readImages(extPage: Page, hash = false) {
  return extPage.evaluate(readImagesInPage, hash);
}

/**
 * Polls until `check` returns true (for use in hooks, where expect.poll is not allowed).
 * Waits for a state, never a fixed time.
 */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Audit {
  shop: Awaited<ReturnType<typeof startShop>>;
  ext: Extension;
  shopPage: Page;
  panel: Page;
}

/**
 * The usual fixture of a test file: the demo shop, a fresh browser with the extension, the
 * shop's first page and the panel bound to it; all torn down after the file.
 */
export function auditFixture(
  options: { slowMs?: number; firstPage?: string; build?: LaunchOptions['build'] } & Omit<NonNullable<Parameters<typeof startShop>[0]>, 'slowMs'> = {},
): Audit {
  const audit = {} as Audit;
  beforeAll(async () => {
    const { firstPage: _, build, ...shopOptions } = options;
    audit.shop = await startShop({ ...shopOptions, slowMs: options.slowMs ?? 300 });
    audit.ext = await launchExtension(undefined, { build });
    audit.shopPage = audit.ext.context.pages()[0] ?? (await audit.ext.context.newPage());
    await audit.shopPage.goto(audit.shop.url(options.firstPage ?? 'index.html'));
    audit.panel = await openPanel(audit.ext, audit.shopPage);
  });
  afterAll(async () => {
    await audit.ext?.close();
    await audit.shop?.close();
    if (audit.ext) removeProfile(audit.ext.profileDir);
  });
  return audit;
}
