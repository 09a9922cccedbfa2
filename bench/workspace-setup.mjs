// What the team-workspace benchmark (bench/workspace.mjs) stands on: lib/workspace's own code built
// for Node, real screenshots of the test shop, a browser with the store build whose dashboard
// pages get windows of their own, the UI's connect form, and Apache's folder and log on disk.
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumPath, extensionArgs } from '../tests/support/chromium.mjs';
import { fillWorkspaceForm } from '../tests/support/workspace-form.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** bench/workspace-docs.ts (publishSession and the seed records), bundled for Node. */
export async function loadDocs() {
  const out = join(mkdtempSync(join(tmpdir(), 'ms-bench-ws-code-')), 'docs.mjs');
  await build({ entryPoints: [join(ROOT, 'bench/workspace-docs.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, alias: { '@': ROOT.replace(/\/$/, '') }, logLevel: 'error' });
  return import(pathToFileURL(out).href);
}

/**
 * `count` distinct 1280×800 JPEG screenshots of the shop's pages (a numbered banner makes each one
 * different, as steps of a real audit are) and their 320-wide thumbnails, made as the extension
 * makes them (canvas → JPEG 0.8).
 */
export async function shopPictures(context, shop, pages, count) {
  const page = await context.newPage();
  const full = [];
  const thumb = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) await page.goto(shop.url(pages[(i / 10) % pages.length]));
    await page.evaluate((n) => {
      document.getElementById('bench-banner')?.remove();
      const banner = document.createElement('div');
      banner.id = 'bench-banner';
      banner.style.cssText = `padding:12px;background:hsl(${(n * 37) % 360} 60% 85%)`;
      banner.textContent = `Step ${n + 1}: observation ${'·'.repeat(n % 40)}`;
      document.body.prepend(banner);
      window.scrollTo(0, (n % 10) * 40);
    }, i);
    const bytes = await page.screenshot({ type: 'jpeg', quality: 80 });
    full.push(new Uint8Array(bytes));
    const small = await page.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/jpeg;base64,${b64}`)).blob());
      const canvas = new OffscreenCanvas(320, 200);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, 320, 200);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
      const u8 = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let k = 0; k < u8.length; k += 0x8000) s += String.fromCharCode(...u8.subarray(k, k + 0x8000));
      return btoa(s);
    }, Buffer.from(bytes).toString('base64'));
    thumb.push(new Uint8Array(Buffer.from(small, 'base64')));
  }
  await page.close();
  return { full, thumb, size: { width: 1280, height: 800, thumbWidth: 320, thumbHeight: 200 } };
}

/** A fresh profile with the store build; pages of the extension open in windows of their own. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'ms-bench-ws-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, viewport: { width: 1280, height: 800 }, args: extensionArgs() });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const dashboardUrl = `chrome-extension://${new URL(worker.url()).host}/dashboard.html`;
  const open = async (hash = '#/') => {
    const [page] = await Promise.all([context.waitForEvent('page'), worker.evaluate((u) => chrome.windows.create({ url: u }).then(() => undefined), `${dashboardUrl}${hash}`)]);
    await page.waitForLoadState();
    return page;
  };
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, dashboardUrl, open, close };
}

/** The user's way in: Team workspace → the form → Test connection → Connect. */
export async function connect(page, origin, user, password, name) {
  await fillWorkspaceForm(page, origin, user, password, name);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('heading', { name: 'Connected' }).waitFor({ timeout: 120_000 });
}

export async function disconnect(page) {
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByText('Disconnected.').waitFor({ timeout: 60_000 });
}

/** Apache runs as www-data when we are root: what we put in its folder must be its own. */
const account = (() => {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('www-data:'));
  return line ? { uid: Number(line.split(':')[2]), gid: Number(line.split(':')[3]) } : null;
})();

/** Writes files (path under the folder → bytes) into Apache's folder on disk. */
export function writeFolder(folder, files) {
  for (const [path, bytes] of files) {
    const file = join(folder, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  if (account) for (const path of [folder, ...walk(folder)]) chownSync(path, account.uid, account.gid);
}

/** Every path under a folder (files and folders). */
export function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.push(path);
    if (statSync(path).isDirectory()) out.push(...walk(path));
  }
  return out;
}

export const filesUnder = (dir) => walk(dir).filter((p) => statSync(p).isFile());

/** Apache's log lines since `offset` (bytes), parsed: { method, path, status, bytesIn, bytesOut }. */
export function logSince(log, offset) {
  const text = readFileSync(log).subarray(offset).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [method, path, status, bytesIn, bytesOut] = line.split(' ');
      return { method, path, status: Number(status), bytesIn: Number(bytesIn), bytesOut: Number(bytesOut) };
    });
}

export const logSize = (log) => {
  try {
    return statSync(log).size;
  } catch {
    return 0;
  }
};
