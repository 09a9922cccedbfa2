// Issue 14's benchmark (BENCH_ONLY=workspace runs only this): the team workspace in real Chromium
// (store build) against Debian's Apache mod_dav on 127.0.0.1 (tests/support/webdav.mjs).
//   publish   = click on the button that sends a 200-step session (the dialog's "Publish to the
//               team" the first time, "Publish to team" after) → the frame painted when the sync
//               status line (Team workspace page, its own window) stops saying "Publishing …".
//               Each sample starts from an empty server folder for the session, so every sample
//               sends everything. Baseline, interleaved: curl PUTting the same files (read back
//               from Apache's folder) in one process over one connection; and one PUT of all bytes.
//   team library first screen, 2,000 sessions from 10 authors, seeded on disk as publishSession
//               writes them = navigation to the dashboard's library → the frame painted with the
//               first 50 team rows. Cold: just (re)connected, nothing cached (Disconnect deletes the
//               cached team library; same profile, so the browser's own caches are warm); warm: the
//               rows cached in IndexedDB.
//   incremental pull, 5 of 2,000 changed = bytes Apache sent (its access log, %O: headers included)
//               for one "Refresh team library", against the bytes of the 5 changed light rows (their
//               entries in their authors' indexes) plus their bundles (revision zip + images) on disk.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startWebdav } from '../tests/support/webdav.mjs';
import { connect, disconnect, filesUnder, launch, loadDocs, logSince, logSize, shopPictures, writeFolder } from './workspace-setup.mjs';
import { round, row, single } from './util.mjs';
import { takeMeasures } from './capture.mjs';
import { attachWorker } from './worker-cdp.mjs';

const STEPS = Number(process.env.BENCH_WS_STEPS ?? 200);
const PUBLISHES = Number(process.env.BENCH_WS_PUBLISHES ?? 5);
const TEAM = Number(process.env.BENCH_WS_TEAM ?? 2000);
const AUTHORS = 10;
const DISTINCT = Number(process.env.BENCH_WS_DISTINCT ?? 100);
const TEAM_STEPS = Number(process.env.BENCH_WS_TEAM_STEPS ?? 10);
const COLD = Number(process.env.BENCH_WS_COLD ?? 5);
const WARM = Number(process.env.BENCH_WS_WARM ?? 10);
const PULLS = Number(process.env.BENCH_WS_PULLS ?? 5);
const CHANGED = 5;
const FIRST_SCREEN = 50;
const USERS = { alice: 'alice-pass', viewer: 'viewer-pass' };
const ROOT = 'mystery-shopper/';
// BENCH_WS_PROFILE=<folder>: the first publish is also profiled (CPU, the service worker and both
// dashboard pages), written there as .cpuprofile files (Chrome DevTools opens them). Costs time of
// its own, so a profiled run's first sample is not one to quote.
const PROFILE = process.env.BENCH_WS_PROFILE ?? '';

// Installed before the dashboard's scripts: the time (epoch ms) of the frame that first painted a
// watched state, and of clicks on the publish buttons.
function watch(firstScreen) {
  const epoch = () => performance.timeOrigin + performance.now();
  const painted = (name) => requestAnimationFrame(() => setTimeout(() => (window.__ws[name] = epoch())));
  window.__ws = { clicks: [] };
  let publishing = false;
  new MutationObserver(() => {
    const rows = document.querySelectorAll('.library-table tbody tr .author').length;
    if (window.__ws.rows === undefined && rows >= firstScreen) {
      window.__ws.rows = null;
      painted('rows');
    }
    // The floor under the warm first screen: the same page with nothing to list.
    if (window.__ws.empty === undefined && document.querySelector('.library-empty')) {
      window.__ws.empty = null;
      painted('empty');
    }
    const status = document.querySelector('.sync-status p[role="status"]')?.textContent ?? '';
    if (status.startsWith('Publishing')) publishing = true;
    else if (publishing && window.__ws.published === undefined) {
      publishing = false;
      window.__ws.published = null;
      painted('published');
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('click', (e) => {
    const name = e.target instanceof Element ? e.target.closest('button')?.textContent ?? '' : '';
    if (/^Publish to (the )?team/.test(name.trim())) window.__ws.clicks.push(performance.timeOrigin + e.timeStamp);
  }, true);
}

/**
 * The publish floor, run in the extension's service worker: `files` (name → base64) PUT to
 * `target` with plain fetch as Blobs already in memory, IN_FLIGHT at once (the product's own
 * concurrency, lib/workspace/pool.ts), with the product's request options (credentials omitted,
 * no cache, no redirect) and headers; no application code. Timed from the first fetch called to
 * the last answer read, by the worker's own clock.
 */
const fetchFloor = (worker, target, authorization, files, inFlight, fromFiles = false) =>
  worker.evaluate(
    async ({ target, authorization, files, inFlight, fromFiles }) => {
      const blobs = files.map(([name, b64]) => [name, new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))])]);
      // fromFiles: each body a file of the origin's private file system, opened as it is sent, as
      // the product's images are (lib/storage/images.ts); written there before the clock starts.
      const scratch = fromFiles ? await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-floor', { create: true }) : null;
      if (scratch)
        for (const [name, blob] of blobs) {
          const w = await (await scratch.getFileHandle(name, { create: true })).createWritable();
          await w.write(blob);
          await w.close();
        }
      const t0 = performance.now();
      let next = 0;
      const lane = async () => {
        while (next < blobs.length) {
          const [name, inMemory] = blobs[next++];
          const body = scratch ? await (await scratch.getFileHandle(name)).getFile() : inMemory;
          const res = await fetch(target + encodeURIComponent(name), {
            method: 'PUT',
            headers: { authorization, 'content-type': 'application/octet-stream' },
            body,
            credentials: 'omit',
            cache: 'no-store',
            redirect: 'manual',
            referrerPolicy: 'no-referrer',
          });
          await res.arrayBuffer();
          if (res.status !== 201 && res.status !== 204) throw new Error(`floor PUT ${name}: HTTP ${res.status}`);
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
      const ms = performance.now() - t0;
      if (scratch) await (await navigator.storage.getDirectory()).removeEntry('bench-floor', { recursive: true });
      return ms;
    },
    { target, authorization, files, inFlight, fromFiles },
  );

const waitFor = (page, name, timeout = 600_000) => page.waitForFunction((n) => typeof window.__ws?.[n] === 'number', name, { timeout, polling: 50 });

function curlTime(args) {
  const t0 = performance.now();
  const res = spawnSync('curl', ['-sS', '-f', '-o', '/dev/null', ...args], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`curl ${args.slice(-1)[0]}: ${res.stderr}`);
  return performance.now() - t0;
}

async function publishRows(docs, server, shop, pages) {
  const auth = ['-u', `alice:${USERS.alice}`];
  const browser = await launch();
  try {
    console.error(`bench workspace: ${STEPS} screenshots for the publish session`);
    const px = await shopPictures(browser.context, shop, pages, STEPS);
    const data = docs.records({ sessions: 1, steps: STEPS, idPrefix: 'bench-publish', title: () => 'Publish benchmark' }, px);
    const sessionId = data.sessions[0].id;
    const scratch = mkdtempSync(join(tmpdir(), 'ms-bench-ws-publish-'));
    const bundle = join(scratch, 'publish.bundle.zip');
    writeFileSync(bundle, await docs.bundleOf(data));
    await browser.context.addInitScript(watch, FIRST_SCREEN);
    const library = await browser.open('#/');
    await library.getByLabel('Bundle file (.zip) exported by Mystery Shopper').setInputFiles(bundle);
    await library.getByLabel('Select “Publish benchmark”').waitFor({ timeout: 300_000 });
    const status = await browser.open('#/workspace');
    await connect(status, server.origin, 'alice', USERS.alice, 'Alice');

    const folder = join(server.dir, 'team', ROOT);
    const times = [];
    const perFile = [];
    const onePut = [];
    const floor = [];
    const floorFiles = [];
    const phases = [];
    const authorization = `Basic ${Buffer.from(`alice:${USERS.alice}`).toString('base64')}`;
    await takeMeasures(browser.worker);
    let bytes = 0;
    let files = 0;
    for (let i = 0; i < PUBLISHES; i++) {
      // Nothing of the session on the server: this sample sends every file, as a first publish does.
      rmSync(join(folder, 'sessions', sessionId), { recursive: true, force: true });
      await status.evaluate(() => delete window.__ws.published);
      const profiler = i === 0 && PROFILE ? await startProfiles(browser, [library, status]) : null;
      const clicks = await library.evaluate(() => window.__ws.clicks.length);
      const box = library.getByLabel('Select “Publish benchmark”');
      if (!(await box.isChecked())) await box.check();
      await library.getByRole('button', { name: /^Publish to team/ }).click();
      const dialog = library.getByRole('dialog', { name: 'Share with the team?' });
      if (i === 0) await dialog.getByRole('button', { name: 'Publish to the team' }).click();
      await waitFor(status, 'published');
      const error = await status.locator('.sync-error').count();
      if (error) throw new Error(`publish failed: ${await status.locator('.sync-error').textContent()}`);
      const start = await library.evaluate((n) => (window.__ws.clicks.length > n ? window.__ws.clicks[window.__ws.clicks.length - 1] : null), clicks);
      const stop = await status.evaluate(() => window.__ws.published);
      times.push(stop - start);
      phases.push(publishPhases(await takeMeasures(browser.worker), start, stop));
      if (profiler) await profiler.stop(PROFILE);

      // What the server received for this publish, read back from its folder, PUT again by curl.
      const sent = [...filesUnder(join(folder, 'sessions', sessionId)), ...filesUnder(join(folder, 'members')).filter((f) => f.endsWith('.index.json'))];
      bytes = sent.reduce((sum, f) => sum + statSync(f).size, 0);
      files = sent.length;
      const flat = mkdtempSync(join(scratch, 'flat-'));
      const names = sent.map((f, k) => {
        const name = `f${k}-${relative(folder, f).replaceAll('/', '_')}`;
        copyFileSync(f, join(flat, name));
        return join(flat, name);
      });
      const target = `${server.origin}/team/baseline-${i}/`;
      curlTime([...auth, '-X', 'MKCOL', target]);
      const floorTarget = `${server.origin}/team/floor-${i}/`;
      curlTime([...auth, '-X', 'MKCOL', floorTarget]);
      const bodies = names.map((f) => [f.slice(flat.length + 1), readFileSync(f).toString('base64')]);
      // curl and the fetch floors take turns going first, so drift in the machine's load hits both alike.
      const baselines = [
        () => perFile.push(curlTime([...auth, '-T', `{${names.join(',')}}`, target])),
        async () => floor.push(await fetchFloor(browser.worker, floorTarget, authorization, bodies, docs.IN_FLIGHT)),
        async () => floorFiles.push(await fetchFloor(browser.worker, `${floorTarget}files-`, authorization, bodies, docs.IN_FLIGHT, true)),
      ];
      for (let k = 0; k < baselines.length; k++) await baselines[(i + k) % baselines.length]();
      const all = join(scratch, `all-${i}.bin`);
      writeFileSync(all, Buffer.concat(sent.map((f) => readFileSync(f))));
      onePut.push(curlTime([...auth, '-T', all, `${target}all.bin`]));
      rmSync(flat, { recursive: true, force: true });
      rmSync(all);
      rmSync(join(server.dir, 'team', `baseline-${i}`), { recursive: true, force: true });
      rmSync(join(server.dir, 'team', `floor-${i}`), { recursive: true, force: true });
      console.error(`bench workspace: publish ${i + 1}/${PUBLISHES}: ${Math.round(times.at(-1))} ms, fetch floor ${Math.round(floor.at(-1))} ms (${Math.round(floorFiles.at(-1))} ms from files), curl ${Math.round(perFile.at(-1))} ms per file, ${Math.round(onePut.at(-1))} ms one PUT`);
    }
    rmSync(scratch, { recursive: true, force: true });
    const label = `${STEPS} steps, ${files} files, ${round(bytes / 1024 ** 2)} MB`;
    return [
      row({ name: `publish a session to the team workspace (${label})`, values: times, baseline: perFile, goal: '≤ 1.3× baseline', start: 'click on the button that sends it (dialog’s “Publish to the team”, then “Publish to team”)', stop: 'the frame painted when the sync status line stops saying “Publishing …”', base: 'curl PUTting the same files, read back from Apache’s folder, one process over one connection, interleaved' }),
      row({ name: `  same publish vs the fetch floor`, values: times, baseline: floor, goal: 'for reference', start: 'as above', stop: 'as above', base: `the same files PUT by plain fetch from the service worker (bytes in memory, ${docs.IN_FLIGHT} at once, credentials omitted), interleaved` }),
      row({ name: `plain fetch PUTs of the same files from the service worker, vs curl (floor)`, values: floor, baseline: perFile, goal: 'floor', start: 'the first fetch called (worker clock)', stop: 'the last answer read', base: 'curl PUTting the same files, as above' }),
      row({ name: `  the same fetch floor with each body a file opened as it is sent, as the product's images are`, values: floorFiles, baseline: floor, goal: 'for reference', start: 'as the floor', stop: 'as the floor', base: 'the fetch floor (bytes in memory), interleaved' }),
      row({ name: `  same publish vs one curl PUT of all its bytes`, values: times, baseline: onePut, goal: 'for reference', start: 'as above', stop: 'as above', base: 'one curl PUT of the same bytes concatenated, interleaved' }),
      ...Object.keys(phases[0]).map((name) => {
        const values = phases.map((p) => p[name]).filter((v) => typeof v === 'number');
        return row({ name: `  publish phase: ${name}`, values, goal: 'phase (for reference)', start: '', stop: '', base: '' });
      }),
    ];
  } finally {
    await browser.close();
  }
}

/**
 * Where one publish's time went, from the worker's User Timing measures (lib/capture/marks.ts,
 * `ms:publish:*`) on the same epoch clock as the click and the painted frame.
 */
function publishPhases(measures, clickedAt, paintedAt) {
  const one = (name) => measures.find((m) => m.name === `publish:${name}`);
  const end = (m) => m.start + m.duration;
  // The job: from its session read (its first step) to the index written (its last, beside the prune).
  const last = end(one('index'));
  const job = { start: one('source').start, duration: last - one('source').start };
  const phases = {
    'click → queue starts the job': job.start - clickedAt,
    'read the session from IndexedDB (beside the server reads)': one('source')?.duration,
    'head, listings, MKCOL (side by side)': one('reads')?.duration,
    'describe the bundle, zip the revision (after the session read, beside the server reads)': one('describe')?.duration,
    'images (PUTs, each file opened ahead of its upload)': one('images')?.duration,
    'index entry (read, merge, PUT)': one('index')?.duration,
    'last answer → status painted': paintedAt - end(job),
  };
  const named = ['source', 'reads', 'describe', 'images', 'index'].map(one);
  if (named.every(Boolean)) {
    // Whatever the job did outside its named phases (the revision's wait beyond the images, head.json, the status writes);
    // phases that run side by side count once, as the longer of the two.
    const d = (name) => one(name).duration;
    const inside = Math.max(d('source') + d('describe'), d('reads')) + d('images') + d('index');
    phases['between the phases'] = job.duration - inside;
  }
  return phases;
}

/** CPU profiles of the service worker and of `pages` (sampled every 0.5 ms) until `stop(folder)`. */
async function startProfiles(browser, pages) {
  const extensionId = new URL(browser.worker.url()).host;
  const worker = await attachWorker(browser.context, pages[0], extensionId);
  const sessions = [{ name: 'worker', send: worker.send }];
  for (const [k, page] of pages.entries()) {
    const cdp = await browser.context.newCDPSession(page);
    sessions.push({ name: `page-${k}`, send: (m, p) => cdp.send(m, p) });
  }
  // The worker's requests too: when each was asked for, sent, answered (Network.*), as JSON lines.
  const network = [];
  for (const event of ['Network.requestWillBeSent', 'Network.responseReceived', 'Network.loadingFinished', 'Network.loadingFailed'])
    worker.on(event, (params) => network.push({ event, ...params }));
  await worker.send('Network.enable');
  for (const s of sessions) {
    await s.send('Profiler.enable');
    await s.send('Profiler.setSamplingInterval', { interval: 500 });
    await s.send('Profiler.start');
  }
  return {
    async stop(folder) {
      mkdirSync(folder, { recursive: true });
      for (const s of sessions) writeFileSync(join(folder, `${s.name}.cpuprofile`), JSON.stringify((await s.send('Profiler.stop')).profile));
      writeFileSync(join(folder, 'worker-network.jsonl'), network.map((e) => JSON.stringify(e)).join('\n'));
      await worker.detach();
    },
  };
}

/**
 * 2,000 sessions by 10 authors: the first DISTINCT published by publishSession itself (images kept
 * only in memory: only the pull row's changed sessions get theirs on disk), the rest copies of their
 * index entries under new ids, authors and titles, put into each author's index by the same merge a
 * publish makes (a pull and the library read members/ only).
 */
async function seedTeam(docs, folderDir, px) {
  const authors = Array.from({ length: AUTHORS }, (_, k) => ({ memberId: `bench-member-${k}`, memberName: `Consultant ${k + 1}` }));
  const folder = docs.memoryFolder();
  const small = { ...px, full: px.thumb };
  const data = docs.records({ sessions: Math.min(DISTINCT, TEAM), steps: TEAM_STEPS, idPrefix: 'bench-team', title: (i) => `Team audit ${i + 1}` }, small);
  const at = (i) => Date.UTC(2026, 0, 1) + i * 60_000;
  for (const [i, session] of data.sessions.entries()) await docs.publish(folder, docs.only(data, session.id), authors[i % AUTHORS], at(i));
  const entries = new Map(authors.flatMap((a) => docs.indexIn(folder, a.memberId).sessions.map((e) => [e.sessionId, e])));
  const originals = data.sessions.map((s) => entries.get(s.id));
  const copies = authors.map(() => []);
  for (let i = originals.length; i < TEAM; i++) {
    const o = originals[i % originals.length];
    const sessionId = `bench-copy-${String(i).padStart(4, '0')}`;
    copies[i % AUTHORS].push({ ...o, sessionId, row: { ...o.row, sessionId, title: `Team audit ${i + 1}`, sessionUpdatedAt: o.row.sessionUpdatedAt + i * 60_000 } });
  }
  for (const [k, author] of authors.entries()) docs.addEntries(folder, author, copies[k], at(TEAM));
  const files = [...folder.files].filter(([path]) => !path.includes('/images/')).map(([path, f]) => [path, f.body]);
  writeFolder(folderDir, [...files, ...authors.map(docs.memberFile)]);
  return { data, authors, folder };
}

/** How many team sessions the library's database holds (the pull has stored them). */
const storedTeam = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('teamRows').objectStore('teamRows').count();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
        };
      }),
  );

/**
 * Republishes `ids` with an edited title and full-size screenshots; returns the bytes a pull must
 * fetch: each session's light row (its entry in the author's index) + its bundle (revision + images).
 */
async function changeSessions(docs, team, folderDir, px, ids, round) {
  let reference = 0;
  let entries = 0;
  for (const id of ids) {
    const before = new Set(team.folder.files.keys());
    const one = docs.only(team.data, id);
    const edited = { ...one, sessions: [{ ...one.sessions[0], title: `${one.sessions[0].title} (edited ${round})`, updatedAt: one.sessions[0].updatedAt + round }] };
    const real = docs.records({ sessions: 1, steps: TEAM_STEPS, idPrefix: 'x', offset: round * TEAM_STEPS }, px);
    const images = edited.images.map((image, k) => ({ ...image, bytes: real.images[k].bytes }));
    const screenshots = edited.screenshots.map((s, k) => ({ ...s, bytes: real.screenshots[k].bytes, thumbBytes: real.screenshots[k].thumbBytes }));
    const author = `bench-member-${team.data.sessions.findIndex((s) => s.id === id) % AUTHORS}`;
    const published = await docs.publish(team.folder, { ...edited, images, screenshots }, { memberId: author, memberName: `Consultant ${Number(author.slice(13)) + 1}` }, Date.now());
    const index = docs.indexPath(author);
    const written = [...team.folder.files].filter(([path]) => (!before.has(path) || path.endsWith('.json')) && (path.includes(id) || path === index)).map(([path, f]) => [path, f.body]);
    writeFolder(folderDir, written);
    const entry = new TextEncoder().encode(JSON.stringify(docs.indexIn(team.folder, author).sessions.find((e) => e.sessionId === id))).length;
    entries += entry;
    const rev = [...team.folder.files.keys()].find((p) => p.startsWith(`${ROOT}sessions/${id}/rev-${published.rev}-`));
    const imageBytes = [...team.folder.files].filter(([p]) => p.startsWith(`${ROOT}sessions/${id}/images/`)).reduce((s, [, f]) => s + f.body.length, 0);
    reference += entry + team.folder.files.get(rev).body.length + imageBytes;
  }
  return { reference, entries };
}

async function teamRows(docs, server, shop, pages) {
  const browser = await launch();
  let bare = null;
  try {
    const px = await shopPictures(browser.context, shop, pages, 20);
    const folderDir = join(server.dir, 'team');
    const seedStart = performance.now();
    const team = await seedTeam(docs, folderDir, px);
    const seedMs = performance.now() - seedStart;
    const summaryBytes = filesUnder(join(folderDir, ROOT, 'members')).reduce((s, f) => s + statSync(f).size, 0);
    console.error(`bench workspace: seeded ${TEAM} sessions (${round(summaryBytes / 1024 ** 2)} MB of member files and indexes) in ${Math.round(seedMs)} ms`);

    await browser.context.addInitScript(watch, FIRST_SCREEN);
    const settings = await browser.open('#/workspace');
    const library = await browser.open('#/workspace');
    const firstScreen = async (page = library, url = browser.dashboardUrl, what = 'rows') => {
      await page.goto('about:blank');
      await page.goto(`${url}#/`);
      await waitFor(page, what);
      return page.evaluate((w) => window.__ws[w] - performance.timeOrigin, what);
    };
    // The warm row's floor: a second profile with no workspace and no session, its library page
    // opened the same way (its own window, then about:blank → the library), interleaved.
    bare = await launch();
    await bare.context.addInitScript(watch, FIRST_SCREEN);
    const bareLibrary = await bare.open('#/workspace');
    const cold = [];
    for (let i = 0; i < COLD; i++) {
      if (i > 0) await disconnect(settings);
      await connect(settings, server.origin, 'viewer', USERS.viewer, 'Viewer');
      cold.push(await firstScreen());
      console.error(`bench workspace: cold first screen ${i + 1}/${COLD}: ${Math.round(cold.at(-1))} ms`);
      // The cold pull finishes (all 2,000 stored) before the next sample or the warm ones.
      for (const deadline = Date.now() + 600_000; (await storedTeam(library)) < TEAM; await new Promise((r) => setTimeout(r, 500)))
        if (Date.now() > deadline) throw new Error(`the pull stored ${await storedTeam(library)} of ${TEAM}: ${await settings.locator('.sync-status').textContent()}`);
      await settings.getByText(/^Team library refreshed/).waitFor({ timeout: 120_000 });
    }
    const warm = [];
    const emptyPage = [];
    for (let i = 0; i < WARM; i++) {
      const order = [async () => warm.push(await firstScreen()), async () => emptyPage.push(await firstScreen(bareLibrary, bare.dashboardUrl, 'empty'))];
      for (const run of i % 2 ? order.reverse() : order) await run();
    }

    // Incremental pulls: 5 sessions republished on the server, then "Refresh team library".
    const pulled = [];
    const references = [];
    const summaryOnly = [];
    const requests = [];
    // Only the button pulls now: the library page (which pulls when opened) is closed.
    await library.goto('about:blank');
    await settings.getByRole('link', { name: 'Team workspace' }).click();
    for (let k = 0; k < PULLS; k++) {
      const ids = Array.from({ length: CHANGED }, (_, j) => team.data.sessions[((k * CHANGED + j) * 37) % team.data.sessions.length].id);
      const { reference, entries } = await changeSessions(docs, team, folderDir, px, ids, k + 1);
      const offset = logSize(server.accessLog);
      await settings.getByRole('button', { name: 'Refresh team library' }).click();
      // The note of the previous round may still say the same words: wait for the edits to be stored.
      await settings.waitForFunction(
        ({ ids, mark }) =>
          new Promise((resolve) => {
            const open = indexedDB.open('mystery-shopper');
            open.onsuccess = () => {
              const store = open.result.transaction('teamRows').objectStore('teamRows');
              Promise.all(ids.map((id) => new Promise((done) => (store.get(id).onsuccess = (e) => done(e.target.result))))).then((got) => {
                open.result.close();
                resolve(got.every((t) => t?.entry?.row.title.endsWith(mark)));
              });
            };
          }),
        { ids, mark: `(edited ${k + 1})` },
        { timeout: 300_000, polling: 200 },
      );
      await settings.getByText(`The team library is up to date (${CHANGED} changed).`).waitFor({ timeout: 300_000 });
      const lines = logSince(server.accessLog, offset);
      pulled.push(lines.reduce((s, l) => s + l.bytesOut, 0) / 1024);
      references.push(reference / 1024);
      summaryOnly.push(entries / 1024);
      requests.push(lines.length);
      await settings.getByRole('button', { name: 'Refresh team library' }).waitFor();
    }
    const label = `${TEAM.toLocaleString('en')} sessions × ${TEAM_STEPS} steps from ${AUTHORS} authors`;
    return [
      row({ name: `team library first screen, cold (${label})`, values: cold, goal: '≤ 1000 ms', start: 'navigation to the library (page time origin), just connected, nothing cached', stop: `the frame painted with the first ${FIRST_SCREEN} team rows`, base: '' }),
      row({ name: `team library first screen, warm (${label})`, values: warm, goal: '≤ 300 ms', start: 'navigation to the library (page time origin), rows cached in IndexedDB', stop: `the frame painted with the first ${FIRST_SCREEN} team rows`, base: '' }),
      row({ name: `  same warm first screen vs the empty library page`, values: warm, baseline: emptyPage, goal: 'for reference', start: 'as above', stop: 'as above', base: 'the same library page in a profile with no workspace and no session, opened the same way, interleaved' }),
      row({ name: `library page with nothing to list (floor)`, values: emptyPage, goal: 'floor', start: 'navigation to the library (page time origin)', stop: 'the frame painted with “No sessions yet”', base: '' }),
      row({ name: `incremental pull, ${CHANGED} of ${TEAM.toLocaleString('en')} changed: bytes Apache sent`, values: pulled, baseline: references, unit: 'KB', goal: '≤ 2× baseline', start: 'click “Refresh team library”', stop: '“up to date (5 changed)”', base: `the ${CHANGED} changed sessions’ light rows (index entries) + their bundles (revision zip + images) on disk` }),
      row({ name: `  same pull vs the ${CHANGED} changed light rows alone`, values: pulled, baseline: summaryOnly, unit: 'KB', goal: 'for reference (the pull fetches each changed author’s whole index)', base: 'the 5 changed index entries only' }),
      single(`  requests per incremental pull (p50)`, requests.sort((a, b) => a - b)[Math.floor(requests.length / 2)], 'requests'),
      single(`team seed: ${TEAM} sessions, ${round(summaryBytes / 1024 ** 2)} MB of member files and indexes on disk, for reference`, Math.round(seedMs), 'ms'),
    ];
  } finally {
    await bare?.close();
    await browser.close();
  }
}

export async function workspaceBenchmarks({ shop, pages }) {
  const docs = await loadDocs();
  const server = await startWebdav({ users: USERS, folders: ['team'] });
  try {
    const rows = [];
    if (process.env.BENCH_WS_PART !== 'team') rows.push(...(await publishRows(docs, server, shop, pages)));
    if (process.env.BENCH_WS_PART !== 'publish') rows.push(...(await teamRows(docs, server, shop, pages)));
    return rows;
  } finally {
    await server.stop();
  }
}
