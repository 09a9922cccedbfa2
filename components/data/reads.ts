import { getDb } from '@/lib/db';
import { allSessionIds, sessionById, stepNote } from '@/lib/db/queries';
import { attachImageFiles, imageBlob, sessionForExport } from '@/lib/storage/images';
import { opfsImageFiles } from '@/lib/browser/opfs';
import type { ImageVariant } from '@/lib/schemas';

export { requestPersistentStorage } from '@/lib/db';

/**
 * Starts opening the database before the first render: otherwise it opens only when the first
 * view's reads run, after its first paint, and the rows wait for both one after the other. A
 * failure is not dropped: the view's own reads meet the same error and report it.
 */
export function openDatabase(): void {
  getDb()
    .open()
    .catch(() => undefined);
}

// One-off reads a page makes (not live): pixels on demand, what an export needs, a stored note.

let attached = false;
/** The database with its image files (OPFS) attached, on first use: pixels live there. */
function withFiles() {
  const db = getDb();
  if (!attached) attachImageFiles(db, opfsImageFiles());
  attached = true;
  return db;
}

export const loadImage = (screenshotId: string, variant: ImageVariant) => imageBlob(withFiles(), screenshotId, variant);

export const readSession = (sessionId: string) => sessionById(getDb(), sessionId);

export const readSessionForExport = (sessionId: string) => sessionForExport(withFiles(), sessionId);

/**
 * Sessions' records and pixels as a bundle holds them. Loaded on use: the bundle code brings zod
 * (through the step schemas), which no page needs for its first view.
 */
export const readBundleContents = async (sessionIds: string[]) => (await import('@/lib/bundle/write')).exportFromDb(withFiles(), sessionIds);

export const readAllSessionIds = () => allSessionIds(getDb());

export const readStepNote = (stepId: string) => stepNote(getDb(), stepId);
