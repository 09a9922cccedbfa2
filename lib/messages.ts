import { z } from 'zod';
import { AppErrorSchema } from './error-schema';
import { MAX_BUNDLE_BYTES } from './envelope';
import type { AppError, Result } from './errors';
import { RubricShapeSchema } from './rubric/shape';
import type { TrashReceipt } from './step/trash';
import { RESERVE_MAX_MB, RESERVE_MIN_MB, type DiskRoom } from './storage/reserve';
import type { RestoreCounts } from './storage/safety-copy';
import type { PopupState } from './db/queries';
import { AnnotationSchema, EmotionSchema, EnvironmentSchema, PillarScoreSchema, SessionStatusSchema, SeveritySchema, TagSchema, type SavedRubric, type Screenshot, type Session, type Step } from './schemas';

// The one contract between extension pages and the background. Adding a message is one
// entry in `requests` (its payload schema) and one in `RequestResults` (what it answers),
// plus its handler in the background. Payloads are strict: unknown keys are refused.

const id = z.string().min(1).max(64);
const tabId = z.number().int().nonnegative();

const WorkspaceConnect = z.strictObject({
  server: z.string().trim().min(1, 'the server address is required').max(2000),
  folder: z.string().trim().max(500),
  user: z.string().trim().min(1, 'the user name is required').max(200),
  password: z.string().min(1, 'the app password is required').max(500),
});

/** The workspace as the settings show it: never the password. */
export interface WorkspaceInfo {
  connected: boolean;
  folderUrl: string | null;
  user: string | null;
  memberId: string | null;
  memberName: string | null;
}

export const requests = {
  'session.start': z.strictObject({
    title: z.string().trim().min(1, 'a title is required').max(200),
    brand: z.string().trim().max(200),
    startUrl: z.string().trim().max(4000),
    promise: z.string().trim().max(1000),
    rubricId: id,
    persona: z.string().trim().max(2000).optional(),
    scenario: z.string().trim().max(2000).optional(),
    stages: z.array(z.string().trim().min(1, 'a stage needs a name').max(60)).min(1).max(12).optional(),
    tags: z.array(TagSchema).max(50).optional(),
    environment: EnvironmentSchema,
    // The tab the panel audits: JavaScript errors are watched there from each page's start.
    tabId: tabId.optional(),
    // Auto-capture from the start, following that tab.
    autoCapture: z.strictObject({ tabId }).optional(),
  }),
  'session.setStatus': z.strictObject({ sessionId: id, status: SessionStatusSchema }),
  // sessionId: the session on the panel's screen, so two panels never capture into the wrong one.
  'session.update': z.strictObject({
    sessionId: id,
    patch: z
      .strictObject({
        seq: z.record(id, z.number().int().min(1).max(7).nullable()).optional(),
        ces: z.number().int().min(1).max(7).nullable().optional(),
        verdict: z.string().max(20_000).optional(),
      })
      .refine((p) => Object.keys(p).length > 0, 'the patch is empty'),
  }),
  'session.delete': z.strictObject({ sessionId: id }),
  // tabId: the tab to follow, required to switch on (the panel knows which tab it audits).
  'session.setAutoCapture': z.union([
    z.strictObject({ sessionId: id, on: z.literal(true), tabId }),
    z.strictObject({ sessionId: id, on: z.literal(false) }),
  ]),
  // The panel and popup send the window too, so the capture need not look the tab up first.
  // pixels 'page': the panel takes the pixels itself at the click and posts them on the request's
  // port (sendLong's `pixels`), so the checks run while the browser captures.
  'step.capture': z.strictObject({ tabId, sessionId: id.optional(), windowId: z.number().int().optional(), pixels: z.literal('page').optional() }),
  // Stays open while the shopper picks in the page; cancelled picks answer 'capture-cancelled'.
  'step.captureElement': z.strictObject({ tabId, sessionId: id, mode: z.enum(['element', 'region']), intoStepId: id.optional() }),
  // Keys pressed in the panel while a picker is open in the tab (the page does not have the focus).
  'step.pickKey': z.strictObject({
    tabId,
    key: z.enum(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape']),
    shift: z.boolean(),
    alt: z.boolean(),
  }),
  // Long (a second per two viewports): sent with sendLong over a port, for progress and cancel.
  'step.captureFullPage': z.strictObject({ tabId, sessionId: id.optional(), method: z.enum(['auto', 'scroll', 'dom']) }),
  'step.update': z.strictObject({
    stepId: id,
    patch: z
      .strictObject({
        note: z.string().max(20_000).optional(),
        scores: z.record(id, PillarScoreSchema.nullable()).optional(),
        severity: SeveritySchema.nullable().optional(),
        stageId: id.optional(),
        emotion: EmotionSchema.nullable().optional(),
        momentOfTruth: z.boolean().optional(),
        tags: z.array(TagSchema).max(50).optional(),
      })
      .refine((p) => Object.keys(p).length > 0, 'the patch is empty'),
  }),
  'step.delete': z.strictObject({ stepId: id }),
  // The whole new order, checked to be a permutation of the session's steps (lib/step/edits.ts).
  'steps.reorder': z.strictObject({ sessionId: id, orderedStepIds: z.array(id).min(1).max(10_000) }),
  // A step with no screenshot, for something observed off-screen; absent afterStepId puts it first.
  'step.addText': z.strictObject({
    sessionId: id,
    stageId: id.nullable(),
    afterStepId: id.optional(),
    title: z.string().trim().max(1000),
    note: z.string().max(20_000),
  }),
  // A new session with the same journey and rubric snapshot; it becomes the active one.
  'session.runAgain': z.strictObject({
    sessionId: id,
    title: z.string().trim().min(1, 'a title is required').max(200),
    brand: z.string().trim().max(200),
    startUrl: z.string().trim().max(4000),
    environment: EnvironmentSchema,
  }),
  // Undoes a 'session.delete' or 'step.delete' within its window (lib/step/trash.ts).
  'trash.restore': z.strictObject({ trashId: id }),
  // The library found a summary older than its session (lib/db/summaries.ts): rebuild what is stale.
  'library.refresh': z.strictObject({}),
  // The toolbar popup's figures: the popup asks rather than opening the database (it ships without Dexie).
  'popup.state': z.strictObject({}),
  'page.describe': z.strictObject({ tabId }),
  // Binary: sent with sendLong, whose port carries the bytes in chunks (lib/channel.ts);
  // runtime.sendMessage would turn them into JSON, which this schema then refuses.
  'bundle.import': z.strictObject({
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_BUNDLE_BYTES, 'the file is larger than 2 GB'),
  }),
  // The shape is checked here; the rubric rules (names, weights, counts) by lib/rubric/store.ts.
  'rubric.save': RubricShapeSchema,
  'rubric.delete': z.strictObject({ rubricId: id }),
  // The disk reserve (lib/storage/reserve.ts): the room left, and the user's reserve (null: default).
  'storage.room': z.strictObject({}),
  'storage.setReserve': z.strictObject({ mb: z.number().int().min(RESERVE_MIN_MB).max(RESERVE_MAX_MB).nullable() }),
  // The safety copy outside IndexedDB (lib/storage/safety-copy.ts): what it could bring back, and doing so.
  'safety.status': z.strictObject({}),
  'safety.restore': z.strictObject({}),
  // The whole set replaces the stored one; new redactions are burned into the image.
  'screenshot.annotate': z.strictObject({ screenshotId: id, annotations: z.array(AnnotationSchema).max(200) }),
  // Team workspace (lib/workspace): test checks the folder without saving; connect tests, then saves.
  'workspace.test': WorkspaceConnect,
  'workspace.connect': WorkspaceConnect.extend({ memberName: z.string().trim().min(1, 'your name is required').max(100) }),
  'workspace.disconnect': z.strictObject({}),
  'workspace.info': z.strictObject({}),
  'workspace.publish': z.strictObject({ sessionIds: z.array(id).min(1).max(500) }),
  'workspace.pull': z.strictObject({ ifOlderThanMs: z.number().int().nonnegative().optional() }),
  'workspace.open': z.strictObject({ sessionId: id }),
  'workspace.thumb': z.strictObject({ sessionId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  'workspace.copy': z.strictObject({ sessionId: id }),
  'workspace.cancel': z.strictObject({}),
  'workspace.retry': z.strictObject({}),
} as const;

export type RequestName = keyof typeof requests;
export type RequestPayload<N extends RequestName> = z.input<(typeof requests)[N]>;
type ParsedPayload<N extends RequestName> = z.output<(typeof requests)[N]>;

export interface PageDescription {
  url: string;
  title: string;
  viewport: { width: number; height: number } | null;
  devicePixelRatio: number | null;
  /** Set when the page cannot be captured, so the panel can warn before the shopper tries. */
  problem: AppError | null;
}

/**
 * The pixels of a capture in flight, sent over its port before the commit (lib/router.ts,
 * RequestExtras.preview): the screenshot they will be stored as, and the browser's data URL.
 */
export interface CapturePreview {
  screenshotId: string;
  dataUrl: string;
}

/** What a capture stored: the step, and the screenshots it added, so a page draws it without a read. */
export interface CapturedStep {
  step: Step;
  shots: Screenshot[];
}

export interface RequestResults {
  'session.start': Session;
  'session.setStatus': Session;
  'session.update': Session;
  'session.delete': TrashReceipt;
  'session.setAutoCapture': Session;
  'step.capture': CapturedStep;
  /**
   * clipped: the element was larger than the window, and only its visible part was captured.
   * Over a port, the stored thumbnail comes ahead as a preview (RequestExtras.preview).
   */
  'step.captureElement': CapturedStep & { clipped: boolean };
  /** Whether an open picker took the key. */
  'step.pickKey': boolean;
  'step.captureFullPage': Step;
  'step.update': Step;
  'step.delete': TrashReceipt;
  'steps.reorder': string[];
  'step.addText': Step;
  'session.runAgain': Session;
  'trash.restore': { kind: 'session' | 'step'; sessionId: string };
  'library.refresh': { changed: number };
  'popup.state': PopupState;
  'page.describe': PageDescription;
  'bundle.import': { sessions: number; steps: number };
  'rubric.save': SavedRubric;
  'rubric.delete': null;
  'storage.room': DiskRoom;
  'storage.setReserve': DiskRoom;
  /** missing: journaled sessions that IndexedDB lacks. */
  'safety.status': { missing: number };
  'safety.restore': RestoreCounts;
  'screenshot.annotate': Screenshot;
  'workspace.test': null;
  'workspace.connect': WorkspaceInfo;
  'workspace.disconnect': null;
  'workspace.info': WorkspaceInfo;
  'workspace.publish': { queued: number };
  'workspace.pull': { changed: number; bytes: number; refused: string[] };
  'workspace.open': { sessionId: string; readOnly: boolean };
  'workspace.thumb': null;
  'workspace.copy': { sessionId: string };
  'workspace.cancel': null;
  'workspace.retry': null;
}

const RequestEnvelope = z.strictObject({
  channel: z.literal('mystery-shopper'),
  name: z.string().max(64),
  payload: z.unknown(),
});

export { MAX_BUNDLE_BYTES, requestEnvelope } from './envelope';

export type ParsedRequest = { [N in RequestName]: { name: N; payload: ParsedPayload<N> } }[RequestName];

/** Validates an incoming message; the error says what was wrong in words a log reader can use. */
export function parseRequest(raw: unknown): { ok: true; request: ParsedRequest } | { ok: false; error: AppError } {
  const envelope = RequestEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, error: { kind: 'invalid-message', detail: 'not a Mystery Shopper request' } };
  const { name, payload } = envelope.data;
  if (!Object.hasOwn(requests, name)) return { ok: false, error: { kind: 'invalid-message', detail: `unknown request "${name}"` } };
  const schema = requests[name as RequestName];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { kind: 'invalid-message', detail: `${name}: ${issue?.message ?? 'invalid'}${where}` } };
  }
  return { ok: true, request: { name, payload: parsed.data } as ParsedRequest };
}

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
}

/**
 * UI requests are accepted only from the extension's own pages. Content scripts share our
 * extension id but run at the web page's URL, and other extensions have another id.
 */
export function isOwnPage(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  return url.startsWith(extensionOrigin);
}

// Events the background broadcasts to open pages (e.g. a shortcut capture that failed).
// 'auto.skipped': auto-capture left a page out (e.g. the tab was hidden); a note, not an alarm.
export const EventSchema = z.union([
  z.strictObject({ channel: z.literal('mystery-shopper-event'), event: z.literal('capture.failed'), error: AppErrorSchema }),
  z.strictObject({ channel: z.literal('mystery-shopper-event'), event: z.literal('auto.skipped'), url: z.string().max(8000), error: AppErrorSchema }),
]);
export type AppEvent = z.infer<typeof EventSchema>;

export type Reply<N extends RequestName> = Result<RequestResults[N]>;
