import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { z } from 'zod';
import { imageKey, ScreenshotSchema, StepSchema, type PageContext, type Screenshot, type ScreenshotKind, type Session, type Step } from '../schemas';
import { restrictedReason } from './restricted';
import { parsePageContext } from './context';

/** What the page itself reports when probed just before a capture. */
export interface PageProbe {
  url: string;
  title: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** Timing, vitals, errors; absent when the page could not say. */
  context?: PageContext | null;
}

// The page writes these values: a hostile page can return anything, of any size.
const PageProbeSchema = z.object({
  url: z.string().transform((s) => s.slice(0, 8000)),
  title: z.string().transform((s) => s.slice(0, 1000)),
  viewport: z.object({ width: z.number().int().positive().max(100_000), height: z.number().int().positive().max(100_000) }),
  devicePixelRatio: z.number().positive().max(16),
});

/**
 * Validates what the probe brought back; long strings are cut, not refused. `context` is what
 * the page-context scripts returned, when they were run (see lib/browser/page-context.ts).
 */
export function parseProbe(raw: unknown, context?: { metrics: unknown; errors: unknown }): PageProbe {
  const parsed = PageProbeSchema.safeParse(raw);
  if (!parsed.success) throw new AppFailure({ kind: 'capture-failed', detail: 'the page did not describe itself' });
  return context ? { ...parsed.data, context: parsePageContext(context.metrics, context.errors) } : parsed.data;
}

export interface EncodedImage {
  blob: Blob;
  width: number;
  height: number;
}

/** The browser calls a capture needs; the background passes real ones, tests pass fakes. */
export interface CaptureDeps {
  /** Throws AppFailure when the tab cannot be read (browser page, error page, closed tab). */
  probePage(tabId: number): Promise<PageProbe>;
  /** Pixels of the window's visible tab, as the browser encodes them. */
  captureVisibleTab(windowId: number): Promise<Blob>;
  /** The image to store and its thumbnail. */
  encode(raw: Blob): Promise<{ full: EncodedImage; thumb: EncodedImage }>;
  now(): number;
  newId(): string;
  /** Throws storage-full when writing this many bytes would cross the disk reserve. */
  ensureRoom?(writeBytes: number): Promise<void>;
}

export interface CaptureTarget {
  sessionId: string;
  tabId: number;
  windowId: number;
}

/**
 * capture → thumbnail → store, in that order, and the step exists only once all of it is
 * committed in one transaction: a worker killed half-way leaves nothing half-created.
 */
export async function captureVisibleStep(db: AppDB, deps: CaptureDeps, target: CaptureTarget): Promise<Step> {
  const capturedAt = deps.now();
  // Pixels first: the capture is the slow part, so the session check, the page probe and the
  // capture all run side by side. Any failure discards the pixels: Chrome would happily
  // "capture" an error page that the shopper never meant to record.
  const [session, probed, captured] = await Promise.allSettled([
    db.sessions.get(target.sessionId),
    deps.probePage(target.tabId),
    deps.captureVisibleTab(target.windowId),
  ]);
  if (session.status === 'rejected') throw session.reason;
  assertCapturable(session.value);
  // The probe's error names the page's problem; the capture's would only say "permission".
  if (probed.status === 'rejected') throw probed.reason;
  if (captured.status === 'rejected') throw captured.reason;
  const probe = checkedProbe(probed.value);
  const { full, thumb } = await deps.encode(captured.value);
  return commitCapture(db, deps, {
    sessionId: target.sessionId,
    probe,
    capturedAt,
    images: [{ kind: 'visible', full, thumb, devicePixelRatio: probe.devicePixelRatio }],
  });
}

/** Throws the typed error for a session that cannot take a capture now. */
export function assertCapturable(session: Session | undefined): asserts session is Session {
  if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
  if (session.status !== 'active') throw new AppFailure({ kind: 'session-not-active', status: session.status });
}

/** The probe, unless its URL is a page we must never record. */
export function checkedProbe(probe: PageProbe): PageProbe {
  const refused = restrictedReason(probe.url);
  if (refused) throw new AppFailure(refused);
  return probe;
}

/** One image of a capture, encoded and ready to store. */
export interface CapturedImage {
  kind: ScreenshotKind;
  full: EncodedImage;
  thumb: EncodedImage;
  devicePixelRatio: number;
  part?: { index: number; count: number } | null;
}

export interface CommitRequest {
  sessionId: string;
  probe: PageProbe;
  capturedAt: number;
  /** In the order they should be shown; a tall page is several parts. */
  images: CapturedImage[];
  /** Add the images to this step (a close-up of the page already captured) instead of a new step. */
  intoStepId?: string;
}

/**
 * The one place a capture is written, whatever the mode: the step (new, or an existing one of
 * the session), its screenshots and their images, in one transaction, each record parsed first.
 */
export async function commitCapture(db: AppDB, deps: Pick<CaptureDeps, 'newId' | 'ensureRoom'>, request: CommitRequest): Promise<Step> {
  const { sessionId, probe, capturedAt } = request;
  // The bytes are known now, before the transaction: a write that would cross the disk reserve
  // is refused here, so IndexedDB never meets a full disk (lib/storage/reserve.ts says why).
  await deps.ensureRoom?.(request.images.reduce((sum, image) => sum + image.full.blob.size + image.thumb.blob.size, 0));
  const ids = request.images.map(() => deps.newId());
  const newStepId = deps.newId();
  return db.transaction('rw', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    const current = await db.sessions.get(sessionId);
    assertCapturable(current);
    let step: Step;
    if (request.intoStepId) {
      const existing = await db.steps.get(request.intoStepId);
      if (!existing || existing.sessionId !== sessionId) throw new AppFailure({ kind: 'not-found', what: 'step' });
      step = existing;
    } else {
      const last = await db.steps
        .where('[sessionId+position]')
        .between([sessionId, -Infinity], [sessionId, Infinity])
        .last();
      step = StepSchema.parse({
        id: newStepId,
        sessionId,
        position: last ? last.position + 1 : 0,
        stageId: last?.stageId ?? current.stages[0]?.id ?? null,
        capturedAt,
        sincePreviousMs: last ? Math.max(0, capturedAt - last.capturedAt) : null,
        url: probe.url,
        pageTitle: probe.title,
        note: '',
        scores: {},
        severity: null,
        tags: [],
        emotion: null,
        momentOfTruth: false,
        viewport: probe.viewport,
        devicePixelRatio: probe.devicePixelRatio,
        context: probe.context ?? null,
        updatedAt: capturedAt,
      } satisfies Step);
      await db.steps.add(step);
    }
    const screenshots = request.images.map((image, i) =>
      ScreenshotSchema.parse({
        id: ids[i]!,
        stepId: step.id,
        sessionId,
        kind: image.kind,
        mimeType: image.full.blob.type as Screenshot['mimeType'],
        width: image.full.width,
        height: image.full.height,
        devicePixelRatio: image.devicePixelRatio,
        bytes: image.full.blob.size,
        thumbWidth: image.thumb.width,
        thumbHeight: image.thumb.height,
        thumbBytes: image.thumb.blob.size,
        annotations: [],
        part: image.part ?? null,
        // Distinct times keep the parts of one capture in order when listed by creation.
        createdAt: capturedAt + i,
      } satisfies Screenshot),
    );
    // Parsed above, so the stored records can never drift from the schema.
    await db.screenshots.bulkAdd(screenshots);
    await db.images.bulkAdd(
      request.images.flatMap((image, i) => [
        { id: imageKey(ids[i]!, 'full'), screenshotId: ids[i]!, variant: 'full' as const, blob: image.full.blob },
        { id: imageKey(ids[i]!, 'thumb'), screenshotId: ids[i]!, variant: 'thumb' as const, blob: image.thumb.blob },
      ]),
    );
    if (request.intoStepId) await db.steps.update(step.id, { updatedAt: capturedAt });
    // Every change to a session's steps moves its updatedAt: the library's summaries key on it.
    await db.sessions.update(sessionId, { updatedAt: capturedAt });
    return step;
  });
}
