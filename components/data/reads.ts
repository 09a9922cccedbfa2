import { getDb } from '@/lib/db';
import { imageBlob, sessionById, sessionForExport, stepNote } from '@/lib/db/queries';
import { exportFromDb } from '@/lib/bundle/write';
import type { ImageVariant } from '@/lib/schemas';

export { requestPersistentStorage } from '@/lib/db';

// One-off reads a page makes (not live): pixels on demand, what an export needs, a stored note.

export const loadImage = (screenshotId: string, variant: ImageVariant) => imageBlob(getDb(), screenshotId, variant);

export const readSession = (sessionId: string) => sessionById(getDb(), sessionId);

export const readSessionForExport = (sessionId: string) => sessionForExport(getDb(), sessionId);

/** Sessions' records and pixels as a bundle holds them. */
export const readBundleContents = (sessionIds: string[]) => exportFromDb(getDb(), sessionIds);

export const readStepNote = (stepId: string) => stepNote(getDb(), stepId);
