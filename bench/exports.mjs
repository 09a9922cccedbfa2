// Issue 7's benchmark, run by `npm run bench` after the capture benchmark: a 200-step session
// with real screenshots, exported as the HTML report and as a bundle, then the bundle imported,
// all through the side panel's own buttons. Time is click → file (or → "Imported 1 session").
// The exports' baseline is the least any export must do, measured in the same run between
// them: read every image of the session from its file (OPFS, where images live) into memory. Memory is the peak, above
// its level before, of the process doing the work — the panel for exports, the service worker
// for the import — JS heap plus ArrayBuffer backing stores (Runtime.getHeapUsage, every 10 ms),
// against the bytes of the images (goal ≤ 2×). Blobs live in the browser process and are not in it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installImageFiles, progress, readAll, row, round } from './util.mjs';
import { attachWorker, browserProcessRss, peakDuring } from './worker-cdp.mjs';

const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);

const STEPS = Number(process.env.BENCH_EXPORT_STEPS ?? 200);

/** Seeds STEPS steps (records in IndexedDB, images as OPFS files) from the panel page, reusing `samples` real captures. */
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
      // Each screenshot's thumbnail is a real one, of the size its record says (the import checks).
      const thumbs = await Promise.all(
        blobs.map(async (blob) => {
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(shotTemplate.thumbWidth, shotTemplate.thumbHeight);
          canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
          return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
        }),
      );
      // The files first, then the records, as the product writes them (lib/storage/images.ts).
      for (let i = 1; i < count; i++) {
        await window.__benchImages.put(`bench-shot-${i}`, 'full', blobs[i % blobs.length]);
        await window.__benchImages.put(`bench-shot-${i}`, 'thumb', thumbs[i % blobs.length]);
      }
      const tx = db.transaction(['steps', 'screenshots'], 'readwrite');
      let imageBytes = 0;
      for (let i = 1; i < count; i++) {
        const stepId = `bench-step-${i}`;
        const shotId = `bench-shot-${i}`;
        const blob = blobs[i % blobs.length];
        const thumb = thumbs[i % blobs.length];
        imageBytes += blob.size + thumb.size;
        tx.objectStore('steps').put({ ...template, id: stepId, position: i, capturedAt: template.capturedAt + i * 20_000, note: `Observation ${i}: the delivery estimate is hidden until the basket.`, scores: { 'get-it-right': 1 + (i % 5) } });
        tx.objectStore('screenshots').put({ ...shotTemplate, id: shotId, stepId, sessionId, bytes: blob.size, thumbBytes: thumb.size, annotations: [], createdAt: template.capturedAt + i * 20_000 });
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

async function pageHeap(context, page) {
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    const u = await cdp.send('Runtime.getHeapUsage');
    return u.usedSize + (u.backingStorageSize ?? 0);
  };
  return { heap, gc: () => cdp.send('HeapProfiler.collectGarbage'), detach: () => cdp.detach() };
}

/** The baseline: every full image of the session read from where it lives (OPFS) into ArrayBuffers, in the panel. */
const rawImageRead = (panel) =>
  panel.evaluate(async () => {
    const t0 = performance.now();
    await window.__benchImages.read('full');
    return performance.now() - t0;
  });

export async function exportBenchmarks({ context, panel, shopPage, shop, worker, extensionId, profile }) {
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
    await installImageFiles(panel);
    progress(`exports: seeding ${STEPS} steps`);
    const imageBytes = await seed(panel, session.id, samples);
    await panel.reload();
    await installImageFiles(panel);
    await panel.getByRole('article', { name: new RegExp(`^Step ${STEPS}:`) }).waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByRole('tab', { name: 'Summary' }).click();

    const download = async (button) => {
      const [file] = await Promise.all([panel.waitForEvent('download', { timeout: 120_000 }), panel.getByRole('button', { name: button }).click()]);
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return path;
    };
    const panelMem = await pageHeap(context, panel);
    // Blobs (the images read, the report and zip built) live in the browser process.
    const rss = browserProcessRss(profile);
    const html = [];
    const bundle = [];
    const baseline = [];
    let bundlePath;
    for (let i = 0; i < RUNS; i++) {
      progress(`exports: HTML report and bundle, round ${i + 1} of ${RUNS}`);
      html.push(await peakDuring(panelMem.heap, panelMem.gc, () => download('HTML report'), rss));
      baseline.push(await rawImageRead(panel));
      bundle.push(await peakDuring(panelMem.heap, panelMem.gc, async () => (bundlePath = await download('Bundle (.zip)')), rss));
      baseline.push(await rawImageRead(panel));
    }
    await panelMem.detach();

    await panel.getByRole('button', { name: 'Delete this session…' }).click();
    await panel.getByRole('button', { name: /^Confirm: delete this session/ }).click();
    await panel.getByRole('button', { name: 'Start session' }).waitFor();
    progress('exports: bundle import');
    const workerMem = await attachWorker(context, panel, extensionId);
    void worker;
    const imported = await peakDuring(workerMem.heap, workerMem.gc, async () => {
      await panel.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(bundlePath);
      // The import's notice, or its refusal in words (which fails the bench with that sentence).
      const done = panel.getByText(/^Imported 1 session/).or(panel.locator('[role=alert]:not(.is-empty)'));
      await done.first().waitFor({ timeout: 300_000 });
      const said = await done.first().textContent();
      if (!/^Imported 1 session/.test(said ?? '')) throw new Error(`bundle import: ${said}`);
    }, rss);
    await workerMem.detach();

    const mb = (b) => round(b / 1024 ** 2);
    const imageMB = mb(imageBytes);
    const memRow = (name, runs, where) =>
      ({
        ...row({ name: `${name}, ${STEPS} steps: peak memory of ${where} (JS heap + ArrayBuffers)`, values: runs.map((r) => r.peakBytes / 1024 ** 2), unit: 'MB', goal: '≤ 2× image bytes' }),
        baselineP50: imageMB,
        ratio: round(Math.max(...runs.map((r) => r.peakBytes)) / imageBytes, 2),
        baselineIs: `bytes of the session's images (${imageMB} MB); ratio from the largest peak`,
      });
    // A peak is the rise above the level before. A run whose process never rose above it (its RSS
    // fell meanwhile: memory freed after the exports handed back during the import) has no
    // figure: a 0 there would read as "met" while saying nothing, so such runs are left out, and a
    // row left with none prints no figure, no ratio and no verdict, with its reason in its name.
    const rssRow = (name, runs) => {
      const risen = runs.map((r) => r.rssPeakBytes).filter((b) => b > 0);
      const none = risen.length === 0;
      const note = none ? ` — no figure: its RSS never rose above its level before (it fell during the run), so the peak cannot be told apart` : risen.length < runs.length ? ` (${runs.length - risen.length} of ${runs.length} runs left out: RSS never rose above its level before)` : '';
      return {
        ...row({ name: `${name}, ${STEPS} steps: peak resident memory of the browser process (where Blobs live)${note}`, values: risen.map((b) => b / 1024 ** 2), unit: 'MB', goal: '≤ 2× image bytes' }),
        ...(none ? { p50: null } : {}),
        baselineP50: imageMB,
        ratio: none ? null : round(Math.max(...risen) / imageBytes, 2),
        baselineIs: `bytes of the session's images (${imageMB} MB); ratio from the largest peak; RSS above its level before, sampled every 10 ms from /proc`,
      };
    };
    const how = (what) => ({ start: `click on "${what}"`, stop: 'the file is downloaded', base: "every full image of the session read from its OPFS file into memory, in the panel, between the exports" });
    return [
      row({ name: `HTML report export, ${STEPS} steps: time`, values: html.map((r) => r.ms), baseline, goal: '≤ 3 s', ...how('HTML report') }),
      memRow('HTML report export', html, 'the panel'),
      ...(rss ? [rssRow('HTML report export', html)] : []),
      row({ name: `bundle export, ${STEPS} steps: time`, values: bundle.map((r) => r.ms), baseline, goal: '≤ 3 s', ...how('Bundle (.zip)') }),
      memRow('bundle export', bundle, 'the panel'),
      ...(rss ? [rssRow('bundle export', bundle)] : []),
      row({ name: `bundle import, ${STEPS} steps: time`, values: [imported.ms], goal: '≤ 3 s', start: 'the file chosen', stop: '"Imported 1 session" shown' }),
      memRow('bundle import', [imported], 'the service worker'),
      ...(rss ? [rssRow('bundle import', [imported])] : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
