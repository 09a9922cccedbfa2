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
