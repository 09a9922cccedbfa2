// What every benchmark module needs: order statistics, rounding, a pause between captures (the
// capture quota is a rate, not a state to wait for), reading the extension's IndexedDB and its
// image files (OPFS), progress lines, and whether a row meets its goal.

/** The q-quantile (0…1) by the nearest-rank rule. */
export const quantile = (values, q) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
export const median = (values) => quantile(values, 0.5);
export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every record of a store (records must be structured-cloneable to Node: no Blobs). */
export function readAll(page, store) {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
        };
      }),
    store,
  );
}

const benchStart = performance.now();
/** A progress line on stderr with the minutes since the run began, so a long run shows where it is. */
export const progress = (what) => console.error(`bench: ${what} (${((performance.now() - benchStart) / 60_000).toFixed(1)} min)`);

// Where images live since issue 12 (lib/browser/opfs.ts): one file per image in the extension's
// origin-private file system, `safety-copy/images/<screenshotId>.<variant>`. IndexedDB rows of
// `images` remain only in profiles from before (readers fall back to them).

/**
 * Installs `window.__benchImages` in an extension page: `put(screenshotId, variant, blob)` writes
 * an image where the product keeps it, `all()` lists every stored image ({ id, variant, size },
 * files and any old rows), `read(variant)` reads every image of that variant into ArrayBuffers.
 */
export function installImageFiles(page) {
  return page.evaluate(() => {
    const folder = async () => (await (await navigator.storage.getDirectory()).getDirectoryHandle('safety-copy', { create: true })).getDirectoryHandle('images', { create: true });
    const oldRows = () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('images').objectStore('images').getAll();
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result.map((r) => ({ id: r.screenshotId, variant: r.variant, blob: r.blob })));
          };
        };
      });
    const files = async () => {
      const found = [];
      for await (const [name, handle] of (await folder()).entries()) {
        const m = /^(.+)\.(full|thumb)$/.exec(name);
        if (m && handle.kind === 'file') found.push({ id: m[1], variant: m[2], handle });
      }
      return found;
    };
    window.__benchImages = {
      async put(id, variant, blob) {
        const writable = await (await (await folder()).getFileHandle(`${id}.${variant}`, { create: true })).createWritable();
        await writable.write(blob);
        await writable.close();
      },
      async all() {
        const fromFiles = await Promise.all((await files()).map(async (f) => ({ id: f.id, variant: f.variant, size: (await f.handle.getFile()).size })));
        const rows = (await oldRows()).map((r) => ({ id: r.id, variant: r.variant, size: r.blob.size }));
        return [...fromFiles, ...rows];
      },
      async read(variant) {
        const blobs = [...(await Promise.all((await files()).filter((f) => f.variant === variant).map((f) => f.handle.getFile()))), ...(await oldRows()).filter((r) => r.variant === variant).map((r) => r.blob)];
        await Promise.all(blobs.map((b) => b.arrayBuffer()));
        return blobs.length;
      },
    };
  });
}

/** Every stored image's size: [{ id, variant, size }] (needs installImageFiles first). */
export const storedImages = (page) => page.evaluate(() => window.__benchImages.all());

/** Samples below this print no p95: with fewer, the "p95" is just the maximum. */
export const MIN_FOR_P95 = 40;

/**
 * One row of the results table. `values` are the row's samples (ms unless `unit` says), `baseline`
 * the samples of its baseline measured in the same run (or null). p95 only from ≥ 40 samples.
 */
/** @param {{ name: string, values: number[], baseline?: number[] | null, goal?: string, unit?: string, start?: string, stop?: string, base?: string, phases?: object[] }} spec */
export function row({ name, values, baseline = null, goal = '', unit = 'ms', start = '', stop = '', base = '', phases = undefined }) {
  const n = values.length;
  const p50 = quantile(values, 0.5);
  const p95 = n >= MIN_FOR_P95 ? quantile(values, 0.95) : null;
  const b50 = baseline?.length ? quantile(baseline, 0.5) : null;
  const b95 = baseline && baseline.length >= MIN_FOR_P95 ? quantile(baseline, 0.95) : null;
  return {
    row: name,
    n,
    p50: round(p50),
    p95: p95 === null ? null : round(p95),
    baselineP50: b50 === null ? null : round(b50),
    ratio: b50 ? round(p50 / b50, 2) : null,
    ratioP95: b95 && p95 !== null ? round(p95 / b95, 2) : null,
    goal,
    unit,
    baselineN: baseline?.length ?? 0,
    start,
    stop,
    baselineIs: base,
    // Where the row's milliseconds go (phaseRows), printed under it.
    ...(phases ? { phases } : {}),
  };
}

/**
 * Per-phase rows of a measured path: p50 (and p95 from ≥ 40 samples) of each phase over the
 * samples that had it. `samples` are objects of phase name → ms (undefined: not in that sample).
 */
export function phaseRows(samples) {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  return names.map((name) => {
    const values = samples.map((p) => p[name]).filter((v) => typeof v === 'number' && Number.isFinite(v));
    return { phase: name, n: values.length, p50: round(quantile(values, 0.5)), p95: values.length >= MIN_FOR_P95 ? round(quantile(values, 0.95)) : null };
  });
}

/** A figure measured once (a size, a one-off rebuild): n = 1, no baseline. */
export const single = (name, value, unit, goal = '', extra = {}) => ({ ...row({ name, values: [value], unit, goal }), ...extra });

/**
 * Whether a row meets its goal, read from the goal's words: "≤ 1.3× … p50, ≤ 1.5× … p95" checks
 * the ratios (a "×" term without "p95" is the p50 ratio), "≤ 3 s" / "≤ 300 ms" / "≤ 150 KB" the
 * p50 (and the p95 when the goal names p95) in the row's unit. true / false, or null for a row
 * with no checkable goal (a baseline, a figure for reference) or without the figure it needs;
 * false for the row of a part that failed.
 */
export function goalMet(r) {
  // A part that failed met nothing.
  if (r.failed) return false;
  const goal = String(r.goal ?? '');
  const terms = goal.split(/,\s*(?=≤)/).map((t) => t.trim()).filter((t) => t.startsWith('≤'));
  if (!terms.length) return null;
  const scale = { ms: 1, s: 1000, B: 1, KB: 1024, MB: 1024 ** 2 };
  const results = terms.map((term) => {
    const p95 = /p95/.test(term);
    const times = /^≤\s*([\d.]+)\s*×/.exec(term);
    if (times) {
      const ratio = p95 ? r.ratioP95 : r.ratio;
      return ratio === null || ratio === undefined ? null : ratio <= Number(times[1]);
    }
    const amount = /^≤\s*([\d.,]+)\s*(ms|s|KB|MB|B)\b/.exec(term);
    if (!amount || !(amount[2] in scale) || !(r.unit in scale) || (amount[2] in { ms: 1, s: 1 }) !== (r.unit in { ms: 1, s: 1 })) return null;
    const limit = (Number(amount[1].replaceAll(',', '')) * scale[amount[2]]) / scale[r.unit];
    const figure = p95 ? r.p95 : r.p50;
    return figure === null || figure === undefined ? null : figure <= limit;
  });
  if (results.includes(false)) return false;
  return results.includes(null) ? null : true;
}
