import type { ImageVariant, Screenshot, Session, Step } from '../schemas';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MANIFEST_PATH,
  MAX_JSON_BYTES,
  MAX_MANIFEST_BYTES,
  ManifestSchema,
  RECORDS_PATH,
  RecordsSchema,
  describeIssue,
  parseImagePath,
  refuse,
  sha256Hex,
  shownPath,
  sniffImage,
  unknownKeyPath,
  where,
  type BundleRecords,
  type ImageMime,
  type Manifest,
} from './format';
import { footprintProblem } from './footprint';
import { parseBundleJson } from './json';
import { imagesProblem, referenceProblem, type ImageRef } from './references';
import { PENDING_THUMB_BYTES } from '../step/commit';
import { extractEntry, readZipDirectory, type ZipEntry } from './zip';
import { inOrder } from '../serial';

// Reads a bundle and checks all of it, returning records that are safe to write. Pure: nothing is
// written here, so a refused bundle can never leave half an import behind.

export interface BundleImage {
  screenshotId: string;
  variant: ImageVariant;
  /** May be a view into the bundle's bytes; copy it (new Blob([bytes])) before keeping it. */
  bytes: Uint8Array;
  mimeType: ImageMime;
}

export interface ParsedBundle {
  sessions: Session[];
  steps: Step[];
  screenshots: Screenshot[];
  images: BundleImage[];
}

/** An image's size in pixels, as decoding it found. */
export interface DecodedSize {
  width: number;
  height: number;
}

/**
 * Decodes an image in full and answers its size, or null (or throws) when it does not decode. In
 * the worker this is createImageBitmap (decodeWithBitmap); a header check alone would let a file
 * that starts like a JPEG but is not one be stored, then fail to show.
 */
export type ImageDecoder = (bytes: Uint8Array, mimeType: ImageMime) => Promise<DecodedSize | null>;

export interface ReadBundleOptions {
  decode: ImageDecoder;
  /** Called after each file: bytes inflated and checked so far, out of the bundle's total. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** Images checked side by side: enough to keep two or four cores decoding, few enough that the decoded pixels of each stay small. */
export const DECODE_AT_ONCE = 4;

export const CANCELLED = 'the import was cancelled; nothing was imported';

/**
 * Every failure is an AppFailure of kind 'invalid-message' whose detail names the file and the field,
 * e.g. `images/ab12/full.jpg: checksum does not match the manifest`.
 */
export async function readBundle(bytes: Uint8Array, opts: ReadBundleOptions): Promise<ParsedBundle> {
  const checkCancelled = () => {
    if (opts.signal?.aborted) throw refuse(CANCELLED);
  };
  checkCancelled();
  const entries = readZipDirectory(bytes);
  // Stored entries are read in place; each deflated one is inflated beside the file.
  const tooBig = footprintProblem(bytes.length + entries.reduce((sum, e) => sum + (e.method === 0 ? 0 : e.size), 0));
  if (tooBig) throw refuse(tooBig);
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  let done = 0;
  const read = (entry: ZipEntry) => {
    checkCancelled();
    const data = extractEntry(bytes, entry);
    done += entry.size;
    opts.onProgress?.(done, total);
    return data;
  };

  const byPath = new Map(entries.map((e) => [e.path, e]));
  const manifestEntry = byPath.get(MANIFEST_PATH);
  if (!manifestEntry) throw refuse(`${MANIFEST_PATH}: is missing; this zip is not a Mystery Shopper bundle`);
  if (manifestEntry.size > MAX_MANIFEST_BYTES) throw refuse(`${MANIFEST_PATH}: is larger than ${MAX_MANIFEST_BYTES / 1024 ** 2} MiB`);
  const manifest = parseManifest(read(manifestEntry));
  const listed = matchManifestToZip(manifest, entries);

  const recordsEntry = byPath.get(RECORDS_PATH);
  if (!recordsEntry) throw refuse(`${RECORDS_PATH}: is missing from the zip`);
  if (recordsEntry.size > MAX_JSON_BYTES) throw refuse(`${RECORDS_PATH}: is larger than ${MAX_JSON_BYTES / 1024 ** 2} MiB`);
  const recordsBytes = read(recordsEntry);
  await checkChecksum(recordsBytes, RECORDS_PATH, listed);
  const records = parseRecords(parseBundleJson(recordsBytes, RECORDS_PATH));
  for (const table of ['sessions', 'steps', 'screenshots'] as const) {
    if (manifest.counts[table] !== records[table].length)
      throw refuse(`${MANIFEST_PATH}: counts.${table} says ${manifest.counts[table]}, but ${RECORDS_PATH} holds ${records[table].length}`);
  }

  const imageEntries = entries.filter((e) => e.path !== MANIFEST_PATH && e.path !== RECORDS_PATH);
  if (manifest.counts.images !== imageEntries.length)
    throw refuse(`${MANIFEST_PATH}: counts.images says ${manifest.counts.images}, but the zip holds ${imageEntries.length} images`);
  // pathProblem admitted only the three kinds of path, so every other entry parses as an image path.
  const refs: Array<ImageRef & { entry: ZipEntry }> = imageEntries.map((entry) => ({ ...parseImagePath(entry.path)!, path: entry.path, entry }));
  const problem = imagesProblem(records.screenshots, refs);
  if (problem) throw refuse(problem);

  // A few images at a time: decoding is most of an import's work, and the browser decodes off
  // the calling thread, so images side by side use the cores a loop would leave idle. The refusal
  // is the one a loop would give (inOrder): the lowest image that fails.
  const checked = await inOrder(refs, DECODE_AT_ONCE, async ({ entry, screenshotId, variant, mimeType }) => {
    const data = read(entry);
    await checkChecksum(data, entry.path, listed);
    const found = sniffImage(data);
    if (found !== mimeType) throw refuse(`${entry.path}: the file is ${found ? `${found}, not ${mimeType}` : `not ${mimeType} (it does not start like an image)`}`);
    const size = await opts.decode(data, mimeType).catch(() => null);
    if (!size) throw refuse(`${entry.path}: the file starts like ${mimeType} but does not decode as an image`);
    return { image: { screenshotId, variant, bytes: data, mimeType }, size };
  });
  const images: BundleImage[] = checked.map((c) => c.image);
  const sizes = new Map(checked.map(({ image, size }) => [`${image.screenshotId}/${image.variant}`, { ...size, bytes: image.bytes.length }]));
  checkCancelled();
  // Sizes come from the bytes and the decoded pixels, never from what the records declare: the
  // library adds them up, and a declared 999,999,999 bytes would show as a GB that is not there.
  // imagesProblem made sure that every screenshot has both images.
  const screenshots = records.screenshots.map((shot, i) => {
    const full = sizes.get(`${shot.id}/full`)!;
    const thumb = sizes.get(`${shot.id}/thumb`)!;
    if (shot.bytes !== full.bytes) throw refuse(`${RECORDS_PATH}: screenshots.${i}.bytes: says ${shot.bytes}, but its image holds ${full.bytes} bytes`);
    // A thumbnail not made yet (the capture's second transaction) travels as the full image.
    const pendingThumb = shot.thumbBytes === PENDING_THUMB_BYTES && thumb.bytes === full.bytes;
    if (shot.thumbBytes !== thumb.bytes && !pendingThumb) throw refuse(`${RECORDS_PATH}: screenshots.${i}.thumbBytes: says ${shot.thumbBytes}, but its thumbnail holds ${thumb.bytes} bytes`);
    return { ...shot, width: full.width, height: full.height, thumbWidth: thumb.width, thumbHeight: thumb.height };
  });
  return { ...records, screenshots, images };
}

function parseManifest(bytes: Uint8Array): Manifest {
  const raw = parseBundleJson(bytes, MANIFEST_PATH);
  const envelope = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  if (envelope.format !== BUNDLE_FORMAT)
    throw refuse(`${MANIFEST_PATH}: format is ${JSON.stringify(envelope.format) ?? 'missing'}, not "${BUNDLE_FORMAT}"; this zip is not a Mystery Shopper bundle`);
  if (Number.isInteger(envelope.version) && (envelope.version as number) > BUNDLE_VERSION)
    throw refuse(`${MANIFEST_PATH}: version ${envelope.version} was made by a newer Mystery Shopper, which reads up to version ${BUNDLE_VERSION}; update to import it`);
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw refuse(`${MANIFEST_PATH}: ${firstIssue(parsed.error.issues, raw)}`);
  return parsed.data;
}

/** The manifest lists every file but itself, once, with the size the zip says it has. */
function matchManifestToZip(manifest: Manifest, entries: readonly ZipEntry[]): Map<string, Manifest['files'][number]> {
  const sizes = new Map(entries.map((e) => [e.path, e.size]));
  const listed = new Map<string, Manifest['files'][number]>();
  for (const [i, file] of manifest.files.entries()) {
    const at = `${MANIFEST_PATH}: files.${i}.path`;
    if (file.path === MANIFEST_PATH) throw refuse(`${at}: the manifest cannot list itself`);
    if (listed.has(file.path)) throw refuse(`${at}: "${file.path}" is listed twice`);
    const size = sizes.get(file.path);
    if (size === undefined) throw refuse(`${at}: "${file.path}" is listed but not in the zip`);
    if (size !== file.bytes) throw refuse(`${file.path}: is ${size} bytes, but ${MANIFEST_PATH} says ${file.bytes}`);
    listed.set(file.path, file);
  }
  for (const { path } of entries) {
    if (path !== MANIFEST_PATH && !listed.has(path)) throw refuse(`${path}: is in the zip but not listed in ${MANIFEST_PATH}`);
  }
  return listed;
}

async function checkChecksum(data: Uint8Array, path: string, listed: Map<string, Manifest['files'][number]>) {
  // matchManifestToZip has made sure that every file but the manifest is listed.
  if ((await sha256Hex(data)) !== listed.get(path)!.sha256) throw refuse(`${path}: checksum does not match the manifest`);
}

function parseRecords(raw: unknown): BundleRecords {
  const parsed = RecordsSchema.safeParse(raw);
  if (!parsed.success) throw refuse(`${RECORDS_PATH}: ${firstIssue(parsed.error.issues, raw)}`);
  const unknown = unknownKeyPath(raw, parsed.data);
  if (unknown) throw refuse(`${RECORDS_PATH}: ${where(unknown.slice(0, -1))}: has unknown field "${shownPath(unknown.at(-1)!)}"`);
  const problem = referenceProblem(parsed.data);
  if (problem) throw refuse(`${RECORDS_PATH}: ${problem}`);
  return parsed.data;
}

function firstIssue(issues: ReadonlyArray<Parameters<typeof describeIssue>[0]>, raw: unknown): string {
  const first = describeIssue(issues[0]!, raw);
  return issues.length > 1 ? `${first} (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : first;
}
