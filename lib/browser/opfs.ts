import type { SafetyStore } from '../storage/safety-copy';

// The safety copy's files in the origin-private file system (lib/storage/safety-copy.ts says
// why). Chrome 86+ and Firefox 111+ offer it to extension pages and to Chrome's MV3 service
// worker, createWritable included (checked in Chromium 131's worker). Where it is missing the
// copy is simply not kept: null.

const ROOT = 'safety-copy';

export async function opfsSafetyStore(): Promise<SafetyStore | null> {
  let root: FileSystemDirectoryHandle;
  try {
    if (!navigator.storage?.getDirectory) return null;
    root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
  } catch {
    return null;
  }
  const dirOf = async (path: string, create: boolean) => {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create });
    return { dir, name: parts.at(-1)! };
  };
  const file = async (path: string): Promise<File | null> => {
    try {
      const { dir, name } = await dirOf(path, false);
      return await (await dir.getFileHandle(name)).getFile();
    } catch (e) {
      if ((e as DOMException)?.name === 'NotFoundError') return null;
      throw e;
    }
  };
  const write = async (path: string, data: Blob | string) => {
    const { dir, name } = await dirOf(path, true);
    // createWritable writes a swap file and replaces the old one on close: a file is never
    // half written, and the old bytes (erased pixels, say) are gone once it closes.
    const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
    try {
      await writable.write(data);
      await writable.close();
    } catch (e) {
      await writable.abort().catch(() => undefined);
      throw e;
    }
  };
  return {
    readText: async (path) => (await file(path))?.text() ?? null,
    readBlob: file,
    writeText: write,
    writeBlob: write,
    async remove(path) {
      try {
        const { dir, name } = await dirOf(path, false);
        await dir.removeEntry(name);
      } catch (e) {
        if ((e as DOMException)?.name !== 'NotFoundError') throw e;
      }
    },
  };
}
