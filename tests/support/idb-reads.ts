// Reads of the extension's IndexedDB, run inside an extension page by the Chromium (Playwright)
// and Firefox (Puppeteer) suites alike: pass them to `page.evaluate(fn, arg)`. Each is serialised
// on its own, so each is self-contained (no imports, no outer variables).

/** Every record of an object store, as committed; blobs as their size and type. */
export function readStoreInPage(name: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('mystery-shopper');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction(name, 'readonly').objectStore(name).getAll();
      req.onsuccess = () => {
        // Blobs cannot cross into the test; report their size instead.
        const rows = (req.result as Record<string, unknown>[]).map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Blob ? { blobSize: v.size, type: v.type } : v])),
        );
        db.close();
        resolve(rows);
      };
      req.onerror = () => reject(req.error);
    };
  });
}

/** A SHA-256 of every stored image, by image id. */
export function imageHashesInPage(): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('mystery-shopper');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('images').objectStore('images').getAll();
      req.onsuccess = async () => {
        const out: Record<string, string> = {};
        for (const row of req.result as Array<{ id: string; blob: Blob }>) {
          const digest = await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer());
          out[row.id] = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
        }
        open.result.close();
        resolve(out);
      };
    };
  });
}

/** One column of a stored screenshot's full image, top to bottom, as [r, g, b]. */
export function imageColumnInPage({ id, x }: { id: string; x: number }): Promise<number[][]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('mystery-shopper');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('images').objectStore('images').get(`${id}/full`);
      req.onsuccess = async () => {
        open.result.close();
        const bitmap = await createImageBitmap(req.result.blob);
        const canvas = new OffscreenCanvas(1, bitmap.height);
        canvas.getContext('2d')!.drawImage(bitmap, x, 0, 1, bitmap.height, 0, 0, 1, bitmap.height);
        const data = canvas.getContext('2d')!.getImageData(0, 0, 1, bitmap.height).data;
        resolve(Array.from({ length: bitmap.height }, (_, i) => [data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!]));
      };
    };
  });
}
