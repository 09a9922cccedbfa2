// What every benchmark module needs: order statistics, rounding, a pause between captures (the
// capture quota is a rate, not a state to wait for), and reading the extension's IndexedDB.

/** The q-quantile (0…1) by the nearest-rank rule. */
export const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
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

/** Samples below this print no p95: with fewer, the "p95" is just the maximum. */
export const MIN_FOR_P95 = 40;

/**
 * One row of the results table. `values` are the row's samples (ms unless `unit` says), `baseline`
 * the samples of its baseline measured in the same run (or null). p95 only from ≥ 40 samples.
 */
export function row({ name, values, baseline = null, goal = '', unit = 'ms', start, stop, base = '' }) {
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
  };
}

/** A figure measured once (a size, a one-off rebuild): n = 1, no baseline. */
export const single = (name, value, unit, goal = '', extra = {}) => ({ ...row({ name, values: [value], unit, goal }), ...extra });
