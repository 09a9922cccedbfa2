import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderHtmlReport } from '@/lib/export/html-report';
import { hostileSession, XSS_CORPUS } from '../lib/export/xss-corpus';
import { auditFixture, readStore, type Audit } from './harness';
import { captureStep, scoreByKey, startSession, typeNote, waitForNoteSaved } from './panel';

// Issue 7 in the browser: the client's HTML report, CSV and Markdown come out of the panel as
// downloads; the report opens offline, prints to PDF, and runs nothing from hostile text.

const HOSTILE = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>', '</style><script>alert(3)</script>', 'javascript:alert(4)'];
const audit = auditFixture({ slowMs: 100 });
let { ext, shop, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ ext, shop, shopPage, panel } = audit));
const dir = mkdtempSync(join(tmpdir(), 'ms-export-'));
const STEPS = 10;
const PAGES = ['index.html', 'products.html', 'product.html', 'cart.html', 'checkout.html', 'help.html'];

async function download(kind: string): Promise<string> {
  const [file] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: kind, exact: true }).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Opens a file with everything that would betray executed script being recorded. */
async function openWatched(path: string) {
  const page = await ext.context.newPage();
  const seen = { dialogs: [] as string[], console: [] as string[], requests: [] as string[] };
  page.on('dialog', (d) => (seen.dialogs.push(d.message()), void d.dismiss()));
  page.on('console', (m) => seen.console.push(m.text()));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) seen.requests.push(r.url());
  });
  await page.goto(pathToFileURL(path).href);
  return { page, seen };
}

async function assertInert(page: Page, seen: { dialogs: string[]; console: string[]; requests: string[] }) {
  // Give any injected handler the events it would fire on: load, hover, focus.
  await page.mouse.move(200, 200);
  await page.keyboard.press('Tab');
  expect(seen.dialogs).toEqual([]);
  expect(seen.requests).toEqual([]);
  expect(seen.console.filter((m) => !/Content Security Policy/.test(m))).toEqual([]);
  const risky = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: document.querySelectorAll('script').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      jsLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((h) => !/^(#|https?:)/.test(h)),
    };
  });
  expect(risky).toEqual({ scripts: 0, handlers: [], jsLinks: [] });
}

/** The cells of one CSV line split at `separator`, quotes honoured and removed, as a spreadsheet reads them. */
function cellsOf(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === separator) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  return [...cells, cell];
}

describe('exports from the panel', () => {
  it('audits ten pages with hostile text in the session and a note', async () => {
    await startSession(panel, { title: `Audit ${HOSTILE[0]}`, brand: HOSTILE[1], promise: HOSTILE[2] });
    for (let i = 0; i < STEPS; i++) {
      await shopPage.goto(shop.url(PAGES[i % PAGES.length]!));
      await captureStep(panel);
      await scoreByKey(panel, i + 1, 'Get it right', String(1 + (i % 5)));
    }
    await typeNote(panel, 3, `Card field: ${HOSTILE.join(' ')}`);
    await waitForNoteSaved(panel, 3);
    await panel.getByRole('tab', { name: 'Summary' }).click();
  });

  it('downloads an HTML report that reads offline, prints to PDF and runs nothing', async () => {
    const path = await download('HTML report');
    expect(path.endsWith('.html')).toBe(true);
    const { page, seen } = await openWatched(path);
    expect(await page.locator('h1').first().textContent()).toContain(`Audit ${HOSTILE[0]}`);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("default-src 'none'");
    // Every screenshot decoded from the file itself.
    const sizes = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(sizes.length).toBe(STEPS);
    expect(sizes.every((w) => w === 1280)).toBe(true);
    expect(await page.getByText(`Card field: ${HOSTILE.join(' ')}`).count()).toBe(1);
    await assertInert(page, seen);

    for (const format of ['A4', 'Letter'] as const) {
      const pdf = (await page.pdf({ format, printBackground: true })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      // Cover, contents + summary, friction list, then the steps: at most two steps to a page
      // (a screenshot is never cut), and no step alone on more than one page.
      expect(pages, format).toBeGreaterThanOrEqual(3 + STEPS / 2);
      expect(pages, format).toBeLessThanOrEqual(4 + STEPS);
    }
    await page.close();
  });

  it('downloads a CSV with one row per step, formulas neutralised', async () => {
    // Typed through the panel: one formula at the start of a note, one after a semicolon, where
    // Excel in a semicolon locale would split the cell and run what follows.
    await panel.getByRole('tab', { name: /^Steps/ }).click();
    for (const [n, formula] of [[5, '=HYPERLINK("http://evil.example","x")'], [6, 'Shop;=1+1']] as const) {
      await typeNote(panel, n, formula);
      await waitForNoteSaved(panel, n);
    }
    await panel.getByRole('tab', { name: 'Summary' }).click();
    const text = readFileSync(await download('CSV'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('"Session","Brand","Step","Stage"')).toBe(true);
    expect(lines.length).toBe(1 + STEPS);
    expect(lines[5]).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(lines[6]).toContain('"Shop;=1+1"');
    // Read as a comma locale and as a semicolon locale would: no cell starts a formula.
    for (const separator of [',', ';']) {
      const formulas = lines.flatMap((line) => cellsOf(line, separator)).filter((cell) => /^[=+\-@]/.test(cell));
      expect(formulas, separator).toEqual([]);
    }
  });

  it('downloads Markdown with the screenshots beside it', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(readFileSync(await download('Markdown (.zip)'))));
    const names = Array.from({ length: STEPS }, (_, i) => `images/step-${String(i + 1).padStart(2, '0')}-1.jpg`);
    expect(Object.keys(files).sort()).toEqual([...names, 'report.md']);
    const md = strFromU8(files['report.md']!);
    expect(md).not.toMatch(/<[a-zA-Z!/?]/);
    expect(md).toContain('![Screenshot of step 3](images/step-03-1.jpg)');
  });
});

it(`opens a report of all ${XSS_CORPUS.length} hostile payloads in Chromium and nothing runs`, async () => {
  const path = join(dir, 'hostile.html');
  writeFileSync(path, renderHtmlReport(hostileSession()));
  const { page, seen } = await openWatched(path);
  await assertInert(page, seen);
  await page.close();
  expect((await readStore(panel, 'sessions')).length).toBe(1);
});
