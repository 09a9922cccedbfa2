// Reads of the extension's IndexedDB and of its image files in the origin-private file system
// (lib/browser/opfs.ts: safety-copy/images/<screenshotId>.<variant>), run inside an extension page by the Chromium (Playwright)
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

/**
 * Every stored image, wherever it lives: a file in OPFS (where images live) or a row of the
 * `images` store (a profile not yet moved, or a browser without OPFS). `where` says which; a key
 * held in both is listed twice, so a test sees a second copy. With `hash`, each carries its SHA-256.
 */
export async function readImagesInPage(hash = false): Promise<
  Array<{ id: string; screenshotId: string; variant: string; where: 'file' | 'row'; blob: { blobSize: number; type: string }; sha256?: string }>
> {
  const sha = async (blob: Blob) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const out: Array<{ id: string; screenshotId: string; variant: string; where: 'file' | 'row'; blob: { blobSize: number; type: string }; sha256?: string }> = [];
  const add = async (id: string, where: 'file' | 'row', blob: Blob) => {
    const [screenshotId, variant] = id.split('/') as [string, string];
    out.push({ id, screenshotId, variant, where, blob: { blobSize: blob.size, type: blob.type }, ...(hash ? { sha256: await sha(blob) } : {}) });
  };
  try {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('safety-copy');
    const dir = await root.getDirectoryHandle('images');
    for await (const [name, handle] of (dir as any).entries()) {
      if (handle.kind === 'file') await add(name.replace(/\.(full|thumb)$/, '/$1'), 'file', await handle.getFile());
    }
  } catch (e) {
    if ((e as DOMException)?.name !== 'NotFoundError') throw e;
  }
  const rows = await new Promise<Array<{ id: string; blob: Blob }>>((resolve, reject) => {
    const open = indexedDB.open('mystery-shopper');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('images').objectStore('images').getAll();
      req.onsuccess = () => {
        open.result.close();
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    };
  });
  for (const row of rows) await add(row.id, 'row', row.blob);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A SHA-256 of every stored image (file or row), by image id. */
export async function imageHashesInPage(): Promise<Record<string, string>> {
  const sha = async (blob: Blob) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const out: Record<string, string> = {};
  const rows = await new Promise<Array<{ id: string; blob: Blob }>>((resolve, reject) => {
    const open = indexedDB.open('mystery-shopper');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('images').objectStore('images').getAll();
      req.onsuccess = () => {
        open.result.close();
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    };
  });
  for (const row of rows) out[row.id] = await sha(row.blob);
  try {
    const dir = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('safety-copy')).getDirectoryHandle('images');
    for await (const [name, handle] of (dir as any).entries()) if (handle.kind === 'file') out[name.replace(/\.(full|thumb)$/, '/$1')] = await sha(await handle.getFile());
  } catch (e) {
    if ((e as DOMException)?.name !== 'NotFoundError') throw e;
  }
  return out;
}

/** One column of a stored screenshot's full image (its file, else its row), top to bottom, as [r, g, b]. */
export async function imageColumnInPage({ id, x }: { id: string; x: number }): Promise<number[][]> {
  let blob: Blob;
  try {
    const dir = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('safety-copy')).getDirectoryHandle('images');
    blob = await (await dir.getFileHandle(`${id}.full`)).getFile();
  } catch {
    blob = await new Promise<Blob>((resolve, reject) => {
      const open = indexedDB.open('mystery-shopper');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('images').objectStore('images').get(`${id}/full`);
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result.blob);
        };
        req.onerror = () => reject(req.error);
      };
    });
  }
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(1, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, x, 0, 1, bitmap.height, 0, 0, 1, bitmap.height);
  const data = canvas.getContext('2d')!.getImageData(0, 0, 1, bitmap.height).data;
  return Array.from({ length: bitmap.height }, (_, i) => [data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!]);
}
