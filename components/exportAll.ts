import { browser } from 'wxt/browser';
import { readAllSessionIds, readBundleContents } from '@/components/data/reads';
import { buildBundleParts } from '@/lib/bundle/export';
import { downloadBlob } from '@/lib/browser/files';
import { exportFileName } from '@/lib/export/names';

/**
 * Every session in one bundle, the same format and checks as a one-session bundle, so that
 * "Import all" in another copy (the store build has a new extension id and its own storage)
 * brings everything back in one file. Returns how many sessions it wrote.
 */
export async function exportAllSessions(now = Date.now()): Promise<number> {
  const ids = await readAllSessionIds();
  if (ids.length === 0) return 0;
  const zip = await buildBundleParts(await readBundleContents(ids), { appVersion: browser.runtime.getManifest().version, now });
  downloadBlob(new Blob(zip as BlobPart[], { type: 'application/zip' }), exportFileName('Mystery Shopper all sessions', now, 'bundle.zip'));
  return ids.length;
}
