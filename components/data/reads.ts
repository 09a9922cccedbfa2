import { getDb } from '@/lib/db';
import { allSessionIds, imageBlob, sessionById, sessionForExport, stepNote } from '@/lib/db/queries';
import type { ImageVariant } from '@/lib/schemas';

export { requestPersistentStorage } from '@/lib/db';

// One-off reads a page makes (not live): pixels on demand, what an export needs, a stored note.

export const loadImage = (screenshotId: string, variant: ImageVariant) => imageBlob(getDb(), screenshotId, variant);

export const readSession = (sessionId: string) => sessionById(getDb(), sessionId);

export const readSessionForExport = (sessionId: string) => sessionForExport(getDb(), sessionId);

/**
 * Sessions' records and pixels as a bundle holds them. Loaded on use: the bundle code brings zod
 * (through the step schemas), which no page needs for its first view.
 */
export const readBundleContents = async (sessionIds: string[]) => (await import('@/lib/bundle/write')).exportFromDb(getDb(), sessionIds);

export const readAllSessionIds = () => allSessionIds(getDb());

export const readStepNote = (stepId: string) => stepNote(getDb(), stepId);
