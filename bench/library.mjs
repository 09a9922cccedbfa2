// Issue 6's benchmark, run by `npm run bench`: 1,000 sessions / 20,000 steps with a screenshot
// each (image and thumbnail), written straight into IndexedDB (records) and OPFS (image files) from an extension page (a bundle
// import of that size would measure the importer, not the library). Then, in the dashboard:
//   list render  = navigation → the frame painted once every row the user asked for is there: the
//                  first page of rows drawn from the full read, and the count of all 1,000 sessions;
//   search       = keystroke (the input event's timestamp) → the frame painted after the results.
// Baselines, same run: the empty library's render; for search, the same keystrokes typed into a
// bare <input> the bench adds to the same page (input → frame with no work behind it), interleaved.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, extensionArgs } from '../tests/support/chromium.mjs';
import { installImageFiles, progress, row, single } from './util.mjs';

const SESSIONS = Number(process.env.BENCH_LIBRARY_SESSIONS ?? 1000);
const STEPS_PER_SESSION = 20;
const RENDERS = Number(process.env.BENCH_LIBRARY_RENDERS ?? 40);
const QUERIES = ['northwind', 'checkout', 'promo code', 'page-17', 'shop3.example', 'dead end'];

// Records in the shape lib/schemas.ts parses; built inside the page so nothing crosses the wire.
async function seedInPage({ sessions, perSession }) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('mystery-shopper');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  if (!db.objectStoreNames.contains('summaries')) throw new Error('the dashboard has not upgraded the database yet');
  const jpeg = async (w, h, hue) => {
    const canvas = new OffscreenCanvas(w, h);
    const g = canvas.getContext('2d');
    g.fillStyle = `hsl(${hue} 60% 92%)`;
    g.fillRect(0, 0, w, h);
    g.fillStyle = `hsl(${hue} 55% 40%)`;
    g.fillRect(0, 0, w, h / 10);
    for (let y = h / 6; y < h; y += h / 12) g.fillRect(w / 16, y, (w * (0.3 + ((y * 7) % 50) / 100)), h / 40);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  };
  const fulls = await Promise.all([0, 45, 90, 180, 220, 280].map((hue) => jpeg(640, 400, hue)));
  const thumbs = await Promise.all([0, 45, 90, 180, 220, 280].map((hue) => jpeg(320, 200, hue)));
  const words = ['slow', 'promo code', 'dead end', 'delivery cost', 'basket', 'returns policy', 'chat', 'size guide', 'login wall', 'coupon'];
  const brands = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Adatum'];
  const pillars = ['get-it-right', 'communicate', 'take-on-the-stress', 'no-near-misses', 'every-customer-elite'];
  const rubric = {
    id: 'tpl-five-principles', name: 'Five Principles of Good CX', description: '',
    pillars: pillars.map((id) => ({ id, name: id, description: '', weight: 1 })), scale: { min: 1, max: 5, labels: [] },
  };
  const t0 = Date.UTC(2024, 0, 1);
  let imageBytes = 0;
  const BATCH = 50;
  for (let start = 0; start < sessions; start += BATCH) {
    // The batch's image files first (where images live, lib/storage/images.ts), then its records.
    const writes = [];
    for (let i = start; i < Math.min(sessions, start + BATCH); i++) {
      for (let p = 0; p < perSession; p++) {
        writes.push(() => window.__benchImages.put(`bench-${i}-s${p}-shot`, 'full', fulls[(i + p) % fulls.length]));
        writes.push(() => window.__benchImages.put(`bench-${i}-s${p}-shot`, 'thumb', thumbs[(i + p) % thumbs.length]));
      }
    }
    // A few at a time: thousands of open writables at once only queue up in the browser.
    for (let k = 0; k < writes.length; k += 16) await Promise.all(writes.slice(k, k + 16).map((write) => write()));
    const tx = db.transaction(['sessions', 'steps', 'screenshots'], 'readwrite');
    for (let i = start; i < Math.min(sessions, start + BATCH); i++) {
      const id = `bench-${i}`;
      const createdAt = t0 + i * 3_600_000 * 17;
      const host = `shop${i % 40}.example.com`;
      const stages = ['Discover', 'Choose', 'Buy', 'Get help'].map((name, s) => ({ id: `${id}-st${s}`, name }));
      tx.objectStore('sessions').put({
        id, title: `${brands[i % brands.length]} audit ${i + 1}`, brand: brands[i % brands.length], startUrl: `https://${host}/`,
        promise: 'Easy returns, honest prices', persona: 'First-time buyer', scenario: 'Buy a jacket', stages, tags: [i % 2 ? 'checkout' : 'returns'],
        status: i % 3 ? 'paused' : 'completed', verdict: '', seq: {}, ces: null, rubric,
        environment: { userAgent: 'Mozilla/5.0', browser: 'Chromium', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 },
        createdAt, updatedAt: createdAt + perSession * 60_000, completedAt: null,
      });
      for (let p = 0; p < perSession; p++) {
        const stepId = `${id}-s${p}`;
        const shotId = `${stepId}-shot`;
        const full = fulls[(i + p) % fulls.length];
        const thumb = thumbs[(i + p) % thumbs.length];
        imageBytes += full.size + thumb.size;
        tx.objectStore('steps').put({
          id: stepId, sessionId: id, position: p, stageId: stages[Math.floor((p * 4) / perSession)].id, capturedAt: createdAt + p * 60_000,
          sincePreviousMs: p ? 60_000 : null, url: `https://${host}/page-${p}`, pageTitle: `Page ${p + 1}`,
          note: `Step ${p + 1}: the ${words[(i * 7 + p) % words.length]} was not where a customer would look.`,
          scores: Object.fromEntries(pillars.map((pid, k) => [pid, 1 + ((i + p + k) % 5)])), severity: (i + p) % 5,
          tags: p % 4 ? [] : ['slow'], emotion: 0, momentOfTruth: false, viewport: { width: 1280, height: 800 }, devicePixelRatio: 1,
          context: null, updatedAt: createdAt + p * 60_000,
        });
        tx.objectStore('screenshots').put({
          id: shotId, stepId, sessionId: id, kind: 'visible', mimeType: 'image/jpeg', width: 640, height: 400, devicePixelRatio: 1,
          bytes: full.size, thumbWidth: 320, thumbHeight: 200, thumbBytes: thumb.size, annotations: [], part: null, createdAt: createdAt + p * 60_000,
        });
      }
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  return imageBytes;
}

// Installed before any script of the page runs: notes when each watched element first appears,
// then the end of the frame that paints it (rAF runs before paint; a task queued there runs after).
function watchRenders() {
  // The whole first screen: every row's thumbnail inside the viewport loaded (they are read
  // when their row scrolls into view).
  const firstScreenPictures = () =>
    [...document.querySelectorAll('.library-thumb')]
      .filter((el) => el.getBoundingClientRect().top < innerHeight)
      .every((el) => {
        const img = el.querySelector('img');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
  const watched = {
    // Every row asked for: the first page drawn from the full read, which is when "Show 50 more
    // (… not shown)" can appear (the first-screen read holds only those 50), and the pictures of
    // the rows on screen.
    list: () => document.querySelectorAll('.library-table tbody tr').length >= 50 && document.querySelector('.show-more') !== null && firstScreenPictures(),
    empty: () => document.querySelector('.library-empty') !== null,
  };
  window.__seen = {};
  const check = () => {
    for (const [name, ready] of Object.entries(watched)) {
      if (window.__seen[name] !== undefined || !ready()) continue;
      window.__seen[name] = null;
      requestAnimationFrame(() => setTimeout(() => (window.__seen[name] = performance.now())));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
  // An image finishing its load changes no DOM: its load event, captured at the document (it does
  // not bubble, and an element's load event never reaches the window).
  document.addEventListener('load', check, true);
}

/** Navigation start (the page's time origin) → the first frame painted with `name` on screen. */
async function renderTime(page, url, name) {
  await page.goto('about:blank');
  await page.goto(url);
  // A loaded machine can take seconds per render of 1,000 sessions: wait for the state, not a clock.
  await page.waitForFunction((n) => typeof window.__seen?.[n] === 'number', name, { timeout: 180_000 }).catch(async (e) => {
    // Say which part of the state never came.
    const state = await page.evaluate(() => ({
      rows: document.querySelectorAll('.library-table tbody tr').length,
      showMore: document.querySelector('.show-more') !== null,
      thumbs: [...document.querySelectorAll('.library-thumb')].filter((el) => el.getBoundingClientRect().top < innerHeight).map((el) => el.querySelector('img')?.naturalWidth ?? el.textContent),
    }));
    throw new Error(`library ${name} render never finished: ${JSON.stringify(state)} (${e.message.split('\n')[0]})`);
  });
  return page.evaluate((n) => window.__seen[n], name);
}

export async function libraryBenchmarks({ extensionDir } = {}) {
  // More than one page of 50 rows: the list render waits for "Show 50 more", which a library of 50 or fewer never shows.
  if (!(SESSIONS > 50)) throw new Error(`BENCH_LIBRARY_SESSIONS must be more than 50 (got ${SESSIONS})`);
  const profile = mkdtempSync(join(tmpdir(), 'ms-bench-library-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: extensionArgs(extensionDir),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const dashboardUrl = `chrome-extension://${new URL(worker.url()).host}/dashboard.html#/`;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(watchRenders);

    progress('library: empty renders');
    const empty = [];
    for (let i = 0; i < RENDERS; i++) empty.push(await renderTime(page, dashboardUrl, 'empty'));

    progress(`library: seeding ${SESSIONS} sessions (images as OPFS files)`);
    await installImageFiles(page);
    const seedStart = performance.now();
    const imageBytes = await page.evaluate(seedInPage, { sessions: SESSIONS, perSession: STEPS_PER_SESSION });
    const seedMs = performance.now() - seedStart;
    // Summaries for 1,000 sessions written behind the background's back: the first rebuild reads every step.
    const rebuildMs = await page.evaluate(async () => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'library.refresh', payload: {} });
      if (!reply?.ok) throw new Error(JSON.stringify(reply?.error));
      return performance.now() - t0;
    });

    progress('library: list renders and search');
    const list = [];
    for (let i = 0; i < RENDERS; i++) list.push(await renderTime(page, dashboardUrl, 'list'));
    const shown = await page.locator('.result-count').textContent();
    if (shown !== `${SESSIONS} sessions`) throw new Error(`the library shows "${shown}"`);

    // Keystrokes: the input event's timestamp → the frame painted after the library re-rendered.
    await page.evaluate(() => {
      window.__keys = { search: [], bare: [] };
      // The baseline's box: the same page, the same keystrokes, nothing listening.
      const bare = Object.assign(document.createElement('input'), { id: 'bench-bare', ariaLabel: 'bench bare input' });
      bare.style.cssText = 'position:fixed;bottom:0;right:0;width:120px';
      document.body.append(bare);
      document.addEventListener(
        'input',
        (e) => {
          const t0 = e.timeStamp;
          const list = e.target.id === 'bench-bare' ? window.__keys.bare : window.__keys.search;
          requestAnimationFrame(() => setTimeout(() => list.push(performance.now() - t0)));
        },
        true,
      );
    });
    const typeInto = async (locator, which, query) => {
      await locator.click();
      for (const key of [...query, 'Control+A', 'Backspace']) {
        const before = await page.evaluate((w) => window.__keys[w].length, which);
        await page.keyboard.press(key);
        // Select-all changes no text, so no input event: nothing to wait for.
        if (key !== 'Control+A') await page.waitForFunction(({ w, n }) => window.__keys[w].length > n, { w: which, n: before });
      }
    };
    for (const query of QUERIES) {
      await typeInto(page.getByRole('searchbox', { name: 'Search sessions' }), 'search', query);
      await typeInto(page.locator('#bench-bare'), 'bare', query);
    }
    const { search: keys, bare } = await page.evaluate(() => window.__keys);
    const rowsBack = await page.evaluate(() => document.querySelectorAll('.library-table tbody tr').length);
    if (rowsBack === 0) throw new Error('no rows after clearing the search');

    const label = `${SESSIONS.toLocaleString('en')} sessions / ${(SESSIONS * STEPS_PER_SESSION).toLocaleString('en')} steps`;
    return [
      row({ name: `library list render, ${label}`, values: list, baseline: empty, goal: '≤ 300 ms', start: 'navigation (the page\'s time origin)', stop: 'the frame painted once the first 50 rows come from the full read, the count shows every session, and every thumbnail on the first screen has loaded', base: 'the same page with an empty library' }),
      row({ name: `library search keystroke → results, ${label}`, values: keys, baseline: bare, goal: '≤ 50 ms', start: 'the input event\'s timeStamp', stop: 'the frame painted after the results', base: 'the same keystrokes in a bare <input> on the same page, interleaved' }),
      single(`library summaries rebuilt from scratch, ${label}`, Math.round(rebuildMs), 'ms', 'once, after an upgrade or a crash'),
      single(`library seed (images ${Math.round(imageBytes / 1024 ** 2)} MB), for reference`, Math.round(seedMs), 'ms'),
    ];
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
