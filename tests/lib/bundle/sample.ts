import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AppDB } from '@/lib/db';
import type { BundleData } from '@/lib/bundle/export';
import { MANIFEST_PATH, RECORDS_PATH, sha256Hex } from '@/lib/bundle/format';
import { BRAND_PROMISE, FIVE_PRINCIPLES } from '@/lib/rubric/builtin';
import { imageKey, type ImageVariant, type Screenshot, type Session, type Step } from '@/lib/schemas';
import { environment } from '../fixtures';

// Shared by the bundle tests (not a test file): a small but varied set of records with real image
// headers, and a way to assemble a zip from any files with a manifest that tells the truth by default.

/** Deterministic bytes in 0x60–0xff, so no zip signature ("PK") can appear inside an image by chance. */
export function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = 0x60 + ((x >>> 24) % 0xa0);
  }
  return out;
}

const HEADERS: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/webp': [0x52, 0x49, 0x46, 0x46, 0x10, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50],
};

export function fakeImage(mimeType: string, length: number, seed: number): Uint8Array {
  const bytes = noise(length, seed);
  bytes.set(HEADERS[mimeType]!);
  return bytes;
}

const session = (id: string, over: Partial<Session>): Session => ({
  id, title: 'Checkout audit', brand: 'Acme', startUrl: 'https://shop.example.com/', promise: 'Effortless shopping',
  persona: 'First-time buyer', scenario: 'Buy a kettle', stages: [{ id: `${id}-st1`, name: 'Discover' }, { id: `${id}-st2`, name: 'Buy' }],
  tags: [], status: 'paused', verdict: '', seq: {}, ces: null, rubric: FIVE_PRINCIPLES, environment, createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_100_000, completedAt: null, ...over,
});

const step = (id: string, sessionId: string, position: number, over: Partial<Step>): Step => ({
  id, sessionId, position, stageId: `${sessionId}-st1`, capturedAt: 1_700_000_000_000 + position * 1000,
  sincePreviousMs: position ? 1000 : null, url: `https://shop.example.com/p/${position}`, pageTitle: `Page ${position}`, note: '',
  scores: {}, severity: null, tags: [], emotion: null, momentOfTruth: false, viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1, context: null, updatedAt: 1_700_000_000_500 + position * 1000, ...over,
});

const shot = (id: string, stepId: string, sessionId: string, mimeType: Screenshot['mimeType'], over: Partial<Screenshot> = {}): Screenshot => ({
  id, stepId, sessionId, kind: 'visible', mimeType, width: 1280, height: 800, devicePixelRatio: 1, bytes: 0, thumbWidth: 320,
  thumbHeight: 200, thumbBytes: 0, annotations: [], part: null, createdAt: 1_700_000_000_100, ...over,
});

/** Two sessions (one active), five steps, four screenshots of three image types, eight images. */
export function sampleData(): BundleData {
  const sessions = [
    session('sa', { status: 'active', tags: ['checkout'], title: 'Kettle checkout <b>audit</b>' }),
    session('sb', {
      status: 'completed', rubric: BRAND_PROMISE, verdict: 'Fine — mostly. «ok» 🚀', seq: { 'sb-st1': 6, 'sb-st2': null }, ces: 5,
      completedAt: 1_700_000_200_000, persona: '', scenario: '',
    }),
  ];
  const steps = [
    step('a1', 'sa', 0, { scores: { 'get-it-right': 4, communicate: 'na', 'no-near-misses': 2 }, note: 'Slow <script>x</script>', severity: 2, tags: ['slow'], emotion: -1, momentOfTruth: true }),
    step('a2', 'sa', 1, { scores: { 'get-it-right': 5, 'take-on-the-stress': 3 }, stageId: 'sa-st2' }),
    step('a3', 'sa', 2, { stageId: null, viewport: null, devicePixelRatio: null }),
    step('b1', 'sb', 0, { scores: { effortless: 1, transparent: 2, human: 5 }, severity: 4, tags: ['dead end', 'my own tag'] }),
    step('b2', 'sb', 1, { scores: { effortless: 3 }, emotion: 2 }),
  ];
  const screenshots = [
    shot('sh-1', 'a1', 'sa', 'image/jpeg', { annotations: [{ id: 'an-1', type: 'box', x: 0.1, y: 0.2, w: 0.3, h: 0.4, color: '#d92d20' }, { id: 'an-2', type: 'text', x: 0.5, y: 0.5, text: 'Why «this»?', color: '#101828' }] }),
    shot('sh-2', 'a2', 'sa', 'image/webp', { kind: 'full-page' }),
    shot('sh-3', 'b1', 'sb', 'image/png', { kind: 'element' }),
    shot('sh-4', 'a1', 'sa', 'image/jpeg', { kind: 'region', createdAt: 1_700_000_000_200 }),
  ];
  const thumbType: Record<string, string> = { 'sh-1': 'image/webp', 'sh-2': 'image/webp', 'sh-3': 'image/png', 'sh-4': 'image/jpeg' };
  const images = screenshots.flatMap((s, i) =>
    (['full', 'thumb'] as ImageVariant[]).map((variant) => {
      const mimeType = variant === 'full' ? s.mimeType : thumbType[s.id]!;
      return { id: imageKey(s.id, variant), screenshotId: s.id, variant, mimeType, bytes: fakeImage(mimeType, variant === 'full' ? 3000 + i * 700 : 400 + i * 50, i * 2 + (variant === 'full' ? 1 : 2)) };
    }),
  );
  for (const s of screenshots) {
    s.bytes = images.find((im) => im.id === imageKey(s.id, 'full'))!.bytes.length;
    s.thumbBytes = images.find((im) => im.id === imageKey(s.id, 'thumb'))!.bytes.length;
  }
  return { sessions, steps, screenshots, images };
}

export async function seedDb(db: AppDB, data: BundleData) {
  await db.sessions.bulkAdd(data.sessions);
  await db.steps.bulkAdd(data.steps);
  await db.screenshots.bulkAdd(data.screenshots);
  await db.images.bulkAdd(data.images.map(({ id, screenshotId, variant, bytes, mimeType }) => ({ id, screenshotId, variant, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }) })));
}

export type Json = any;

export interface Parts {
  /** The records as JSON values, free to be made wrong. */
  records: Json;
  /** Zip path → bytes; sessions.json is written from `records` unless it is given here. */
  files: Map<string, Uint8Array>;
}

export function partsOf(data: BundleData): Parts {
  // Through JSON, so that no two records share an object (the rubric's scale, the environment) as they would not in a file.
  const { sessions, steps, screenshots } = JSON.parse(JSON.stringify(data));
  const ext: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png' };
  const files = new Map(data.images.map((im) => [`images/${im.screenshotId}/${im.variant}.${ext[im.mimeType]}`, im.bytes]));
  return { records: { sessions, steps, screenshots }, files };
}

export interface AssembleOptions {
  /** Change the manifest after it is computed truthfully. */
  manifest?(manifest: Json): void;
  /** Replace the manifest's bytes entirely. */
  manifestBytes?: Uint8Array;
  /** Replace sessions.json's bytes (the manifest then describes these bytes). */
  recordsBytes?: Uint8Array;
  /** Deflate level per path; images are stored by default, JSON deflated. */
  level?(path: string): 0 | 1 | 6 | 9;
}

export const json = (value: unknown) => strToU8(JSON.stringify(value));

/** A zip of the parts, with a manifest that is true to them unless told otherwise. */
export async function assemble(parts: Parts, opts: AssembleOptions = {}): Promise<Uint8Array> {
  const records = opts.recordsBytes ?? json(parts.records);
  const files = new Map([[RECORDS_PATH, records], ...parts.files]);
  const list = [];
  for (const [path, bytes] of files) list.push({ path, bytes: bytes.length, sha256: await sha256Hex(bytes) });
  const r = parts.records;
  const manifest: Json = {
    format: 'mystery-shopper-bundle', version: 1, appVersion: '0.1.0', createdAt: 1_700_000_300_000,
    counts: { sessions: r?.sessions?.length ?? 0, steps: r?.steps?.length ?? 0, screenshots: r?.screenshots?.length ?? 0, images: parts.files.size },
    files: list,
  };
  opts.manifest?.(manifest);
  const level = opts.level ?? ((path: string) => (path.endsWith('.json') ? 6 : 0));
  const zippable: Zippable = { [MANIFEST_PATH]: [opts.manifestBytes ?? json(manifest), { level: level(MANIFEST_PATH) }] };
  for (const [path, bytes] of files) zippable[path] = [bytes, { level: level(path) }];
  return zipSync(zippable, { mtime: new Date(2024, 0, 1) });
}

/** Renames an entry in place (same length), in its local header and the table of contents alike. */
export function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  const a = strToU8(from, true);
  const b = strToU8(to, true);
  if (a.length !== b.length) throw new Error('renameEntry needs names of the same length');
  const out = zip.slice();
  let found = 0;
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((byte, j) => out[i + j] === byte) && (out[i - 1] !== 0x2f) /* not a suffix of a longer path */) {
      out.set(b, i);
      found++;
    }
  }
  if (found !== 2) throw new Error(`expected the name twice, found it ${found} times`);
  return out;
}
