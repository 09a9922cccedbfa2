import { strToU8 } from 'fflate';
import { joinParts, zipParts } from './zip-write';
import { AppFailure } from '../errors';
import { imageKey, type ImageVariant, type Screenshot, type Session, type Step } from '../schemas';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MANIFEST_PATH,
  MAX_ENTRIES,
  MAX_JSON_BYTES,
  MAX_TOTAL_INFLATED_BYTES,
  RECORDS_PATH,
  RecordsSchema,
  describeIssue,
  imagePath,
  isImageMime,
  sha256Hex,
  sniffImage,
  type ImageMime,
  type Manifest,
} from './format';
import { imagesProblem, referenceProblem, type ImageRef } from './references';

// Builds a bundle from records and image bytes. Pure: exportFromDb (write.ts) gathers the input.

export interface ExportImage {
  /** `${screenshotId}/${variant}`, the images table's key */
  id: string;
  screenshotId: string;
  variant: ImageVariant;
  bytes: Uint8Array;
  mimeType: string;
  /**
   * The stored file these bytes were read from, when there is one: a publish sends it as it is
   * (an OPFS File is a snapshot: were it rewritten meanwhile, the upload fails and is retried,
   * never sending bytes other than the hashed ones).
   */
  blob?: Blob;
}

export interface BundleData {
  sessions: Session[];
  steps: Step[];
  screenshots: Screenshot[];
  images: ExportImage[];
}

export interface BundleMeta {
  appVersion: string;
  now: number;
}

// A zip stores times as DOS dates, which only cover these years.
const EARLIEST_ZIP_TIME = Date.UTC(1980, 0, 2);
const LATEST_ZIP_TIME = Date.UTC(2099, 11, 30);

/**
 * The same checks as import run first, so that the app never writes a bundle it would refuse to read;
 * a record that fails them is an AppFailure of kind 'internal' naming it.
 */
export async function buildBundle(data: BundleData, meta: BundleMeta): Promise<Uint8Array> {
  return joinParts(await buildBundleParts(data, meta));
}

/**
 * The bundle as the parts of a zip, each image's bytes passed through as they are: a Blob made of
 * them is the file, and the page never holds a second copy of every image as one zip array.
 */
export async function buildBundleParts(data: BundleData, meta: BundleMeta): Promise<Uint8Array[]> {
  const { manifestBytes, json, images } = await bundleEntries(data, meta);
  const mtime = new Date(Math.min(LATEST_ZIP_TIME, Math.max(EARLIEST_ZIP_TIME, meta.now)));
  // The manifest comes first so that a reader can stop early; images are stored as they are,
  // since JPEG and WebP do not deflate.
  return zipParts(
    [
      { path: MANIFEST_PATH, data: manifestBytes, level: 6 },
      { path: RECORDS_PATH, data: json, level: 6 },
      ...images.map((ref) => ({ path: ref.path, data: ref.bytes })),
    ],
    mtime,
  );
}

/**
 * A bundle's files before zipping, checked as buildBundle checks them: the manifest, the records,
 * and each image with its path and sha256 (a publish stores images apart, by hash, and zips only
 * the first two: lib/workspace/publish.ts).
 */
export async function bundleEntries(data: BundleData, meta: BundleMeta): Promise<{ manifestBytes: Uint8Array; json: Uint8Array; images: Array<{ path: string; sha256: string; bytes: Uint8Array; blob?: Blob }> }> {
  // All at once: Web Crypto digests off the calling thread, so hundreds of images hash side by side
  // instead of one round trip to the crypto thread after another.
  const hashes = await Promise.all(data.images.map((image) => sha256Hex(image.bytes)));
  const described = data.images.map((image, i) => ({ ...image, size: image.bytes.length, sniffed: sniffImage(image.bytes), sha256: hashes[i]! }));
  return describeBundle(data, described, meta);
}

/** An image as the manifest names it: what it is stored as, what its bytes are (sniffed), their length and sha256. */
export interface DescribedImage {
  id: string;
  screenshotId: string;
  variant: ImageVariant;
  mimeType: string;
  sniffed: ImageMime | null;
  size: number;
  sha256: string;
}

/**
 * The same checks and manifest from images already described (a publish knows each image's sha256
 * without reading it: lib/storage/images.ts keeps them); each image comes back with its path.
 */
export async function describeBundle<I extends DescribedImage>(
  data: Pick<BundleData, 'sessions' | 'steps' | 'screenshots'>,
  described: readonly I[],
  meta: BundleMeta,
): Promise<{ manifestBytes: Uint8Array; json: Uint8Array; images: Array<I & { path: string }> }> {
  const parsed = RecordsSchema.safeParse({ sessions: data.sessions, steps: data.steps, screenshots: data.screenshots });
  if (!parsed.success) throw cannotExport(`${RECORDS_PATH}: ${describeIssue(parsed.error.issues[0]!, data)}`);
  const records = parsed.data;
  const problem = referenceProblem(records);
  if (problem) throw cannotExport(`${RECORDS_PATH}: ${problem}`);

  const refs: Array<ImageRef & { image: I }> = [];
  for (const image of described) {
    const { screenshotId, variant, mimeType } = image;
    if (image.id !== imageKey(screenshotId, variant)) throw cannotExport(`image "${image.id}" is stored under the wrong key`);
    if (!isImageMime(mimeType)) throw cannotExport(`image "${image.id}" is ${mimeType || 'of no known type'}; bundles hold JPEG, WebP and PNG`);
    if (image.sniffed !== mimeType) throw cannotExport(`image "${image.id}" is not the ${mimeType} it is stored as`);
    refs.push({ screenshotId, variant, mimeType, image, path: imagePath(screenshotId, variant, mimeType) });
  }
  const imageProblem = imagesProblem(records.screenshots, refs);
  if (imageProblem) throw cannotExport(imageProblem);

  const json = strToU8(JSON.stringify(records));
  if (json.length > MAX_JSON_BYTES) throw tooLarge();
  if (refs.length + 2 > MAX_ENTRIES) throw tooLarge();
  // Images in the order of their screenshots, full before thumb, so the zip reads like the journey.
  const order = new Map(records.screenshots.map((s, i) => [s.id, i]));
  refs.sort((a, b) => order.get(a.screenshotId)! - order.get(b.screenshotId)! || (a.variant === 'full' ? -1 : 1));
  const inflated = json.length + refs.reduce((sum, r) => sum + r.image.size, 0);
  if (inflated > MAX_TOTAL_INFLATED_BYTES) throw tooLarge();

  const files: Manifest['files'] = [{ path: RECORDS_PATH, bytes: json.length, sha256: await sha256Hex(json) }];
  const images = refs.map((ref) => ({ ...ref.image, path: ref.path }));
  for (const image of images) files.push({ path: image.path, bytes: image.size, sha256: image.sha256 });
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    appVersion: meta.appVersion,
    createdAt: meta.now,
    counts: { sessions: records.sessions.length, steps: records.steps.length, screenshots: records.screenshots.length, images: refs.length },
    files,
  };
  return { manifestBytes: strToU8(JSON.stringify(manifest, null, 2)), json, images };
}

const cannotExport = (detail: string) => new AppFailure({ kind: 'internal', detail: `the bundle could not be made: ${detail}` });

const tooLarge = () =>
  new AppFailure({ kind: 'internal', detail: `the bundle would be larger than one bundle may be (${MAX_ENTRIES} files, ${MAX_TOTAL_INFLATED_BYTES / 1024 ** 3} GiB); export fewer sessions at a time` });
