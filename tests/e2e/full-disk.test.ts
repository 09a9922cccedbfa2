import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShop } from '../support/server.mjs';
import { launchExtension, openPanel, readImages, readStore, waitUntil, type Extension } from './harness';
import { startSession, steps } from './panel';

// The severe bug of issue 12: Chromium deletes an IndexedDB store whose write failed for want of
// space, with every session in it. Here the profile lives on a small ext4 filesystem of its own
// (a loop-mounted file), a filler file eats the disk down to the reserve, and the test proves that
// captures are refused while the disk still has room, that every session survives a restart, and
// that capture works again once space is freed. Then the store is deleted outright (the day the
// browser loses it anyway) and the start screen rebuilds every session from the safety copy: the
// image files in OPFS survive the store, and the journal beside them holds the records. Images take
// their space once: as those files, none in IndexedDB.
// Mounting needs root: under CI=true a missing right fails; elsewhere the file skips, saying why.

const MB = 1_000_000;
/** A folder for screenshots of what the shopper sees (warning, refusal, restore), when set. */
const shots = process.env.MS_SHOTS;
const DISK_MB = 400;
const RESERVE_MB = 100;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function mountProblem(): string | null {
  if (process.platform !== 'linux') return 'mounting a test filesystem needs Linux';
  if (process.getuid?.() !== 0) return 'mounting a test filesystem needs root (run as root, as CI does)';
  for (const tool of ['mkfs.ext4', 'mount', 'umount', 'fallocate'])
    try {
      sh('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed`;
    }
  return null;
}

const problem = mountProblem();
if (problem && process.env.CI !== 'true') console.warn(`full-disk.test.ts skipped: ${problem}`);

const work = mkdtempSync(join(tmpdir(), 'ms-full-disk-'));
const image = join(work, 'disk.img');
const mnt = join(work, 'mnt');
const profile = join(mnt, 'profile');
const filler = join(mnt, 'filler.bin');
let mounted = false;

/** What df calls available on the test disk, in bytes. */
const available = () => Number(sh('df', ['-B1', '--output=avail', mnt]).split('\n')[1]);

/** Grows or shrinks the filler so that about `freeBytes` stay available. */
function leaveFree(freeBytes: number) {
  const current = existsSync(filler) ? statSync(filler).size : 0;
  const size = Math.max(0, current + available() - freeBytes);
  rmSync(filler, { force: true });
  if (size > 0) sh('fallocate', ['-l', String(size), filler]);
}

let shop: Awaited<ReturnType<typeof startShop>>;
let ext: Extension | undefined;
let shopPage: Page;
let panel: Page;

async function open() {
  ext = await launchExtension(profile);
  shopPage = ext.context.pages()[0] ?? (await ext.context.newPage());
  await shopPage.goto(shop.url('product.html'));
  panel = await openPanel(ext, shopPage);
}

async function close() {
  await ext?.close();
  ext = undefined;
}

const alertText = () => panel.getByRole('alert').textContent();
const captureButton = () => panel.getByRole('button', { name: /^Capture step/ });

/** Records as committed in IndexedDB, and images wherever they live (files, or rows), from an extension page. */
async function stored() {
  const [sessions, stepRows, shotRows] = await Promise.all(['sessions', 'steps', 'screenshots'].map((s) => readStore<any>(panel, s)));
  const images = new Set((await readImages(panel)).filter((i) => i.blob.blobSize > 0).map((i) => i.id));
  return { sessions: sessions!.length, steps: stepRows!.length, screenshots: shotRows!.length, images: images.size };
}

/**
 * Where the images' bytes are: as OPFS files, as IndexedDB rows, and what the screenshot records
 * say they weigh (full image plus thumbnail); with the browser's own usage per store.
 */
async function imageSpace() {
  const images = await readImages(panel);
  const shotRows = await readStore<{ bytes: number; thumbBytes: number }>(panel, 'screenshots');
  const usage = await panel.evaluate(async () => ((await navigator.storage.estimate()) as { usageDetails?: Record<string, number> }).usageDetails ?? {});
  return {
    fileBytes: images.filter((i) => i.where === 'file').reduce((n, i) => n + i.blob.blobSize, 0),
    rowBytes: images.filter((i) => i.where === 'row').reduce((n, i) => n + i.blob.blobSize, 0),
    rows: images.filter((i) => i.where === 'row').length,
    screenshotBytes: shotRows.reduce((n, s) => n + s.bytes + s.thumbBytes, 0),
    usage,
  };
}
const kb = (bytes: number | undefined) => `${Math.round((bytes ?? 0) / 1000)} KB`;

describe.skipIf(problem !== null && process.env.CI !== 'true')('a profile on a nearly full disk', () => {
  beforeAll(async () => {
    if (problem) throw new Error(`CI must be able to mount a test filesystem: ${problem}`);
    mkdirSync(mnt);
    // -m 0: no blocks kept for root, so what df says is available is what Chromium (root here) can use.
    sh('fallocate', ['-l', `${DISK_MB}M`, image]);
    sh('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
    sh('mount', ['-o', 'loop', image, mnt]);
    mounted = true;
    shop = await startShop({ slowMs: 300 });
    await open();
  });

  afterAll(async () => {
    await close().catch(() => undefined);
    await shop?.close();
    // Whatever happened: unmount (the loop device goes with it), then remove the image.
    if (mounted) sh('umount', ['-l', mnt]);
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('refuses captures with the storage-full message before the disk is full', async () => {
    // The reserve is set the way a shopper sets it: in the panel, before starting.
    await panel.getByText('Disk reserve', { exact: true }).click();
    await panel.getByRole('spinbutton', { name: 'Disk reserve in MB' }).fill(String(RESERVE_MB));
    await panel.getByRole('button', { name: 'Save reserve' }).click();
    await panel.getByText('Reserve saved.').waitFor();

    await startSession(panel, { title: 'Before the disk filled', brand: 'Northwind Outfitters' });
    for (let n = 1; n <= 3; n++) {
      await captureButton().click();
      await waitUntil(async () => (await steps(panel).count()) === n, `step ${n} appears`);
    }

    // Within twice the reserve: captures still go, and the panel warns.
    leaveFree((RESERVE_MB + 40) * MB);
    await captureButton().click();
    await waitUntil(async () => (await steps(panel).count()) === 4, 'step 4 appears');
    await panel.reload();
    await expect.poll(() => panel.locator('.disk-warning').textContent()).toMatch(/^Your disk is filling up: \d+ MB left\. Captures stop when 100 MB are left/);
    if (shots) await panel.screenshot({ path: join(shots, 'disk-low.png') });

    // Inside the reserve: refused, and said in words; pressed twice more, the same.
    leaveFree((RESERVE_MB - 10) * MB);
    const freeBefore = available();
    for (let attempt = 0; attempt < 3; attempt++) {
      await captureButton().click();
      await expect.poll(alertText).toMatch(/^Your disk is almost full: \d+ MB left\. Free space or delete sessions; nothing was saved\./);
      if (shots && attempt === 0) {
        await panel.reload();
        await captureButton().click();
        await expect.poll(alertText).toMatch(/^Your disk is almost full/);
        await panel.screenshot({ path: join(shots, 'disk-refused.png') });
      }
      console.log(`refusal ${attempt + 1}: "${await alertText()}" (df: ${Math.round(available() / MB)} MB available)`);
      await panel.getByRole('button', { name: 'Dismiss message' }).click();
    }
    expect(await steps(panel).count()).toBe(4);
    // The disk never filled: what was free before the refusals is still (about) free.
    expect(available()).toBeGreaterThan(freeBefore - 5 * MB);
    await expect.poll(() => stored()).toEqual({ sessions: 1, steps: 4, screenshots: 4, images: 8 });
  });

  it('keeps every earlier session after a browser restart', async () => {
    await close();
    await open();
    const after = await stored();
    console.log(`after restart on the nearly full disk: ${JSON.stringify(after)}`);
    expect(after).toEqual({ sessions: 1, steps: 4, screenshots: 4, images: 8 });
    await expect.poll(() => steps(panel).count()).toBe(4);
  });

  it('captures again once space is freed', async () => {
    rmSync(filler);
    await captureButton().click();
    await waitUntil(async () => (await steps(panel).count()) === 5, 'step 5 appears');
    expect(await alertText()).toBe('');
    // The new step's thumbnail follows its commit in a second transaction.
    await expect.poll(() => stored()).toEqual({ sessions: 1, steps: 5, screenshots: 5, images: 10 });
  });

  it('rebuilds every session from the safety copy after the browser deleted its database', async () => {
    // Another session, so that the restore has more than one to bring back.
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByRole('button', { name: 'New session' }).click();
    await startSession(panel, { title: 'Second audit', brand: 'Northwind Outfitters' });
    await captureButton().click();
    await waitUntil(async () => (await steps(panel).count()) === 1, 'the second session has its step');
    // Its thumbnail follows the commit a moment later: measured before it lands, the files and the
    // records would be read on either side of it.
    await expect.poll(() => stored()).toEqual({ sessions: 2, steps: 6, screenshots: 6, images: 12 });
    await waitUntil(safetyCopyCurrent, 'the safety copy holds every session as stored');
    const before = await stored();
    // Images take their space once: as files (OPFS), byte for byte what the screenshots weigh, and
    // IndexedDB holds none of their pixels.
    const space = await imageSpace();
    console.log(
      `image space: ${kb(space.fileBytes)} in OPFS files, ${kb(space.rowBytes)} in IndexedDB rows (${space.rows}), ` +
        `screenshots weigh ${kb(space.screenshotBytes)}; browser usage: IndexedDB ${kb(space.usage.indexedDB)}, OPFS ${kb(space.usage.fileSystem)}`,
    );
    expect(space.rows).toBe(0);
    expect(space.fileBytes).toBe(space.screenshotBytes);
    // IndexedDB's own usage is records only: well under the images' bytes.
    if (space.usage.indexedDB !== undefined) expect(space.usage.indexedDB).toBeLessThan(space.fileBytes / 2);

    // What Chromium does to a store it marked corrupt: the origin's IndexedDB folder goes.
    const { extensionId } = ext!;
    await close();
    const idb = join(profile, 'Default', 'IndexedDB');
    const ours = readdirSync(idb).filter((name) => name.startsWith(`chrome-extension_${extensionId}_`));
    expect(ours.length).toBeGreaterThan(0);
    for (const name of ours) rmSync(join(idb, name), { recursive: true, force: true });

    await open();
    // The records went with the store; the image files, in another folder of the profile, did not.
    expect(await stored()).toEqual({ sessions: 0, steps: 0, screenshots: 0, images: before.images });
    if (shots) await panel.screenshot({ path: join(shots, 'safety-offer.png') });
    await panel.getByRole('button', { name: 'Restore 2 sessions from the safety copy' }).click();
    const notice = panel.getByRole('region', { name: 'Safety copy' }).getByRole('status');
    await expect.poll(() => notice.textContent()).toMatch(/^Restored 2 sessions/);
    console.log(`safety copy: ${await notice.textContent()} (before the loss: ${JSON.stringify(before)})`);
    expect(await stored()).toEqual(before);
    if (shots) await panel.screenshot({ path: join(shots, 'safety-restored.png') });
    // The panel shows them again: the one that was active opens, with its step.
    await expect.poll(() => panel.getByText('Second audit').count()).toBeGreaterThan(0);
  });
});

/** Whether OPFS's safety-copy/index.json names every session at its stored updatedAt. */
async function safetyCopyCurrent(): Promise<boolean> {
  const sessions = await readStore<{ id: string; updatedAt: number }>(panel, 'sessions');
  const index = await panel.evaluate(async () => {
    try {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('safety-copy');
      return JSON.parse(await (await (await root.getFileHandle('index.json')).getFile()).text()) as Record<string, number>;
    } catch {
      return {};
    }
  });
  return sessions.length > 0 && sessions.every((s) => index[s.id] === s.updatedAt);
}
