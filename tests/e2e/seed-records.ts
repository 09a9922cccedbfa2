import type { BundleData, ExportImage } from '@/lib/bundle/export';
import { BRAND_PROMISE, DEFAULT_STAGE_NAMES, FIVE_PRINCIPLES } from '@/lib/rubric/builtin';
import { imageKey, type Rubric, type Screenshot, type Session, type Step } from '@/lib/schemas';

// Seed records for many sessions, shaped as the app stores them; no test harness here, so the
// bench can build the same records in Node (bench/workspace-docs.ts).

export interface SeedOptions {
  sessions: number;
  stepsPerSession: (i: number) => number;
  /** Defaults: brands cycle through Northwind / Contoso / Fabrikam; every 5th session uses the Brand promise rubric. */
  brand?: (i: number) => string;
  rubric?: (i: number) => Rubric;
  status?: (i: number) => Session['status'];
  /** Step scores, severity, note, tags: defaults vary by position so scores and friction differ. */
  step?: (session: number, position: number, rubric: Rubric) => Partial<Step>;
  title?: (i: number) => string;
  /** Session ids are `<idPrefix>-0000`…; two profiles seeded apart need two prefixes. Default "seed". */
  idPrefix?: string;
  /** Every step's screenshot its own image (the same picture, told apart by a JPEG comment), so that a
   *  publish uploads one file per step instead of one per session. */
  distinctImages?: boolean;
}

/** The same JPEG with a comment segment (FFFE) after its start marker: other bytes, same picture. */
function stamped(jpeg: Uint8Array, text: string): Uint8Array {
  const comment = new TextEncoder().encode(text);
  const out = new Uint8Array(jpeg.length + comment.length + 4);
  out.set(jpeg.subarray(0, 2));
  out.set([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff], 2);
  out.set(comment, 6);
  out.set(jpeg.subarray(2), comment.length + 6);
  return out;
}

const BRANDS = ['Northwind', 'Contoso', 'Fabrikam'];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0);

export function seedRecords(options: SeedOptions, image: (session: number) => Uint8Array): BundleData {
  const data: BundleData = { sessions: [], steps: [], screenshots: [], images: [] };
  for (let i = 0; i < options.sessions; i++) {
    const id = `${options.idPrefix ?? 'seed'}-${String(i).padStart(4, '0')}`;
    const rubric = options.rubric?.(i) ?? (i % 5 === 4 ? BRAND_PROMISE : FIVE_PRINCIPLES);
    const stages = DEFAULT_STAGE_NAMES.map((name, s) => ({ id: `${id}-stage-${s}`, name }));
    const createdAt = T0 + i * DAY;
    const count = options.stepsPerSession(i);
    const status = options.status?.(i) ?? (i % 3 === 0 ? 'completed' : 'paused');
    data.sessions.push({
      id, title: options.title?.(i) ?? `Audit ${i + 1}`, brand: options.brand?.(i) ?? BRANDS[i % BRANDS.length]!,
      startUrl: `https://shop${i % BRANDS.length}.example.com/`, promise: 'Easy returns, honest prices', persona: 'First-time buyer',
      scenario: 'Buy a jacket', stages, tags: i % 2 ? ['checkout'] : ['returns'], status, verdict: '', seq: {}, ces: null, rubric,
      environment: { userAgent: 'Mozilla/5.0', browser: 'Chromium', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 },
      createdAt, updatedAt: createdAt + count * 60_000, completedAt: status === 'completed' ? createdAt + count * 60_000 : null,
    });
    for (let p = 0; p < count; p++) {
      const stepId = `${id}-step-${p}`;
      const scores = Object.fromEntries(rubric.pillars.map((pillar, k) => [pillar.id, 1 + ((i + p + k) % 5)]));
      data.steps.push({
        id: stepId, sessionId: id, position: p, stageId: stages[Math.min(stages.length - 1, Math.floor((p * stages.length) / count))]!.id,
        capturedAt: createdAt + p * 60_000, sincePreviousMs: p ? 60_000 : null, url: `https://shop${i % BRANDS.length}.example.com/page-${p}`,
        pageTitle: `Page ${p + 1}`, note: `Step ${p + 1} of audit ${i + 1}`, scores, severity: (i + p) % 5, tags: p % 3 ? [] : ['slow'],
        emotion: ((i + p) % 5) - 2, momentOfTruth: p === 0, viewport: { width: 1280, height: 800 }, devicePixelRatio: 1, context: null,
        updatedAt: createdAt + p * 60_000, ...options.step?.(i, p, rubric),
      });
      const shotId = `${stepId}-shot`;
      const bytes = options.distinctImages ? stamped(image(i), shotId) : image(i);
      const shot: Screenshot = {
        id: shotId, stepId, sessionId: id, kind: 'visible', mimeType: 'image/jpeg', width: 64, height: 40, devicePixelRatio: 1,
        bytes: bytes.byteLength, thumbWidth: 64, thumbHeight: 40, thumbBytes: bytes.byteLength, annotations: [], part: null,
        createdAt: createdAt + p * 60_000,
      };
      data.screenshots.push(shot);
      for (const variant of ['full', 'thumb'] as const)
        data.images.push({ id: imageKey(shotId, variant), screenshotId: shotId, variant, bytes, mimeType: 'image/jpeg' } satisfies ExportImage);
    }
  }
  return data;
}
