// Issue 7's benchmark, run by `npm run bench` after the capture benchmark: a 200-step session
// with real screenshots, exported as the HTML report and as a bundle, then the bundle imported,
// all through the side panel's own buttons. Time is click → file (or → "Imported"); memory is
// the panel's peak JS heap above its level before the export, sampled every 10 ms over CDP,
// against the bytes of the images exported (the goal is ≤ 2×).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAll } from './util.mjs';

const STEPS = Number(process.env.BENCH_EXPORT_STEPS ?? 200);

/** Seeds STEPS steps into IndexedDB from the panel page, reusing `samples` real captures. */
async function seed(panel, sessionId, samples) {
  return panel.evaluate(
    async ({ sessionId, samples, count }) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const [template] = await new Promise((resolve) => {
        const r = db.transaction('steps').objectStore('steps').getAll();
        r.onsuccess = () => resolve(r.result);
      });
      const [shotTemplate] = await new Promise((resolve) => {
        const r = db.transaction('screenshots').objectStore('screenshots').getAll();
        r.onsuccess = () => resolve(r.result);
      });
      const blobs = await Promise.all(samples.map((b64) => fetch(`data:image/jpeg;base64,${b64}`).then((r) => r.blob())));
      const tx = db.transaction(['steps', 'screenshots', 'images'], 'readwrite');
      let imageBytes = 0;
      for (let i = 1; i < count; i++) {
        const stepId = `bench-step-${i}`;
        const shotId = `bench-shot-${i}`;
        const blob = blobs[i % blobs.length];
        imageBytes += blob.size;
        tx.objectStore('steps').put({ ...template, id: stepId, position: i, capturedAt: template.capturedAt + i * 20_000, note: `Observation ${i}: the delivery estimate is hidden until the basket.`, scores: { 'get-it-right': 1 + (i % 5) } });
        tx.objectStore('screenshots').put({ ...shotTemplate, id: shotId, stepId, sessionId, bytes: blob.size, createdAt: template.capturedAt + i * 20_000 });
        tx.objectStore('images').put({ id: `${shotId}/full`, screenshotId: shotId, variant: 'full', blob });
        tx.objectStore('images').put({ id: `${shotId}/thumb`, screenshotId: shotId, variant: 'thumb', blob });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return imageBytes;
    },
    { sessionId, samples, count: STEPS },
  );
}

async function peakHeapDuring(context, page, action) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const base = await heap();
  let peak = base;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await heap());
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t0 = performance.now();
  await action();
  const ms = performance.now() - t0;
  running = false;
  await sampler;
  await cdp.detach();
  return { ms, peakBytes: peak - base };
}

export async function exportBenchmarks({ context, panel, shopPage, shop }) {
  const dir = mkdtempSync(join(tmpdir(), 'ms-bench-export-'));
  try {
    // Three real captures of the demo shop to reuse as the 200 steps' screenshots.
    const samples = [];
    for (const page of ['index.html', 'products.html', 'checkout.html']) {
      await shopPage.goto(shop.url(page));
      await new Promise((r) => setTimeout(r, 600));
      const data = await panel.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
        return chrome.tabs.captureVisibleTab(tab.windowId, { format: 'jpeg', quality: 85 });
      });
      samples.push(data.slice(data.indexOf(',') + 1));
    }
    await panel.getByRole('textbox', { name: 'Title' }).fill('Export benchmark');
    await panel.getByRole('button', { name: 'Start session' }).click();
    await panel.getByRole('region', { name: 'Current session' }).waitFor();
    await panel.getByRole('button', { name: /^Capture step/ }).click();
    await panel.getByRole('article', { name: /^Step 1:/ }).waitFor();
    const [session] = await readAll(panel, 'sessions');
    const imageBytes = await seed(panel, session.id, samples);
    await panel.reload();
    await panel.getByRole('article', { name: new RegExp(`^Step ${STEPS}:`) }).waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByRole('tab', { name: 'Summary' }).click();

    const download = async (button) => {
      const [file] = await Promise.all([panel.waitForEvent('download', { timeout: 120_000 }), panel.getByRole('button', { name: button }).click()]);
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return path;
    };
    const html = await peakHeapDuring(context, panel, () => download('HTML report'));
    let bundlePath;
    const bundleOut = await peakHeapDuring(context, panel, async () => (bundlePath = await download('Bundle (.zip)')));

    await panel.getByRole('button', { name: 'Delete this session…' }).click();
    await panel.getByRole('button', { name: /^Confirm: delete this session/ }).click();
    await panel.getByRole('button', { name: 'Start session' }).waitFor();
    const bundleIn = await peakHeapDuring(context, panel, async () => {
      await panel.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(bundlePath);
      await panel.getByText(/^Imported 1 session/).waitFor({ timeout: 120_000 });
    });

    const mb = (b) => Math.round((b / 1024 ** 2) * 10) / 10;
    const row = (figure, r, goal) => [
      { figure: `${figure}, ${STEPS} steps: time`, value: Math.round(r.ms), unit: 'ms', baseline: 3000, ratio: Math.round((r.ms / 3000) * 100) / 100, goal },
      { figure: `${figure}, ${STEPS} steps: peak page heap`, value: mb(r.peakBytes), unit: 'MB', baseline: mb(imageBytes), ratio: Math.round((r.peakBytes / imageBytes) * 100) / 100, goal: '≤ 2× image bytes (baseline)' },
    ];
    return [
      ...row('HTML report export', html, '≤ 3 s (baseline)'),
      ...row('bundle export', bundleOut, '≤ 3 s (baseline)'),
      ...row('bundle import', bundleIn, '≤ 3 s (baseline)'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
