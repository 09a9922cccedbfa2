// `npm run bench`: measures the built extension in real Chromium and writes one results file per
// run, bench/results/<runId>.json (run id, date, Chromium version, load average at start and end,
// and the rows), removing those of older runs. Each row starts and stops where the user's wait
// does (README, "Benchmarks"); baselines are measured in the same run, interleaved; goals are a
// column of their own; p95 is printed only from ≥ 40 samples.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startShop } from '../tests/support/server.mjs';
import { chromiumPath, E2E_EXTENSION_DIR, extensionArgs, EXTENSION_DIR } from '../tests/support/chromium.mjs';
import { captureFormats } from './formats.mjs';
import { exportBenchmarks } from './exports.mjs';
import { contextBenchmarks } from './context.mjs';
import { libraryBenchmarks } from './library.mjs';
import { elementBenchmarks } from './element.mjs';
import { annotateBenchmarks } from './annotate.mjs';
import { fullPageBenchmarks } from './fullpage.mjs';
import { goalMet, installImageFiles, progress, round, single, storedImages } from './util.mjs';
import { captureBenchmarks } from './capture.mjs';
import { rendererBenchmarks } from './renderers.mjs';
import { workspaceBenchmarks } from './workspace.mjs';

// 40: the capture rows print a p95, which needs ≥ 40 samples (README, "Sample counts").
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
// Rows that print a p50 only (element capture, annotate saves): 20 keep the median steady and the run short.
const FEW = Number(process.env.BENCH_FEW ?? 20);
// BENCH_ONLY=capture (or a comma list of parts, PARTS below) runs only those; its results file records `only`.
const ONLY = process.env.BENCH_ONLY ?? '';
const PARTS = ['capture', 'formats', 'context', 'sizes', 'element', 'annotate', 'exports', 'library', 'fullpage', 'renderers', 'workspace'];
const wanted = new Set(ONLY ? ONLY.split(',').map((p) => p.trim()) : PARTS);
for (const part of wanted) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: no part "${part}" (parts: ${PARTS.join(', ')})`);
const runs = (part) => wanted.has(part);
// The parts that run in one shared browser, on the session the capture part fills.
const SHARED = ['capture', 'formats', 'context', 'sizes', 'element', 'annotate'];
const benchStart = performance.now();
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const PAGES = ['index.html', 'products.html', 'product.html', 'cart.html', 'checkout.html', 'help.html'];

/**
 * A fresh profile with the built extension, the shop's first page in a tab, and the panel bound
 * to that tab in a window of its own (as in the e2e tests).
 */
async function launchBench(shop) {
  const profile = mkdtempSync(join(tmpdir(), 'ms-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    // BENCH_HEADED=1 (under a display, e.g. xvfb-run) measures a windowed browser, where
    // captureVisibleTab reads back a composited frame as it does for a real user.
    headless: !process.env.BENCH_HEADED,
    viewport: { width: 1280, height: 800 },
    // The test build: the store build plus the worker's handle on the shortcut, which the
    // shortcut figure calls (sizes below are the store build's).
    args: extensionArgs(E2E_EXTENSION_DIR),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const shopPage = context.pages()[0] ?? (await context.newPage());
  await shopPage.goto(shop.url(PAGES[0]));
  const tab = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0], shopPage.url());
  const [panel] = await Promise.all([
    context.waitForEvent('page'),
    worker.evaluate((u) => chrome.windows.create({ url: u }).then(() => undefined), `chrome-extension://${extensionId}/sidepanel.html?tab=${tab.id}`),
  ]);
  await panel.getByRole('textbox', { name: 'Title' }).waitFor();
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, extensionId, shopPage, tab, panel, close, profile };
}

async function main() {
  const runId = new Date().toISOString().replace(/[:.]/g, '-');
  const loadStart = loadavg().map((x) => round(x, 2));
  // One file per run: nothing of an older run is kept beside it.
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const shop = await startShop({ slowMs: 0 });
  const rows = [];
  let chromiumVersion = '';
  let phases = [];
  /**
   * Runs one part if it was asked for. A part that throws leaves a FAILED row with its error in
   * the table (and the run's exit code 1); the other parts still run, so one run shows them all.
   */
  const part = async (name, label, work) => {
    if (!runs(name)) return;
    progress(label);
    try {
      rows.push(...(await work()));
      // What is measured so far is on disk: a run stopped later keeps it (marked incomplete).
      resultOf(rows, phases, { runId, loadStart, chromiumVersion }, false);
    } catch (e) {
      console.error(`bench: ${label} FAILED`, e);
      const said = String(e?.message ?? e).split('\n')[0].slice(0, 160);
      rows.push({ row: `${label}: FAILED (${said})`, n: 0, p50: null, p95: null, baselineP50: null, ratio: null, ratioP95: null, goal: 'completes', unit: '', baselineN: 0, failed: true });
      process.exitCode = 1;
    }
  };
  try {
    if (SHARED.some(runs)) {
      progress('launching Chromium');
      const { context, worker, shopPage, tab, panel, close } = await launchBench(shop);
      try {
        const cdp = await context.newCDPSession(shopPage);
        chromiumVersion = (await cdp.send('Browser.getVersion')).product;
        await cdp.detach();
        await panel.getByRole('textbox', { name: 'Title' }).fill('Benchmark');
        await panel.getByRole('button', { name: 'Start session' }).click();
        await panel.getByRole('region', { name: 'Current session' }).waitFor();
        await sharedParts({ worker, shopPage, tab, panel });
      } finally {
        await close();
      }
    }
    await part('exports', 'exports', () => exportsInFreshBrowser(shop));
    await part('library', 'library', () => libraryBenchmarks());
    await part('fullpage', 'full page', () => fullPageBenchmarks(launchBench));
    await part('renderers', 'renderers', async () => (await rendererBenchmarks(launchBench)).rows);
    await part('workspace', 'team workspace', () => workspaceBenchmarks({ shop, pages: PAGES }));
  } finally {
    await shop.close();
  }
  // Parts that launch no shared browser: the version from the binary itself.
  chromiumVersion ||= execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).trim();
  finish(rows, phases, { runId, loadStart, chromiumVersion });

  /** The parts that share one browser and the capture part's session. */
  async function sharedParts({ worker, shopPage, tab, panel }) {
    await part('capture', 'capture', async () => {
      const captured = await captureBenchmarks({ panel, worker, shopPage, shop, pages: PAGES, tab, samples: SAMPLES });
      phases = captured.phases;
      return captured.rows;
    });
    // The parts below read this session's steps: with no capture part, one step to work on.
    if (!runs('capture') && (runs('formats') || runs('annotate'))) {
      await panel.getByRole('button', { name: /^Capture step/ }).click();
      await panel.getByRole('article', { name: /^Step 1:/ }).waitFor();
    }
    await part('formats', 'formats', () => formatRows({ shopPage, tab, panel }));
    await part('context', 'page context', () => contextBenchmarks({ panel, shopPage, shop, pages: PAGES, tabId: tab.id, samples: SAMPLES }));
    await part('sizes', 'bundle sizes', async () => sizeRows());
    await part('element', 'element capture', () => elementBenchmarks({ panel, worker, shopPage, shop, tab, samples: FEW }));
    await part('annotate', 'annotate', () => annotateBenchmarks(panel, worker, FEW));
  }
  async function formatRows({ shopPage, tab, panel }) {
    // Images are files in the extension's OPFS since issue 12 (old profiles' IndexedDB rows counted too).
    await installImageFiles(panel);
    const sizes = await storedImages(panel);
    const full = sizes.filter((s) => s.variant === 'full').map((s) => s.size);
    const thumbs = sizes.filter((s) => s.variant === 'thumb').map((s) => s.size);
    const perStep = (full.reduce((a, b) => a + b, 0) + thumbs.reduce((a, b) => a + b, 0)) / full.length / 1024;

    const formats = await captureFormats(panel, shopPage, shop, PAGES, tab.windowId);
    return [
      single('stored bytes per 1280×800 step (image + thumbnail), mean', round(perStep), 'KB', '≤ 150 KB', { baselineP50: round(formats.pngKB), ratio: round(perStep / formats.pngKB, 2), baselineIs: 'lossless PNG capture of the same pages' }),
      ...formats.rows,
    ];
  }
  function sizeRows() {
    const gz = (dir, match) => {
      const files = readdirSync(dir, { recursive: true }).filter((f) => match(String(f)));
      return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, String(f)))).length, 0) / 1024;
    };
    // The panel's page plus every script and style it references (shared chunks included).
    const panelHtml = readFileSync(join(EXTENSION_DIR, 'sidepanel.html'), 'utf8');
    const panelFiles = new Set(['sidepanel.html', ...[...panelHtml.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1])]);
    return [
      single('background bundle, gzip', round(gz(EXTENSION_DIR, (f) => f === 'background.js')), 'KB'),
      single('side panel bundle (JS + CSS + HTML), gzip', round(gz(EXTENSION_DIR, (f) => panelFiles.has(f.replaceAll('\\', '/')))), 'KB'),
    ];
  }
}

/** The run's one results file; `complete` false while parts are still to run. */
function resultOf(rows, phases, { runId, loadStart, chromiumVersion }, complete) {
  const result = { runId, complete, date: new Date().toISOString(), minutes: round((performance.now() - benchStart) / 60_000), chromium: chromiumVersion, samples: SAMPLES, few: FEW, settings: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_'))), loadAverage: { start: loadStart, end: loadavg().map((x) => round(x, 2)), cores: cpus().length }, rows: rows.map((r) => ({ ...r, goalMet: goalMet(r) })), capturePhases: phases };
  // A partial run (BENCH_ONLY) says so in its file: which part ran.
  if (ONLY) result.only = ONLY;
  writeFileSync(join(RESULTS_DIR, `${runId}.json`), JSON.stringify(result, null, 2) + '\n');
  return result;
}

function finish(rows, phases, run) {
  printTable(resultOf(rows, phases, run, true), `bench/results/${run.runId}.json`);
}

/**
 * The one table: every row with its figure (p50, and p95 from ≥ 40 samples), unit, baseline p50
 * with a key to what the baseline is (listed under the table), ratio, goal, samples, and whether
 * the goal is met (— where the row has no goal). The capture's phases are rows of it too.
 */
function printTable({ runId, minutes, chromium, loadAverage, settings, rows, capturePhases }, file) {
  console.log(`run ${runId} · ${minutes} min · ${chromium} · load average (1/5/15 min) ${loadAverage.start.join(' ')} at start, ${loadAverage.end.join(' ')} at end, ${loadAverage.cores} cores`);
  if (Object.keys(settings).length) console.log(`settings: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  const cell = (v) => (v === null || v === undefined || v === '' ? '' : String(v));
  const keys = new Map();
  const keyOf = (what) => {
    if (!what) return '';
    if (!keys.has(what)) keys.set(what, `b${keys.size + 1}`);
    return keys.get(what);
  };
  const lines = [];
  for (const r of rows) {
    const met = goalMet(r);
    lines.push([r.row, cell(r.p50), cell(r.p95), r.unit, r.baselineP50 === null || r.baselineP50 === undefined ? '' : `${r.baselineP50} ${keyOf(r.baselineIs)}`.trim(), r.ratio === null || r.ratio === undefined ? '' : r.ratioP95 ? `${r.ratio} (p95 ${r.ratioP95})` : String(r.ratio), cell(r.goal), String(r.n), met === null ? '—' : met ? 'met' : 'NOT met']);
    // The capture's phases right under its click row: where each millisecond of it goes.
    // Other paths carry theirs on their row.
    const phasesHere = /^capture: click/.test(r.row) ? capturePhases : (r.phases ?? []);
    for (const p of phasesHere) lines.push([`  phase: ${p.phase}`, cell(p.p50), cell(p.p95), 'ms', '', '', '', String(p.n), '—']);
  }
  const head = ['row', 'p50', 'p95', 'unit', 'baseline p50', 'ratio', 'goal', 'n', 'goal met'];
  const width = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i >= 3 ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ').trimEnd();
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
  for (const l of lines) console.log(line(l));
  if (keys.size) {
    console.log('Baselines (measured in this run):');
    for (const [what, key] of keys) console.log(`  ${key}: ${what}`);
  }
  const met = rows.map(goalMet);
  console.log(`Goals: ${met.filter((m) => m === true).length} met, ${met.filter((m) => m === false).length} not met, ${met.filter((m) => m === null).length} rows without a goal.`);
  console.log(`written to ${file}`);
}

/** The export benchmark gets a browser of its own, so the capture run's 90 steps don't count. */
async function exportsInFreshBrowser(shop) {
  const { context, shopPage, panel, worker, extensionId, close, profile } = await launchBench(shop);
  try {
    return await exportBenchmarks({ context, panel, shopPage, shop, worker, extensionId, profile });
  } finally {
    await close();
  }
}

await main();
