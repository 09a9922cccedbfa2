import type { ImageFiles } from '../storage/images';
import type { SafetyStore } from '../storage/safety-copy';

// The origin-private file system: where images live (lib/storage/images.ts) and the safety
// journal beside them (lib/storage/safety-copy.ts). Chrome 86+ and Firefox 111+ offer it to
// extension pages and to Chrome's MV3 service worker, createWritable included (checked in
// Chromium 131's worker). Where it is missing both answer null: images then stay in IndexedDB
// and no journal is kept.
//
// Layout under safety-copy/: images/<screenshotId>.<variant> (the name 0.3's safety copy gave its
// copies, so a profile moving from it reuses those files), journal/<sessionId>.json, index.json.

const ROOT = 'safety-copy';
const IMAGES = 'images';

async function rootDir(): Promise<FileSystemDirectoryHandle | null> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
    return await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
  } catch {
    return null;
  }
}

const notFound = (e: unknown) => (e as DOMException)?.name === 'NotFoundError';

async function dirOf(root: FileSystemDirectoryHandle, path: string, create: boolean) {
  const parts = path.split('/');
  let dir = root;
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create });
  return { dir, name: parts.at(-1)! };
}

async function readFile(root: FileSystemDirectoryHandle, path: string): Promise<File | null> {
  try {
    const { dir, name } = await dirOf(root, path, false);
    return await (await dir.getFileHandle(name)).getFile();
  } catch (e) {
    if (notFound(e)) return null;
    throw e;
  }
}

// Folders a write has made, kept: each look-up is a round trip to the browser on a capture's
// path. A folder removed behind our back is looked up again (writeFile retries once).
const folders = new WeakMap<FileSystemDirectoryHandle, Map<string, Promise<FileSystemDirectoryHandle>>>();

function folderOf(root: FileSystemDirectoryHandle, path: string, fresh: boolean) {
  let known = folders.get(root);
  if (!known) folders.set(root, (known = new Map()));
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const found = known.get(folder);
  if (found && !fresh) return found;
  const made = dirOf(root, path, true).then(({ dir }) => dir);
  known.set(folder, made);
  made.catch(() => known.get(folder) === made && known.delete(folder));
  return made;
}

async function openWritable(root: FileSystemDirectoryHandle, path: string, fresh = false): Promise<FileSystemWritableFileStream> {
  const dir = await folderOf(root, path, fresh);
  let handle: FileSystemFileHandle;
  try {
    handle = await dir.getFileHandle(path.slice(path.lastIndexOf('/') + 1), { create: true });
  } catch (e) {
    if (!fresh && notFound(e)) return openWritable(root, path, true);
    throw e;
  }
  // createWritable writes a swap file and replaces the old one on close: a file is never
  // half written, and the old bytes (erased pixels, say) are gone once it closes.
  return handle.createWritable();
}

async function fill(writable: FileSystemWritableFileStream, data: Blob | string) {
  try {
    await writable.write(data);
    await writable.close();
  } catch (e) {
    await writable.abort().catch(() => undefined);
    throw e;
  }
}

async function writeFile(root: FileSystemDirectoryHandle, path: string, data: Blob | string): Promise<void> {
  await fill(await openWritable(root, path), data);
}

// Files opened ahead of their bytes (ImageFiles.prepare: a capture in flight), by path.
const opened = new Map<string, Promise<FileSystemWritableFileStream>>();

function takeOpened(path: string) {
  const found = opened.get(path);
  opened.delete(path);
  return found;
}

async function removeFile(root: FileSystemDirectoryHandle, path: string) {
  try {
    const { dir, name } = await dirOf(root, path, false);
    await dir.removeEntry(name);
  } catch (e) {
    if (!notFound(e)) throw e;
  }
}

/** Image keys are `${screenshotId}/${variant}` of our own ids (letters, digits, '-'): one file name each. */
const imagePath = (id: string) => `${IMAGES}/${id.replace('/', '.')}`;
const imageIdOf = (fileName: string) => fileName.replace(/\.(full|thumb)$/, '/$1');

let images: Promise<ImageFiles | null> | undefined;

/** This context's image files; null where the browser offers no OPFS. */
export function opfsImageFiles(): Promise<ImageFiles | null> {
  images ??= rootDir().then((root) =>
    root
      ? {
          async put(id, blob) {
            const ahead = takeOpened(imagePath(id));
            const writable = ahead && (await ahead.catch(() => null));
            // Opened ahead: only the bytes are left to write (else, or if that open failed, all of it).
            return writable ? fill(writable, blob) : writeFile(root, imagePath(id), blob);
          },
          prepare(id) {
            const path = imagePath(id);
            if (opened.has(path)) return;
            const writable = openWritable(root, path);
            writable.catch(() => undefined);
            opened.set(path, writable);
          },
          async unprepare(id) {
            const ahead = takeOpened(imagePath(id));
            const writable = ahead && (await ahead.catch(() => null));
            if (!writable) return;
            await writable.abort().catch(() => undefined);
            // Created empty by the open; the sweep would remove it too (a file with no record).
            await removeFile(root, imagePath(id)).catch(() => undefined);
          },
          get: (id) => readFile(root, imagePath(id)),
          remove: (id) => removeFile(root, imagePath(id)),
          async list() {
            const dir = await root.getDirectoryHandle(IMAGES, { create: true });
            const found: { id: string; modified: number }[] = [];
            // entries() is in every browser with OPFS; TypeScript's DOM types lack it.
            for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
              if (handle.kind !== 'file') continue;
              found.push({ id: imageIdOf(name), modified: (await (handle as FileSystemFileHandle).getFile()).lastModified });
            }
            return found;
          },
        }
      : null,
  );
  return images;
}

/** The safety journal's text files; null where the browser offers no OPFS. */
export async function opfsSafetyStore(): Promise<SafetyStore | null> {
  const root = await rootDir();
  if (!root) return null;
  return {
    readText: async (path) => (await readFile(root, path))?.text() ?? null,
    writeText: (path, text) => writeFile(root, path, text),
    remove: (path) => removeFile(root, path),
  };
}
