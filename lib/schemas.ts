import { z } from 'zod';
import { ANNOTATION_COLORS } from './vocabulary';

// The word lists live in ./vocabulary (no zod) so that pages can show them without loading zod.
export { ANNOTATION_COLORS, EMOTION_LABELS, FRICTION_TAGS, SEVERITY_LABELS } from './vocabulary';

// lib/ top level is the shared core — schemas, errors, ids, format, zod-words — which every folder
// may import and which imports no lib/ folder. messages.ts and router.ts are the one message
// contract, above the domain folders. The layer of each folder is in tests/lib/layout.test.ts.

// Every record that reaches IndexedDB, a message or an import passes through these schemas.
// Types are inferred from them so the schema is the single source of truth.

const id = z.string().min(1).max(64);
const shortText = z.string().trim().max(200);
const longText = z.string().max(20_000);
const timestamp = z.number().int().nonnegative();

export const ScaleSchema = z
  .object({
    min: z.number().int().min(0).max(1),
    max: z.number().int().min(2).max(10),
    // labels[i] names the value min + i; kept short so they fit a 360 px panel.
    labels: z.array(z.string().max(40)),
  })
  .refine((s) => s.labels.length === 0 || s.labels.length === s.max - s.min + 1, {
    message: 'A scale needs one label per value, or none',
  });
export type Scale = z.infer<typeof ScaleSchema>;

export const PillarSchema = z.object({
  id,
  name: z.string().trim().min(1).max(60),
  description: z.string().max(300),
  weight: z.number().positive().max(100),
});
export type Pillar = z.infer<typeof PillarSchema>;

export const RubricSchema = z
  .object({
    id,
    name: z.string().trim().min(1).max(100),
    description: z.string().max(500).default(''),
    pillars: z.array(PillarSchema).min(1).max(12),
    scale: ScaleSchema,
  })
  .refine((r) => new Set(r.pillars.map((p) => p.id)).size === r.pillars.length, {
    message: 'Pillar ids must be unique',
  });
export type Rubric = z.infer<typeof RubricSchema>;

/** A rubric a team authored, as stored; updatedAt orders the list of saved rubrics. */
export type SavedRubric = Rubric & { updatedAt: number };

export const SessionStatusSchema = z.enum(['active', 'paused', 'completed']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const ViewportSchema = z.object({
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
});

// Recorded automatically when a session starts so a report can say what the shopper saw.
export const EnvironmentSchema = z.object({
  userAgent: z.string().max(1000),
  browser: z.string().max(200),
  viewport: ViewportSchema.nullable(),
  devicePixelRatio: z.number().positive().max(16).nullable(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const StageSchema = z.object({ id, name: z.string().trim().min(1).max(60) });
export type Stage = z.infer<typeof StageSchema>;

export const SessionSchema = z.object({
  id,
  title: z.string().trim().min(1).max(200),
  brand: shortText,
  startUrl: z.string().max(4000),
  promise: z.string().max(1000),
  persona: z.string().max(2000).default(''),
  scenario: z.string().max(2000).default(''),
  stages: z.array(StageSchema).min(1).max(20),
  tags: z.array(z.string().max(60)).max(50).default([]),
  status: SessionStatusSchema,
  verdict: longText.default(''),
  // Single Ease Question per stage, asked when the stage ends: 1 very difficult … 7 very easy;
  // null when the shopper skipped it.
  seq: z.record(id, z.number().int().min(1).max(7).nullable()).default({}),
  // Customer Effort Score, asked on completion: 1 strongly disagree … 7 strongly agree that the
  // brand made it easy.
  ces: z.number().int().min(1).max(7).nullable().default(null),
  // A copy, not a reference: editing a template later never changes this session's scores.
  rubric: RubricSchema,
  environment: EnvironmentSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
  completedAt: timestamp.nullable().default(null),
  // Auto-capture: every settled page load (and in-page route change) in the audited tab becomes a
  // step. tabId is that tab; tab ids last one browser run, so a restored session needs it set again.
  // Optional rather than defaulted: records and fixtures written before this field stay valid
  // as typed, and absent reads as off.
  autoCapture: z.boolean().optional(),
  tabId: z.number().int().nonnegative().nullable().optional(),
});
export type Session = z.infer<typeof SessionSchema>;

/** A pillar score: a value on the rubric's scale, or explicitly not applicable. */
export const PillarScoreSchema = z.union([z.number().int().min(0).max(10), z.literal('na')]);
export type PillarScore = z.infer<typeof PillarScoreSchema>;

// Nielsen's severity scale, the vocabulary usability practitioners already use.
export const SeveritySchema = z.number().int().min(0).max(4);
export type Severity = z.infer<typeof SeveritySchema>;

export const TagSchema = z.string().trim().min(1).max(60);
export const EmotionSchema = z.number().int().min(-2).max(2);


const ms = z.number().nonnegative().max(3_600_000).nullable();

// What the page was like when a step was captured, so a report can back a "slow" tag with numbers.
// Always written whole by the probe (no defaults, so an import cannot pass `{}` off as one); a
// metric is null where the page was still loading or the browser lacks it.
export const PageContextSchema = z.object({
  // Navigation Timing, milliseconds from the start of the navigation.
  ttfbMs: ms,
  domContentLoadedMs: ms,
  loadMs: ms,
  // Web Vitals (web-vitals library, injected on demand; buffered observers see the past).
  lcpMs: ms,
  cls: z.number().min(0).max(1000).nullable(),
  // JavaScript errors the page threw while we were listening; `errorsWatched` false means we were
  // not listening (so "no errors" would be a claim we cannot make).
  errorsWatched: z.boolean(),
  // When the listener came after the page had loaded (a page opened before the session, an
  // app that never reloads), errors thrown before this time were not seen: "none" would be a lie.
  errorsWatchedSince: timestamp.nullable().optional(),
  errors: z
    .array(z.object({ message: z.string().max(1000), source: z.string().max(2000), at: timestamp }))
    .max(50),
  userAgent: z.string().max(1000),
});
export type PageContext = z.infer<typeof PageContextSchema>;

export const StepSchema = z.object({
  id,
  sessionId: id,
  position: z.number().int().nonnegative(),
  stageId: id.nullable().default(null),
  capturedAt: timestamp,
  // Milliseconds since the previous step was captured; null for the first step.
  sincePreviousMs: z.number().int().nonnegative().nullable(),
  url: z.string().max(8000),
  pageTitle: z.string().max(1000),
  note: longText.default(''),
  scores: z.record(id, PillarScoreSchema).default({}),
  severity: SeveritySchema.nullable().default(null),
  tags: z.array(TagSchema).max(50).default([]),
  emotion: EmotionSchema.nullable().default(null),
  momentOfTruth: z.boolean().default(false),
  viewport: ViewportSchema.nullable(),
  devicePixelRatio: z.number().positive().max(16).nullable(),
  // null for steps captured before page context existed, and for text-only steps.
  context: PageContextSchema.nullable().default(null),
  updatedAt: timestamp,
});
export type Step = z.infer<typeof StepSchema>;

// 'dom' is a full page rendered from the DOM (html2canvas) where scrolling cannot reach it.
export const ScreenshotKindSchema = z.enum(['visible', 'full-page', 'element', 'region', 'dom']);
export type ScreenshotKind = z.infer<typeof ScreenshotKindSchema>;

/**
 * The one rectangle shape, wherever a rectangle is: an annotation (fractions of the image, as
 * stored) and the element or region a capture is cropped to (CSS px of the viewport, or image
 * pixels where a name says so). A DOMRect's width and height become w and h where it enters.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What something measures, named as the DOM names it (viewports, images, canvases). */
export interface Size {
  width: number;
  height: number;
}

// Annotation geometry is in fractions of the image (0…1), so one set of shapes fits the full
// image, its thumbnail and any export size alike.
const frac = z.number().min(0).max(1);
const annotationColor = z.enum(ANNOTATION_COLORS);
// Tied to Rect: the stored annotation shape is the one rectangle shape (no migration may follow from a rename).
const rect = { x: frac, y: frac, w: frac, h: frac } satisfies Record<keyof Rect, typeof frac>;
export const AnnotationSchema = z.discriminatedUnion('type', [
  z.object({ id, type: z.literal('box'), ...rect, color: annotationColor }),
  z.object({ id, type: z.literal('highlight'), ...rect, color: annotationColor }),
  // Burned into the stored pixels when saved; the shape is kept so the editor can show where.
  z.object({ id, type: z.literal('redact'), ...rect }),
  z.object({ id, type: z.literal('arrow'), x1: frac, y1: frac, x2: frac, y2: frac, color: annotationColor }),
  z.object({ id, type: z.literal('text'), x: frac, y: frac, text: z.string().trim().min(1).max(500), color: annotationColor }),
  z.object({ id, type: z.literal('marker'), x: frac, y: frac, number: z.number().int().min(1).max(99), color: annotationColor }),
]);
export type Annotation = z.infer<typeof AnnotationSchema>;

// Metadata only: image and thumbnail Blobs live in the `images` table so that listing
// steps never pulls megabytes of pixels into memory.
export const ScreenshotSchema = z.object({
  id,
  stepId: id,
  sessionId: id,
  kind: ScreenshotKindSchema,
  mimeType: z.enum(['image/webp', 'image/jpeg', 'image/png']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  devicePixelRatio: z.number().positive().max(16),
  bytes: z.number().int().nonnegative(),
  thumbWidth: z.number().int().positive(),
  thumbHeight: z.number().int().positive(),
  thumbBytes: z.number().int().nonnegative(),
  annotations: z.array(AnnotationSchema).max(200).default([]),
  // A page taller than one canvas can hold is stored as several screenshots, part i of n.
  part: z.object({ index: z.number().int().min(1).max(100), count: z.number().int().min(1).max(100) }).nullable().default(null),
  createdAt: timestamp,
});
export type Screenshot = z.infer<typeof ScreenshotSchema>;

export const ImageVariantSchema = z.enum(['full', 'thumb']);
export type ImageVariant = z.infer<typeof ImageVariantSchema>;

export interface StoredImage {
  /** `${screenshotId}/${variant}` */
  id: string;
  screenshotId: string;
  variant: ImageVariant;
  blob: Blob;
}

export { imageKey } from './vocabulary';
