import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { auditFixture, readStore, type Audit } from './harness';
import { captureStep, expandStep, startSession, step } from './panel';
import { seriousViolations, summary } from './a11y';

// Issue 5 in the browser: a shopper redacts a card number, points at it with an arrow and a
// label, and saves. The card's pixels must be gone from the stored image, the thumbnail and the
// client's report for good; the vectors stay editable.

const CARD = '#e600e6';
const ACCOUNT = `<!doctype html><html><head><title>Your account</title><style>
body { margin: 0; font: 18px sans-serif; background: #f4f4f4; color: #333; }
.badge { position: absolute; left: 1000px; top: 40px; width: 200px; height: 50px; background: ${CARD}; }
#card { position: absolute; left: 420px; top: 330px; width: 380px; height: 70px; background: ${CARD}; color: #fff; font: bold 30px monospace; line-height: 70px; text-align: center; }
</style></head><body><h1 style="margin:40px">Your account</h1><div class="badge"></div><div id="card">4111 1111 1111 1111</div></body></html>`;

const audit = auditFixture({ firstPage: 'account.html', extraPages: { '/account.html': ACCOUNT } });
let { ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ ext, shopPage, panel } = audit));
const dir = mkdtempSync(join(tmpdir(), 'ms-annotate-'));

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Stats {
  width: number;
  height: number;
  /** Brightest channel of any pixel inside the box: the fill is black. */
  insideMax: number;
  insideCount: number;
  /** Pixels of the card's colour outside the box: the rest of the page is intact. */
  cardOutside: number;
  red: number;
  blue: number;
}

/** Reads an image's pixels in the browser: a stored Blob (by IndexedDB key) or an <img>. */
async function pixels(page: Page, source: { key: string } | { selector: string }, box: Box): Promise<Stats> {
  return page.evaluate(
    async ({ source, box, card }) => {
      let bitmap: ImageBitmap;
      if ('key' in source) {
        // The image's file in OPFS (where images live), else its IndexedDB row.
        const opfs = await navigator.storage
          .getDirectory()
          .then(async (root) => (await (await (await root.getDirectoryHandle('safety-copy')).getDirectoryHandle('images')).getFileHandle(source.key.replace('/', '.'))).getFile())
          .catch(() => null);
        const blob = opfs ?? await new Promise<Blob>((resolve, reject) => {
          const open = indexedDB.open('mystery-shopper');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('images').objectStore('images').get(source.key);
            req.onsuccess = () => (open.result.close(), req.result ? resolve(req.result.blob) : reject(new Error(`no image ${source.key}`)));
            req.onerror = () => reject(req.error);
          };
        });
        bitmap = await createImageBitmap(blob);
      } else {
        const img = document.querySelector<HTMLImageElement>(source.selector)!;
        await img.decode();
        bitmap = await createImageBitmap(img);
      }
      const { width, height } = bitmap;
      const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, width, height).data;
      const near = (i: number, [r, g, b]: number[]) => Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 90;
      const [x0, x1] = [Math.ceil(box.x * width), Math.floor((box.x + box.w) * width)];
      const [y0, y1] = [Math.ceil(box.y * height), Math.floor((box.y + box.h) * height)];
      const stats = { width, height, insideMax: 0, insideCount: 0, cardOutside: 0, red: 0, blue: 0 };
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (x >= x0 && x < x1 && y >= y0 && y < y1) {
            stats.insideMax = Math.max(stats.insideMax, data[i]!, data[i + 1]!, data[i + 2]!);
            stats.insideCount++;
          } else if (near(i, card)) stats.cardOutside++;
          // By hue, not exact value: thin lines blur into the background once JPEG has had them.
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (r > 150 && g < 120 && b < 110) stats.red++;
          if (b > 170 && r < 110 && g < 180) stats.blue++;
        }
      return stats;
    },
    { source, box, card: [0xe6, 0x00, 0xe6] },
  );
}

// JPEG q85 rings a little at the edge of a black block; anything near the card's colour or
// its white digits would be far brighter than this.
const JPEG_BLACK = 32;

async function openEditor(): Promise<Page> {
  await expandStep(panel, 1);
  const [page] = await Promise.all([
    ext.context.waitForEvent('page', (p) => p.url().includes('/annotate.html')),
    step(panel, 1).getByRole('button', { name: 'Annotate screenshot of step 1' }).click(),
  ]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('heading', { name: /^Annotate step 1/ }).waitFor();
  return page;
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const svg = await page.getByRole('group', { name: /^Annotations on the screenshot/ }).boundingBox();
  const at = (p: { x: number; y: number }) => [svg!.x + p.x * svg!.width, svg!.y + p.y * svg!.height] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps: 6 });
  await page.mouse.up();
}

describe('annotate and redact a screenshot', () => {
  let card: Box;
  let shotId: string;
  let redact: Box;

  it('draws an arrow, a label and a redaction over the card number, and saves', async () => {
    card = await shopPage.evaluate(() => {
      const r = document.getElementById('card')!.getBoundingClientRect();
      return { x: r.x / innerWidth, y: r.y / innerHeight, w: r.width / innerWidth, h: r.height / innerHeight };
    });
    await startSession(panel, { title: 'Account audit' });
    await captureStep(panel);
    const editor = await openEditor();

    await editor.getByRole('button', { name: 'Arrow', exact: true }).click();
    await drag(editor, { x: card.x - 0.2, y: card.y - 0.2 }, { x: card.x - 0.01, y: card.y });
    await editor.getByRole('button', { name: 'Text', exact: true }).click();
    await drag(editor, { x: card.x, y: card.y + card.h + 0.05 }, { x: card.x, y: card.y + card.h + 0.05 });
    // A colour picked with a shape selected recolours that shape.
    await editor.getByRole('radio', { name: 'Blue' }).check();
    await editor.getByRole('textbox', { name: 'Label text' }).fill('Card number shown in full');
    await editor.getByRole('button', { name: 'Redact', exact: true }).click();
    await drag(editor, { x: card.x - 0.005, y: card.y - 0.005 }, { x: card.x + card.w + 0.005, y: card.y + card.h + 0.005 });
    await expect.poll(() => editor.getByRole('button', { name: /^(Arrow,|Text label|Redaction)/ }).count()).toBe(3);
    if (process.env.MS_SHOTS) await editor.screenshot({ path: join(process.env.MS_SHOTS, 'annotate-editor.png') });

    const dialogs: string[] = [];
    editor.on('dialog', (d) => (dialogs.push(`${d.type()}: ${d.message()}`), void d.accept()));
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    expect(dialogs).toEqual(['confirm: Redacted areas are erased from the stored image. This cannot be undone.']);

    const [shot] = await readStore<{ id: string; annotations: Array<Record<string, unknown>> }>(editor, 'screenshots');
    shotId = shot!.id;
    expect(shot!.annotations.map((a) => a.type)).toEqual(['arrow', 'text', 'redact']);
    expect(shot!.annotations[1]).toMatchObject({ text: 'Card number shown in full', color: '#1570ef' });
    redact = shot!.annotations[2] as unknown as Box;
    await editor.close();
  });

  it('leaves no card pixel in the stored image, and the rest of the page intact', async () => {
    const full = await pixels(panel, { key: `${shotId}/full` }, redact);
    if (process.env.MS_SHOTS) console.log('STATS full', JSON.stringify(full));
    expect(full.insideCount).toBeGreaterThan(10_000);
    expect(full.insideMax).toBeLessThanOrEqual(JPEG_BLACK);
    expect(full.cardOutside).toBeGreaterThan(5_000);
    // The stored image carries the redaction only: arrows and labels stay vectors.
    expect(full.red).toBe(0);
  });

  it('draws the thumbnail from the burned image with the arrow and label on it', async () => {
    const thumb = await pixels(panel, { key: `${shotId}/thumb` }, redact);
    if (process.env.MS_SHOTS) console.log('STATS thumb', JSON.stringify(thumb));
    expect(thumb.width).toBe(320);
    expect(thumb.insideMax).toBeLessThanOrEqual(JPEG_BLACK);
    expect(thumb.cardOutside).toBeGreaterThan(200);
    expect(thumb.red).toBeGreaterThan(20);
    expect(thumb.blue).toBeGreaterThan(20);
  });

  it('exports a report and Markdown whose images have the redaction and the annotations burned in', async () => {
    await panel.getByRole('tab', { name: 'Summary' }).click();
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'HTML report', exact: true }).click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    const report = await ext.context.newPage();
    await report.goto(pathToFileURL(path).href);
    const image = await pixels(report, { selector: 'figure.shot img' }, redact);
    if (process.env.MS_SHOTS) console.log('STATS report', JSON.stringify(image));
    expect(image.width).toBe(1280);
    expect(image.insideMax).toBeLessThanOrEqual(JPEG_BLACK);
    expect(image.cardOutside).toBeGreaterThan(5_000);
    expect(image.red).toBeGreaterThan(100);
    expect(image.blue).toBeGreaterThan(100);
    // The label is pixels, not markup a report reader could select or a script could read.
    expect(await report.getByText('Card number shown in full').count()).toBe(0);
    await report.close();

    const [zip] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Markdown (.zip)', exact: true }).click()]);
    const files = unzipSync(new Uint8Array(readFileSync(await zip.path())));
    const md = await ext.context.newPage();
    await md.setContent(`<img src="data:image/jpeg;base64,${Buffer.from(files['images/step-01-1.jpg']!).toString('base64')}">`);
    const copy = await pixels(md, { selector: 'img' }, redact);
    expect(copy.insideMax).toBeLessThanOrEqual(JPEG_BLACK);
    expect(copy.red).toBeGreaterThan(100);
    await md.close();
    await panel.getByRole('tab', { name: /^Steps/ }).click();
  });

  it('reopens with the shapes still there and editable; the burned redaction stays put', async () => {
    const editor = await openEditor();
    const arrow = editor.getByRole('button', { name: 'Arrow, red' });
    await arrow.waitFor();
    await expect.poll(() => editor.getByRole('button', { name: 'Text label “Card number shown in full”, blue' }).count()).toBe(1);
    const saved = editor.getByRole('status').filter({ hasText: 'All changes saved' });

    expect(summary(await seriousViolations(editor, 'annotation editor'))).toEqual([]);
    await arrow.focus();
    if (process.env.MS_SHOTS) {
      await editor.screenshot({ path: join(process.env.MS_SHOTS, 'annotate-reopened.png') });
      await panel.screenshot({ path: join(process.env.MS_SHOTS, 'annotate-panel.png') });
    }
    await editor.keyboard.press('Shift+ArrowRight');
    await editor.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    await editor.keyboard.press('Control+z');
    await saved.waitFor();

    // Keyboard only: the marker tool, Enter on the image, Delete on the new marker.
    await editor.getByRole('group', { name: /^Annotations on the screenshot/ }).focus();
    await editor.keyboard.press('m');
    await editor.keyboard.press('Enter');
    await editor.getByRole('button', { name: 'Marker 1, red' }).waitFor();
    await editor.keyboard.press('Delete');
    await saved.waitFor();

    await editor.getByRole('button', { name: 'Redaction (burned into the image)' }).focus();
    await editor.keyboard.press('Delete');
    expect(await editor.getByRole('button', { name: 'Redaction (burned into the image)' }).count()).toBe(1);
    await expect.poll(() => saved.count()).toBe(1);

    // Unsaved changes ask before the tab closes.
    await arrow.focus();
    await editor.keyboard.press('ArrowDown');
    await editor.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    const [dialog] = await Promise.all([editor.waitForEvent('dialog'), editor.close({ runBeforeUnload: true })]);
    expect(dialog.type()).toBe('beforeunload');
    await dialog.accept();
  });

  it('on a completed session still takes a redaction, and nothing else', async () => {
    await panel.getByRole('button', { name: 'Complete…' }).click();
    const form = panel.getByRole('form', { name: 'Complete this session' });
    await form.getByRole('button', { name: 'Complete session' }).click();
    await expect.poll(() => panel.locator('.session-header .status').textContent()).toBe('Completed');

    const editor = await openEditor();
    await editor.getByText('This session is completed').waitFor();
    expect(await editor.getByRole('button', { name: 'Box', exact: true }).isDisabled()).toBe(true);
    expect(await editor.getByRole('button', { name: 'Redact', exact: true }).getAttribute('aria-pressed')).toBe('true');
    // Saved shapes are final: the arrow does not move.
    await editor.getByRole('button', { name: 'Arrow, red' }).focus();
    await editor.keyboard.press('Shift+ArrowRight');
    expect(await editor.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);

    const badge = await shopPage.evaluate(() => {
      const r = document.querySelector('.badge')!.getBoundingClientRect();
      return { x: r.x / innerWidth, y: r.y / innerHeight, w: r.width / innerWidth, h: r.height / innerHeight };
    });
    await editor.getByRole('button', { name: 'Redact', exact: true }).click();
    await drag(editor, { x: badge.x - 0.005, y: badge.y - 0.005 }, { x: badge.x + badge.w + 0.005, y: badge.y + badge.h + 0.005 });
    if (process.env.MS_SHOTS) await editor.screenshot({ path: join(process.env.MS_SHOTS, 'annotate-completed.png') });
    editor.on('dialog', (d) => void d.accept());
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const [shot] = await readStore<{ annotations: Array<{ type: string }> }>(editor, 'screenshots');
    expect(shot!.annotations.map((a) => a.type)).toEqual(['arrow', 'text', 'redact', 'redact']);
    // Both magenta areas are gone from the stored image now.
    const full = await pixels(editor, { key: `${shotId}/full` }, redact);
    expect(full.cardOutside).toBe(0);
    await editor.close();
  });
});
