import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshProfile, launchExtension, openPanel, readStore, removeProfile, type Extension } from './harness';
import { expandStep, startSession, step, steps } from './panel';
import { startShop } from '../support/server.mjs';

// Issue 5, element and region capture: a close-up picked by keyboard alone is exactly the
// element's pixels at the device's scale (2×, a real one), a dragged region is its size × 2,
// Esc leaves the page as it was, and a close-up can join an existing step.

const DPR = 2;
let shop: Awaited<ReturnType<typeof startShop>>;
let ext: Extension;
let shopPage: Page;
let panel: Page;

beforeAll(async () => {
  shop = await startShop({ slowMs: 0 });
  ext = await launchExtension(freshProfile(), { deviceScaleFactor: DPR });
  shopPage = ext.context.pages()[0] ?? (await ext.context.newPage());
  await shopPage.goto(shop.url('index.html'));
  panel = await openPanel(ext, shopPage);
  await startSession(panel, { title: 'Close-ups' });
});
afterAll(async () => {
  await ext?.close();
  await shop?.close();
  if (ext) removeProfile(ext.profileDir);
});

const picker = () => shopPage.locator('mystery-shopper-picker');
const screenshots = () => readStore<{ id: string; stepId: string; kind: string; width: number; height: number; devicePixelRatio: number; createdAt: number }>(panel, 'screenshots');

/** The element's size in image pixels, rounded outwards as the crop does. */
async function expectedPixels(page: Page, name: string) {
  const box = (await page.getByRole('link', { name, exact: true }).boundingBox())!;
  return { width: Math.ceil((box.x + box.width) * DPR) - Math.floor(box.x * DPR), height: Math.ceil((box.y + box.height) * DPR) - Math.floor(box.y * DPR) };
}

/**
 * Decodes a stored image in the panel and describes its pixels: the share close to `rgb`, the
 * number that look like the picker's magenta outline, and (given a reference PNG of the same
 * size) the mean difference per channel.
 */
function analyse(screenshotId: string, rgb: [number, number, number], referencePng?: string) {
  return panel.evaluate(
    async ({ key, rgb, referencePng }) => {
      // The image's file in OPFS (where images live), else its IndexedDB row.
      const opfs = await navigator.storage
        .getDirectory()
        .then(async (root) => (await (await (await root.getDirectoryHandle('safety-copy')).getDirectoryHandle('images')).getFileHandle(key.replace('/', '.'))).getFile())
        .catch(() => null);
      const blob: Blob = opfs ?? await new Promise((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onsuccess = () => {
          const req = open.result.transaction('images').objectStore('images').get(key);
          req.onsuccess = () => resolve(req.result.blob);
          req.onerror = () => reject(req.error);
        };
      });
      const pixels = async (b: Blob) => {
        const bitmap = await createImageBitmap(b);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const image = await pixels(blob);
      let near = 0;
      let magenta = 0;
      const d = image.data;
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i]! - rgb[0]) + Math.abs(d[i + 1]! - rgb[1]) + Math.abs(d[i + 2]! - rgb[2]) < 30) near++;
        if (d[i]! > 180 && d[i + 1]! < 90 && d[i + 2]! > 140) magenta++;
      }
      let meanDiff: number | null = null;
      if (referencePng) {
        const bytes = Uint8Array.from(atob(referencePng), (c) => c.charCodeAt(0));
        const ref = await pixels(new Blob([bytes], { type: 'image/png' }));
        // Playwright rounds a fractional clip to whole CSS px: compare the rows both have.
        const w = Math.min(ref.width, image.width);
        const h = Math.min(ref.height, image.height);
        if (Math.abs(ref.width - image.width) <= 2 && Math.abs(ref.height - image.height) <= 2) {
          let sum = 0;
          for (let y = 0; y < h; y++)
            for (let x = 0; x < w; x++)
              for (let c = 0; c < 3; c++) sum += Math.abs(d[(y * image.width + x) * 4 + c]! - ref.data[(y * ref.width + x) * 4 + c]!);
          meanDiff = sum / (w * h * 3);
        }
      }
      return { width: image.width, height: image.height, share: near / (d.length / 4), magenta, meanDiff };
    },
    { key: `${screenshotId}/full`, rgb, referencePng },
  );
}

describe('element and region capture', () => {
  it('picks an element with the keyboard alone and stores exactly its pixels', async () => {
    expect(await shopPage.evaluate(() => devicePixelRatio)).toBe(DPR);
    // Keyboard only: the button is pressed with Enter, and the arrows go to the picker through
    // the panel, which keeps the focus as it does in a real side panel.
    await panel.getByRole('button', { name: 'Element', exact: true }).press('Enter');
    await picker().waitFor({ state: 'attached' });
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Pick an element' }).isVisible()).toBe(true);
    // From the page's first block (the announcement bar) down to the hero's first button,
    // with a detour to its sibling and back.
    const walk = ['ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowLeft'];
    for (const key of walk) await panel.keyboard.press(key);
    await panel.keyboard.press('Enter');
    await expect.poll(() => steps(panel).count()).toBe(1);
    await picker().waitFor({ state: 'detached' });

    const [shot] = await screenshots();
    expect(shot).toMatchObject({ kind: 'element', devicePixelRatio: DPR, ...(await expectedPixels(shopPage, 'Shop the collection')) });
    // The same pixels as the browser renders them, taken by Playwright over the same rect.
    const box = (await shopPage.getByRole('link', { name: 'Shop the collection', exact: true }).boundingBox())!;
    const [x, y] = [Math.floor(box.x * DPR) / DPR, Math.floor(box.y * DPR) / DPR];
    const clip = { x, y, width: shot!.width / DPR, height: shot!.height / DPR };
    const reference = (await shopPage.screenshot({ clip, animations: 'disabled' })).toString('base64');
    const pixels = await analyse(shot!.id, [0x2f, 0x5d, 0x4a], reference);
    // Mostly the button's green (the rest is its white label and rounded corners).
    expect(pixels.share).toBeGreaterThan(0.5);
    expect(pixels.magenta).toBe(0);
    expect(pixels.meanDiff).not.toBeNull();
    expect(pixels.meanDiff!).toBeLessThan(6);
    // The page did not follow the link: Enter went to the picker.
    expect(shopPage.url()).toBe(shop.url('index.html'));
  });

  it('captures a region dragged with the mouse, at its size × the device scale', async () => {
    await panel.getByRole('button', { name: 'Region', exact: true }).click();
    await picker().waitFor({ state: 'attached' });
    await shopPage.mouse.move(100, 150);
    await shopPage.mouse.down();
    await shopPage.mouse.move(250, 260, { steps: 4 });
    await shopPage.mouse.move(400, 350, { steps: 4 });
    await shopPage.mouse.up();
    await expect.poll(() => steps(panel).count()).toBe(2);
    const region = (await screenshots()).find((s) => s.kind === 'region');
    expect(region).toMatchObject({ width: 300 * DPR, height: 200 * DPR, devicePixelRatio: DPR });
    expect((await analyse(region!.id, [255, 0, 200])).magenta).toBe(0);
  });

  it('Esc leaves the page exactly as it was, its listeners working, and nothing captured', async () => {
    await shopPage.evaluate(() => {
      (window as any).clicks = 0;
      document.addEventListener('click', (e) => {
        (window as any).clicks++;
        e.preventDefault();
      });
    });
    const before = await shopPage.evaluate(() => document.documentElement.outerHTML);
    const storedBefore = await screenshots();
    await panel.getByRole('button', { name: 'Element', exact: true }).click();
    await picker().waitFor({ state: 'attached' });
    await shopPage.keyboard.press('Escape');
    await picker().waitFor({ state: 'detached' });
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Picker closed; nothing was captured.' }).isVisible()).toBe(true);
    expect(await panel.getByRole('alert').textContent()).toBe('');
    expect(await shopPage.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    expect(await screenshots()).toEqual(storedBefore);
    expect(await steps(panel).count()).toBe(2);
    // The page's own click handling is back: a click reaches its listener again.
    await shopPage.getByRole('link', { name: 'Shop the collection', exact: true }).click();
    expect(await shopPage.evaluate(() => (window as any).clicks)).toBe(1);
  });

  it('adds an element close-up to an existing step, which then shows two screenshots', async () => {
    await expandStep(panel, 1);
    await step(panel, 1).getByRole('button', { name: 'Add an element close-up to step 1' }).click();
    await picker().waitFor({ state: 'attached' });
    // The picker starts on the focused element: the link clicked a moment ago.
    await shopPage.keyboard.press('Enter');
    const shots = step(panel, 1).getByRole('img', { name: /^Screenshot \d of step 1:/ });
    await expect.poll(() => shots.count()).toBe(2);
    await step(panel, 1).getByRole('img', { name: /^Screenshot 2 of step 1: element close-up, \d+×\d+$/ }).waitFor();
    expect(await steps(panel).count()).toBe(2);
    const first = (await readStore<{ id: string; position: number }>(panel, 'steps')).find((s) => s.position === 0)!;
    const ofStep1 = (await screenshots()).filter((s) => s.stepId === first.id).sort((a, b) => a.createdAt - b.createdAt);
    expect(ofStep1.map((s) => s.kind)).toEqual(['element', 'element']);
    expect(ofStep1[1]).toMatchObject(await expectedPixels(shopPage, 'Shop the collection'));
  });

  it('a click picks the element under the pointer, and the page does not follow the link', async () => {
    await panel.getByRole('button', { name: 'Element', exact: true }).click();
    await picker().waitFor({ state: 'attached' });
    const s1 = (await readStore<{ id: string; position: number }>(panel, 'steps')).find((s) => s.position === 0)!.id;
    await shopPage.getByRole('link', { name: 'Track an order', exact: true }).click();
    await expect.poll(() => steps(panel).count()).toBe(3);
    const latest = (await screenshots()).find((s) => s.stepId !== s1 && s.kind === 'element');
    expect(latest).toMatchObject({ kind: 'element', ...(await expectedPixels(shopPage, 'Track an order')) });
    expect(shopPage.url()).toBe(shop.url('index.html'));
  });

  it('an element taller than the window is cut to the window, and the panel says so', async () => {
    await panel.getByRole('button', { name: 'Element', exact: true }).click();
    await picker().waitFor({ state: 'attached' });
    // Up and up again ends on the page's body, many screens tall.
    for (let i = 0; i < 8; i++) await shopPage.keyboard.press('ArrowUp');
    await shopPage.keyboard.press('Enter');
    await expect.poll(() => steps(panel).count()).toBe(4);
    await panel.getByRole('status').filter({ hasText: 'larger than the window; its visible part was captured' }).waitFor();
    const viewport = await shopPage.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    const tallest = (await screenshots()).reduce((a, b) => (b.height > a.height ? b : a));
    expect(tallest.height).toBe(viewport.height * DPR);
    expect(tallest.width).toBeLessThanOrEqual(viewport.width * DPR);
  });

  it('ignores clicks and keys the page makes up: only the shopper picks or cancels', async () => {
    const count = await steps(panel).count();
    const stored = await screenshots();
    await panel.getByRole('button', { name: 'Element', exact: true }).click();
    await picker().waitFor({ state: 'attached' });
    // The audited page tries to choose for the shopper, then to dismiss the picker.
    const reached = await shopPage.evaluate(() => {
      let seen = 0;
      document.addEventListener('keydown', () => seen++);
      const link = document.querySelector('a')!;
      link.addEventListener('click', (e) => (e.preventDefault(), seen++));
      link.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
      link.click();
      for (const key of ['Enter', 'ArrowDown', 'Escape']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      return seen;
    });
    // The page's own listeners still saw its events: the picker left them alone.
    expect(reached).toBe(4);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Pick an element' }).isVisible()).toBe(true);
    expect(await picker().count()).toBe(1);
    expect(await steps(panel).count()).toBe(count);
    expect(await screenshots()).toEqual(stored);
    // The shopper's own Escape still works.
    await shopPage.keyboard.press('Escape');
    await picker().waitFor({ state: 'detached' });
    expect(await steps(panel).count()).toBe(count);
  });

  it('closing the panel mid-pick takes the picker away too, and nothing is captured', async () => {
    const before = await shopPage.evaluate(() => document.documentElement.outerHTML);
    await panel.getByRole('button', { name: 'Element', exact: true }).click();
    await picker().waitFor({ state: 'attached' });
    await panel.close();
    await picker().waitFor({ state: 'detached' });
    expect(await shopPage.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    panel = await openPanel(ext, shopPage);
    await expect.poll(() => steps(panel).count()).toBe(4);
    expect(await readStore(panel, 'screenshots')).toHaveLength(5);
  });
});
