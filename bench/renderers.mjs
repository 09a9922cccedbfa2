/* global html2canvas, snapdom, modernScreenshot -- each renderer is injected into the page as a global by its own bundle before this function runs there */
// Which DOM renderer for "Render page": html2canvas-pro, @zumer/snapdom and modern-screenshot,
// side by side in one run on the stress pages of tests/support/render-pages.mjs. Each renders the
// whole document at 1 px per CSS px (what "Render page" does); time is the library call in the
// page, and fidelity is the share of the top viewport's pixels within ±24 per channel of a
// captureVisibleTab (PNG) of the same viewport taken just before. A render that has not finished
// after DEADLINE_MS counts as failed. Libraries are loaded into the page's main world by the bench.
import { fileURLToPath } from 'node:url';
import { startShop } from '../tests/support/server.mjs';
import { canvasPage, innerScrollBoxPage, oklchPage, shadowDomPage, startBlackhole, unreachableImagesPage, webFontFile, webFontPage } from '../tests/support/render-pages.mjs';
import { fullPageToShown, installPanelWatch } from './panel-watch.mjs';
import { median, progress, round, row, sleep } from './util.mjs';

const t0Label = (t) => `${t.renderer} on ${t.page}: ${t.ms} ms, ${t.error ?? `fidelity ${t.fidelity} %`}`;

const SAMPLES = Number(process.env.BENCH_RENDER_SAMPLES ?? 1);
const DEADLINE_MS = 20_000;
const TOLERANCE = 24;
const nodeModules = (file) => fileURLToPath(new URL(`../node_modules/${file}`, import.meta.url));
export const RENDERERS = [
  { name: 'html2canvas-pro 2.5.2', file: 'html2canvas-pro/dist/html2canvas-pro.min.js', call: 'html2canvas' },
  { name: '@zumer/snapdom 3.1.1', file: '@zumer/snapdom/dist/snapdom.js', call: 'snapdom' },
  { name: 'modern-screenshot 4.7.0', file: 'modern-screenshot/dist/index.js', call: 'modernScreenshot' },
];

/** Runs in the page: renders the document with one library, returns its time and the top viewport as PNG. */
async function renderInPage({ call, deadline }) {
  const el = document.documentElement;
  const w = innerWidth;
  const h = innerHeight;
  const fullW = Math.max(el.scrollWidth, w);
  const fullH = Math.max(el.scrollHeight, document.body?.scrollHeight ?? 0, h);
  const t0 = performance.now();
  const work = (async () => {
    if (call === 'html2canvas')
      return html2canvas(el, { scale: 1, logging: false, useCORS: false, backgroundColor: '#ffffff', width: fullW, height: fullH, windowHeight: fullH, scrollX: 0, scrollY: 0 });
    if (call === 'snapdom') return snapdom.toCanvas(el, { scale: 1, dpr: 1, backgroundColor: '#ffffff' });
    return modernScreenshot.domToCanvas(el, { scale: 1, backgroundColor: '#ffffff' });
  })();
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve('deadline'), deadline)));
  let canvas;
  try {
    canvas = await Promise.race([work, late]);
  } catch (e) {
    return { ms: performance.now() - t0, error: String(e?.message ?? e).slice(0, 120) };
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - t0;
  if (canvas === 'deadline') return { ms, error: `not done after ${deadline / 1000} s` };
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h;
  const g = out.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, w, h);
  const k = canvas.width / fullW;
  g.drawImage(canvas, 0, 0, w * k, h * k, 0, 0, w, h);
  try {
    return { ms, png: out.toDataURL('image/png') };
  } catch (e) {
    return { ms, error: `canvas unreadable: ${String(e?.message ?? e).slice(0, 80)}` };
  }
}

/** In the panel: share of pixels of `b` within `tolerance` per channel of `a` (both data URLs). */
const fidelity = (panel, a, b) =>
  panel.evaluate(
    async ({ a, b, tolerance }) => {
      const pixels = async (url) => {
        const bmp = await createImageBitmap(await (await fetch(url)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d');
        g.drawImage(bmp, 0, 0);
        return { w: bmp.width, h: bmp.height, d: g.getImageData(0, 0, bmp.width, bmp.height).data };
      };
      const [x, y] = await Promise.all([pixels(a), pixels(b)]);
      const w = Math.min(x.w, y.w);
      const h = Math.min(x.h, y.h);
      let same = 0;
      for (let row = 0; row < h; row++) {
        for (let col = 0; col < w; col++) {
          const i = (row * x.w + col) * 4;
          const j = (row * y.w + col) * 4;
          if (Math.abs(x.d[i] - y.d[j]) <= tolerance && Math.abs(x.d[i + 1] - y.d[j + 1]) <= tolerance && Math.abs(x.d[i + 2] - y.d[j + 2]) <= tolerance) same++;
        }
      }
      return same / (x.w * x.h);
    },
    { a, b, tolerance: TOLERANCE },
  );

/** @param {(shop: object) => Promise<any>} launch */
export async function rendererBenchmarks(launch) {
  const blackhole = await startBlackhole();
  const pages = {
    '/r-oklch.html': oklchPage(),
    '/r-font.html': webFontPage(),
    '/r-unreachable.html': unreachableImagesPage(blackhole.url),
    '/r-shadow.html': shadowDomPage(),
    '/r-canvas.html': canvasPage(),
    '/r-inner.html': innerScrollBoxPage(),
  };
  const labels = { '/r-oklch.html': '2,000 nodes, oklch()/lab()', '/r-font.html': 'web font', '/r-unreachable.html': 'images from a host that never answers', '/r-shadow.html': 'shadow DOM', '/r-canvas.html': 'canvas', '/r-inner.html': 'inner scrolling box' };
  const shop = await startShop({ extraPages: pages, extraFiles: webFontFile() });
  progress('renderers: launching');
  const { panel, shopPage, tab, close } = await launch(shop);
    const table = [];
  try {
    for (const path of Object.keys(pages)) {
      for (const lib of RENDERERS) {
        const times = [];
        const scores = [];
        let error = null;
        for (let i = 0; i < SAMPLES; i++) {
          await shopPage.goto(shop.url(path.slice(1)), { waitUntil: 'domcontentloaded' });
          await shopPage.evaluate(() => document.fonts.ready.then(() => undefined));
          await sleep(600);
          const reference = await panel.evaluate((windowId) => chrome.tabs.captureVisibleTab(windowId, { format: 'png' }), tab.windowId);
          await shopPage.addScriptTag({ path: nodeModules(lib.file) });
          const r = await shopPage.evaluate(renderInPage, { call: lib.call, deadline: DEADLINE_MS });
          times.push(r.ms);
          if (r.error) {
            error = r.error;
            // A failure is a failure; its time is what the shopper would wait. One is enough.
            break;
          }
          scores.push(await fidelity(panel, reference, r.png));
        }
        table.push({ page: labels[path], renderer: lib.name, n: times.length, ms: round(median(times)), fidelity: scores.length ? round(median(scores) * 100) : null, error });
        progress(`renderers: ${t0Label(table.at(-1))}`);
      }
    }

    // The shipped "Render page", end to end: request in the panel → the step's picture decoded there.
    await panel.getByRole('textbox', { name: 'Title' }).fill('Render benchmark');
    await panel.getByRole('button', { name: 'Start session' }).click();
    await panel.getByRole('region', { name: 'Current session' }).waitFor();
    await installPanelWatch(panel);
    const shipped = [];
    for (let i = 0; i < SAMPLES + 3; i++) {
      await shopPage.goto(shop.url('r-oklch.html'));
      // Let the tab settle after the navigation, and the capture quota free up.
      await sleep(600);
      shipped.push(await fullPageToShown(panel, tab.id, 'dom'));
    }
    const rows = table.map((t) =>
      ({
        // Fidelity (or the failure) is part of what the row says, not a goal: the choice between the
        // libraries is made from time and fidelity together (README, "Which DOM renderer").
        ...row({ name: `DOM render, ${t.renderer}, ${t.page}: ${t.error ? `FAILED (${t.error})` : `fidelity ${t.fidelity} %`}`, values: [t.ms], start: 'the library call in the page', stop: 'its canvas' }),
        n: t.n,
        fidelity: t.fidelity,
      }));
    rows.push(row({ name: '"Render page" (shipped renderer) → step visible, 2,000-node oklch page', values: shipped, start: 'the request sent from the panel page', stop: "the new step's picture decoded in the panel" }));
    return { rows, table };
  } finally {
    await close();
    await shop.close();
    await blackhole.close();
  }
}
