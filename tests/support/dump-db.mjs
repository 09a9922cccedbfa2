// Makes a database fixture from a build of any version of the extension: launches Chromium with
// that build, walks a small scripted audit through the message contract the build's own pages
// use, and dumps its IndexedDB (every store, its indexes, every record; Blobs as base64 with a
// sha256) to JSON. The fixtures under tests/fixtures/db/ prove that today's code upgrades what
// each shipped schema really wrote (tests/lib/db/upgrade-fixtures.test.ts).
//
//   node tests/support/dump-db.mjs <build dir, e.g. ../old/.output/chrome-mv3> <out.json> [label]
//
// The audit tolerates older contracts: a request or field the build does not know is refused
// with `invalid-message`, and the script goes on without it, so one script serves every version.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath, extensionArgs } from './chromium.mjs';

/**
 * Runs in an extension page: reads the named database without Dexie, so the dump shows what is
 * stored, not what a version of Dexie makes of it. Returns a JSON-safe description.
 */
async function readDatabaseInPage(name) {
  const open = indexedDB.open(name);
  const db = await new Promise((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const toBase64 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
  // Blobs anywhere in a record (images, and the trash's copies of them) become tagged objects.
  const encode = async (value) => {
    if (value instanceof Blob) {
      const bytes = new Uint8Array(await value.arrayBuffer());
      return { $blob: { type: value.type, size: value.size, sha256: hex(await crypto.subtle.digest('SHA-256', bytes)), base64: toBase64(bytes) } };
    }
    if (Array.isArray(value)) return Promise.all(value.map(encode));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = await encode(v);
      return out;
    }
    if (value === undefined) return { $undefined: true };
    return value;
  };
  const stores = {};
  const records = {};
  for (const storeName of [...db.objectStoreNames]) {
    const store = db.transaction(storeName, 'readonly').objectStore(storeName);
    stores[storeName] = {
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].map((n) => {
        const index = store.index(n);
        return { name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      }),
    };
    const rows = await new Promise((resolve, reject) => {
      const req = store.getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // Stores without an in-line key (Dexie's $meta) need their keys too.
    const keys =
      store.keyPath === null
        ? await new Promise((resolve, reject) => {
            const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAllKeys();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          })
        : null;
    records[storeName] = [];
    for (let i = 0; i < rows.length; i++) records[storeName].push(keys ? { key: keys[i], value: await encode(rows[i]) } : await encode(rows[i]));
  }
  const version = db.version;
  db.close();
  return { name, idbVersion: version, stores, records };
}

/**
 * The inverse, for tests: recreates a dump as database `name` (its native version, stores,
 * indexes and records, Blobs restored from base64). Uses only web APIs, so it runs in an
 * extension page as well as in Node over fake-indexeddb.
 */
export async function writeDatabaseInPage({ name, dump }) {
  const decode = (value) => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === 'object') {
      if (value.$blob) return new Blob([Uint8Array.from(atob(value.$blob.base64), (c) => c.charCodeAt(0))], { type: value.$blob.type });
      if (value.$undefined) return undefined;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  // Stores and records are written in the upgrade transaction itself, so the database exists
  // either not at all or whole: a browser part that opens it a moment later (the extension's
  // worker, woken by an event) upgrades the old data instead of finding an empty shell.
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name, dump.idbVersion);
    open.onupgradeneeded = () => {
      for (const [storeName, shape] of Object.entries(dump.stores)) {
        const store = open.result.createObjectStore(storeName, { keyPath: shape.keyPath, autoIncrement: shape.autoIncrement });
        for (const index of shape.indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
        for (const record of dump.records[storeName] ?? []) {
          if (shape.keyPath === null) store.put(decode(record.value), record.key);
          else store.put(decode(record));
        }
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  db.close();
}

/** Dumps the extension's database as seen from `page`, an open page of the extension. */
export function dumpDatabase(page, name = 'mystery-shopper') {
  return page.evaluate(readDatabaseInPage, name);
}

// Two plain pages, small and flat so that their screenshots are a few KB each.
const PAGES = {
  '/a.html': '<!doctype html><title>Fixture shop: home</title><body style="margin:0;background:#f4efe6;font:16px sans-serif"><h1 style="margin:8px;color:#234">Home</h1><p style="margin:8px">Welcome</p>',
  '/b.html': '<!doctype html><title>Fixture shop: basket</title><body style="margin:0;background:#e6eef4;font:16px sans-serif"><h1 style="margin:8px;color:#432">Basket</h1><p style="margin:8px">2 items</p>',
};

async function serve() {
  const server = createServer((req, res) => {
    const body = PAGES[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: (p) => `http://127.0.0.1:${port}${p}`, close: () => new Promise((r) => server.close(r)) };
}

async function until(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Walks a small audit on `buildDir` in a fresh profile and returns the database dump. */
export async function makeFixture(buildDir) {
  const shop = await serve();
  const profile = mkdtempSync(join(tmpdir(), 'ms-fixture-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 160, height: 120 },
    args: extensionArgs(buildDir),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const shopPage = context.pages()[0] ?? (await context.newPage());
    await shopPage.goto(shop.url('/a.html'));
    // The panel in a window of its own, as the e2e harness does, so the shop tab stays the active one.
    const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;
    const [panel] = await Promise.all([
      context.waitForEvent('page', (p) => p.url().startsWith(panelUrl)),
      worker.evaluate((u) => chrome.windows.create({ url: u, width: 420, height: 600 }).then(() => undefined), panelUrl),
    ]);
    await panel.waitForLoadState();
    const tabId = await panel.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, shopPage.url());

    const send = (name, payload) => panel.evaluate(([n, p]) => chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: n, payload: p }), [name, payload]);
    const must = async (name, payload) => {
      const reply = await send(name, payload);
      if (!reply?.ok) throw new Error(`${name} failed: ${JSON.stringify(reply)}`);
      return reply.value;
    };
    /** Sends what this version accepts: the first payload it does not refuse as unknown. */
    const tryEach = async (name, payloads) => {
      for (const p of payloads) {
        const reply = await send(name, p);
        if (reply?.ok) return reply.value;
        if (reply?.error?.kind !== 'invalid-message') throw new Error(`${name} failed: ${JSON.stringify(reply)}`);
        console.error(`  (this version refuses ${name}: ${reply.error.detail})`);
      }
      return null;
    };
    const environment = { userAgent: 'fixture', browser: 'Chromium', viewport: { width: 160, height: 120 }, devicePixelRatio: 1 };
    const start = (title, extra) => {
      const base = { title, brand: 'Acme', startUrl: shop.url('/a.html'), promise: 'Easy to buy from', rubricId: 'tpl-brand-promise', environment };
      return tryEach('session.start', [{ ...base, ...extra }, base]);
    };
    const capture = async (sessionId, path) => {
      await shopPage.goto(shop.url(path));
      await shopPage.bringToFront();
      // Chrome allows two captureVisibleTab calls a second; a refusal for that is tried again.
      for (let attempt = 0; ; attempt++) {
        try {
          const captured = await tryEach('step.capture', [{ tabId, sessionId }, { tabId }]);
          // Since issue 15 the reply is { step, shots }; older versions answered the step.
          return captured.step ?? captured;
        } catch (e) {
          if (attempt >= 4 || !/MAX_CAPTURE|quota/i.test(String(e))) throw e;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    const annotate = async (step, note, scores, severity, extras) => {
      await must('step.update', { stepId: step.id, patch: { note, scores, severity } });
      // Fields later versions added, one at a time: an older contract refuses each, and that is fine.
      for (const [key, value] of Object.entries(extras)) await tryEach('step.update', [{ stepId: step.id, patch: { [key]: value } }]);
    };

    const a = await start('Fixture audit A', { persona: 'First-time buyer', scenario: 'Buy a kettle', tags: ['fixture'] });
    const pillars = a.rubric.pillars.map((p) => p.id);
    const a1 = await capture(a.id, '/a.html');
    await annotate(a1, 'Clear home page', { [pillars[0]]: 4, [pillars[1]]: 'na' }, 1, { tags: ['slow'], emotion: 1, momentOfTruth: true });
    const a2 = await capture(a.id, '/b.html');
    await annotate(a2, 'Basket hides the delivery cost', { [pillars[0]]: 2, [pillars[2]]: 3 }, 3, { tags: ['missing information'], emotion: -1 });
    await tryEach('session.update', [{ sessionId: a.id, patch: { verdict: 'Mostly easy', ces: 5 } }]);
    await must('session.setStatus', { sessionId: a.id, status: 'completed' });

    const b = await start('Fixture audit B', { tags: ['competitor'] });
    const b1 = await capture(b.id, '/b.html');
    await annotate(b1, 'Competitor basket', { [pillars[0]]: 5 }, 0, {});
    const b2 = await capture(b.id, '/a.html');
    await annotate(b2, 'Second look', { [pillars[1]]: 3 }, 2, { momentOfTruth: false });

    // A team rubric (v2 on) and a deleted step waiting in the trash (v3 on): every table holds something.
    await tryEach('rubric.save', [
      {
        id: 'team-rubric', name: 'Team rubric', description: 'Ours',
        pillars: [{ id: 'fast', name: 'Fast', description: '', weight: 2 }, { id: 'kind', name: 'Kind', description: '', weight: 1 }],
        scale: { min: 1, max: 5, labels: ['Poor', 'Weak', 'Fair', 'Good', 'Great'] },
      },
    ]);
    const capturedB3 = await capture(b.id, '/b.html');
    await tryEach('step.delete', [{ stepId: capturedB3.id }]);
    // Versions with a library build their summaries after a write; wait until every session has one.
    const dumpNow = () => dumpDatabase(panel);
    let dump = await dumpNow();
    if (dump.records.summaries) {
      await until(async () => {
        await send('library.refresh', {});
        dump = await dumpNow();
        return dump.records.summaries.length === dump.records.sessions.length;
      }, 'every session has a summary');
    }
    const version = await context.browser()?.version();
    return { ...dump, browser: version ?? null };
  } finally {
    await context.close();
    await shop.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [buildDir, out, label] = process.argv.slice(2);
  if (!buildDir || !out) {
    console.error('usage: node tests/support/dump-db.mjs <build dir> <out.json> [label]');
    process.exit(2);
  }
  const dump = await makeFixture(resolve(buildDir));
  const fixture = { label: label ?? null, madeAt: new Date().toISOString(), ...dump };
  writeFileSync(out, JSON.stringify(fixture, null, 1) + '\n');
  const counts = Object.fromEntries(Object.entries(dump.records).map(([k, v]) => [k, v.length]));
  console.log(`${out}: IndexedDB version ${dump.idbVersion}, ${JSON.stringify(counts)}`);
}
