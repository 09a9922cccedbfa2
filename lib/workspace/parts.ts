import { zipSync, type Zippable } from 'fflate';
import { MANIFEST_PATH, RECORDS_PATH, ManifestSchema } from '../bundle/format';
import { extractEntry, readZipDirectory } from '../bundle/zip';
import { workspaceFailure } from './errors';

// A published revision is the bundle format with its images stored apart, once each by content:
// rev-<n>.zip holds the bundle's manifest.json and sessions.json, and the manifest's sha256 of each
// image names its file in images/. Joining the parts gives back the exact bundle, which a reader
// then validates in full like any import.

export interface BundleParts<I> {
  /** manifest.json + sessions.json, zipped */
  rev: Uint8Array;
  /** sha256 → the first image of that content, one per distinct image */
  images: Map<string, I>;
}

/** A bundle's checked entries (describeBundle) as a revision and its images: only the first two are zipped. */
export function revisionParts<I extends { sha256: string }>(entries: { manifestBytes: Uint8Array; json: Uint8Array; images: readonly I[] }): BundleParts<I> {
  const images = new Map<string, I>();
  for (const image of entries.images) if (!images.has(image.sha256)) images.set(image.sha256, image);
  return { rev: zipSync({ [MANIFEST_PATH]: [entries.manifestBytes, { level: 6 }], [RECORDS_PATH]: [entries.json, { level: 6 }] }), images };
}

/**
 * Reads a rev-<n>.zip from the server (untrusted): only its two files, within the bundle reader's own
 * limits; says which images to fetch. The joined bundle is validated in full afterwards.
 */
export function readRevision(rev: Uint8Array): { manifestBytes: Uint8Array; records: Uint8Array; images: Array<{ path: string; sha256: string }> } {
  try {
    const entries = readZipDirectory(rev);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const m = byPath.get(MANIFEST_PATH);
    const r = byPath.get(RECORDS_PATH);
    if (!m || !r || entries.length !== 2) throw new Error('it is not a published revision (manifest.json and sessions.json only)');
    const manifestBytes = extractEntry(rev, m);
    const manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
    return {
      manifestBytes,
      records: extractEntry(rev, r),
      images: manifest.files.filter((f) => f.path !== RECORDS_PATH).map((f) => ({ path: f.path, sha256: f.sha256 })),
    };
  } catch (e) {
    throw workspaceFailure('corrupt', e instanceof Error ? e.message.slice(0, 300) : String(e));
  }
}

/** The full bundle again, for readBundle to check. */
export function joinBundle(manifestBytes: Uint8Array, records: Uint8Array, images: Array<{ path: string; bytes: Uint8Array }>): Uint8Array {
  const zippable: Zippable = { [MANIFEST_PATH]: [manifestBytes, { level: 0 }], [RECORDS_PATH]: [records, { level: 0 }] };
  for (const image of images) zippable[image.path] = [image.bytes, { level: 0 }];
  return zipSync(zippable);
}
