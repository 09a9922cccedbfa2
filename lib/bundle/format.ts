import { z } from 'zod';
import { EXPECTED_WORDS, valueAt } from '../zod-words';
import { AppFailure } from '../errors';
import type { ImageMime } from '../image-bytes';
import { ScreenshotSchema, SessionSchema, StepSchema, type ImageVariant } from '../schemas';

// lib/bundle/ — the lossless zip another copy of the extension imports: its format and checks
// (format.ts, json.ts, references.ts, zip.ts), building one (export.ts), reading one (import.ts) and
// storing it (write.ts). May import core, db/ and the domain folders; never capture/, browser/, messages.

// A bundle is a zip that another copy of the extension imports losslessly:
//   manifest.json                          what the bundle holds, with a sha256 of every other file
//   sessions.json                          { sessions, steps, screenshots } exactly as stored
//   images/<screenshotId>/<variant>.<ext>  the stored image bytes, untouched
// Pure: no Dexie, no browser APIs beyond crypto.subtle, which pages, workers and Node all have.

export const BUNDLE_FORMAT = 'mystery-shopper-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const RECORDS_PATH = 'sessions.json';

// Limits a bundle must stay within. They are far above any real audit (60 steps of two images is
// ~50 MB) and low enough that a hostile file cannot exhaust memory before it is refused.
/** Everything inflated together; also the largest zip file accepted. */
export const MAX_TOTAL_INFLATED_BYTES = 2 * 1024 ** 3;
/** Inflated ÷ compressed size of one entry: deflate's best on real data is ~10:1, a bomb's ~1000:1. */
export const MAX_ENTRY_RATIO = 200;
/** Entries this small are never bombs, whatever their ratio (a tiny JSON file compresses well). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;
export const MAX_ENTRIES = 20_000;
export const MAX_JSON_BYTES = 64 * 1024 ** 2;
export const MAX_MANIFEST_BYTES = 8 * 1024 ** 2;
export const MAX_PATH_LENGTH = 200;
export const MAX_SESSIONS = 10_000;
export const MAX_STEPS = 200_000;
/** Each screenshot brings two images, and every image is an entry. */
export const MAX_SCREENSHOTS = MAX_ENTRIES / 2;

const count = (max: number) => z.number().int().nonnegative().max(max);

export const ManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  appVersion: z.string().min(1).max(40),
  createdAt: z.number().int().nonnegative(),
  counts: z.strictObject({
    sessions: count(MAX_SESSIONS),
    steps: count(MAX_STEPS),
    screenshots: count(MAX_SCREENSHOTS),
    images: count(MAX_ENTRIES),
  }),
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1).max(MAX_PATH_LENGTH),
        bytes: count(MAX_TOTAL_INFLATED_BYTES),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits'),
      }),
    )
    .max(MAX_ENTRIES),
});
export type Manifest = z.infer<typeof ManifestSchema>;

// The record schemas are the app's own, so string lengths and ranges are the ones the database
// holds; they are not strict, so unknown fields are caught separately (see unknownKeyPath).
export const RecordsSchema = z.strictObject({
  sessions: z.array(SessionSchema).max(MAX_SESSIONS),
  steps: z.array(StepSchema).max(MAX_STEPS),
  screenshots: z.array(ScreenshotSchema).max(MAX_SCREENSHOTS),
});
export type BundleRecords = z.infer<typeof RecordsSchema>;

export { sha256Hex, sniffImage, type ImageMime } from '../image-bytes';
const EXTENSIONS: Record<ImageMime, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png' };
const MIME_OF_EXTENSION: Record<string, ImageMime> = { jpg: 'image/jpeg', webp: 'image/webp', png: 'image/png' };

export const isImageMime = (value: string): value is ImageMime => Object.hasOwn(EXTENSIONS, value);

// Screenshot ids become path segments, so they must be plain: ours are UUIDs.
const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}';
export const SAFE_ID = new RegExp(`^${SEGMENT}$`);
const IMAGE_PATH = new RegExp(`^images/(${SEGMENT})/(full|thumb)\\.(jpg|webp|png)$`);

export const imagePath = (screenshotId: string, variant: ImageVariant, mime: ImageMime) =>
  `images/${screenshotId}/${variant}.${EXTENSIONS[mime]}`;

export function parseImagePath(path: string): { screenshotId: string; variant: ImageVariant; mimeType: ImageMime } | null {
  const match = IMAGE_PATH.exec(path);
  if (!match) return null;
  return { screenshotId: match[1]!, variant: match[2] as ImageVariant, mimeType: MIME_OF_EXTENSION[match[3]!]! };
}

/** A zip entry name shown in a message: printable, and short enough for one line. */
export function shownPath(path: string): string {
  const printable = path.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable || '(empty name)';
}

/** Why an entry name cannot be part of a bundle, or null when it can. Checked before anything is inflated. */
export function pathProblem(path: string): string | null {
  const shown = shownPath(path);
  if (path.length === 0) return 'an entry has an empty name';
  if (path.length > MAX_PATH_LENGTH) return `${shown}: the path is longer than ${MAX_PATH_LENGTH} characters`;
  if (/[^\x20-\x7e]/.test(path)) return `${shown}: the path contains control or non-ASCII characters`;
  if (path.includes('\\')) return `${shown}: backslashes are not allowed in a bundle path`;
  if (/^[A-Za-z]:/.test(path)) return `${shown}: drive letters are not allowed in a bundle path`;
  if (path.startsWith('/')) return `${shown}: absolute paths are not allowed in a bundle`;
  const segments = path.split('/');
  if (segments.includes('..')) return `${shown}: ".." is not allowed in a bundle path`;
  if (segments.some((s) => s === '' || s === '.')) return `${shown}: empty or "." path segments are not allowed`;
  if (path !== MANIFEST_PATH && path !== RECORDS_PATH && !IMAGE_PATH.test(path))
    return `${shown}: not a file a Mystery Shopper bundle contains`;
  return null;
}

/** Every refusal is one typed error whose detail says what is wrong and where. */
export const refuse = (detail: string) => new AppFailure({ kind: 'invalid-message', detail });

/** Paths read as field paths: `steps.3.scores.get-it-right`. */
export const where = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : 'the file');


/** One zod issue as `path: what is wrong`, in words rather than zod's type names. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const at = where(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${at}: ${valueAt(raw, issue.path) === undefined ? 'is missing' : `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`}`;
    case 'unrecognized_keys':
      return `${at}: has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${shownPath(k)}"`).join(', ')}`;
    case 'invalid_value':
      if (valueAt(raw, issue.path) === undefined) return `${at}: is missing`;
      return `${at}: must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_big':
      if (issue.origin === 'string') return `${at}: is longer than ${issue.maximum} characters`;
      if (issue.origin === 'array') return `${at}: has more than ${issue.maximum} items`;
      if (issue.origin === 'number') return `${at}: must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
      break;
    case 'too_small':
      if (issue.origin === 'string') return `${at}: ${Number(issue.minimum) === 1 ? 'must not be empty' : `is shorter than ${issue.minimum} characters`}`;
      if (issue.origin === 'array') return `${at}: needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'number') return `${at}: must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
      break;
    case 'invalid_union':
      return `${at}: is not one of the values allowed here`;
  }
  return `${at}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
}


/**
 * The first key of `raw` that parsing dropped: the app's schemas strip unknown fields, and a
 * lossless import must refuse them instead. Values the schema passed through untouched (annotations)
 * are the same objects in both and are not walked.
 */
export function unknownKeyPath(raw: unknown, parsed: unknown): string[] | null {
  const stack: Array<{ raw: unknown; parsed: unknown; path: string[] }> = [{ raw, parsed, path: [] }];
  while (stack.length) {
    const next = stack.pop()!;
    if (next.raw === next.parsed || !isObject(next.raw) || !isObject(next.parsed)) continue;
    const keys = Object.keys(next.raw);
    const dropped = keys.find((key) => !Object.hasOwn(next.parsed as object, key));
    if (dropped !== undefined) return [...next.path, dropped];
    // Pushed last to first, so the first unknown key in reading order is the one reported.
    for (const key of keys.reverse()) stack.push({ raw: next.raw[key], parsed: next.parsed[key], path: [...next.path, key] });
  }
  return null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
