import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { z } from 'zod';
import { imageKey, ScreenshotSchema, StepSchema, type Screenshot, type Step } from '../schemas';
import { restrictedReason } from './restricted';

/** What the page itself reports when probed just before a capture. */
export interface PageProbe {
  url: string;
  title: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
}

// The page writes these values: a hostile page can return anything, of any size.
const PageProbeSchema = z.object({
  url: z.string().transform((s) => s.slice(0, 8000)),
  title: z.string().transform((s) => s.slice(0, 1000)),
  viewport: z.object({ width: z.number().int().positive().max(100_000), height: z.number().int().positive().max(100_000) }),
  devicePixelRatio: z.number().positive().max(16),
});

/** Validates what the probe brought back; long strings are cut, not refused. */
export function parseProbe(raw: unknown): PageProbe {
  const parsed = PageProbeSchema.safeParse(raw);
  if (!parsed.success) throw new AppFailure({ kind: 'capture-failed', detail: 'the page did not describe itself' });
  return parsed.data;
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
  if (!session.value) throw new AppFailure({ kind: 'not-found', what: 'session' });
  if (session.value.status !== 'active') throw new AppFailure({ kind: 'session-not-active', status: session.value.status });
  // The probe's error names the page's problem; the capture's would only say "permission".
  if (probed.status === 'rejected') throw probed.reason;
  if (captured.status === 'rejected') throw captured.reason;
  const probe = probed.value;
  const refused = restrictedReason(probe.url);
  if (refused) throw new AppFailure(refused);
  const { full: image, thumb } = await deps.encode(captured.value);

  const stepId = deps.newId();
  const screenshotId = deps.newId();
  return db.transaction('rw', [db.sessions, db.steps, db.screenshots, db.images], async () => {
    const current = await db.sessions.get(target.sessionId);
    if (!current) throw new AppFailure({ kind: 'not-found', what: 'session' });
    if (current.status !== 'active') throw new AppFailure({ kind: 'session-not-active', status: current.status });
    const last = await db.steps
      .where('[sessionId+position]')
      .between([target.sessionId, -Infinity], [target.sessionId, Infinity])
      .last();
    const step: Step = {
      id: stepId,
      sessionId: target.sessionId,
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
      updatedAt: capturedAt,
    };
    const screenshot: Screenshot = {
      id: screenshotId,
      stepId,
      sessionId: target.sessionId,
      kind: 'visible',
      mimeType: image.blob.type as Screenshot['mimeType'],
      width: image.width,
      height: image.height,
      devicePixelRatio: probe.devicePixelRatio,
      bytes: image.blob.size,
      thumbWidth: thumb.width,
      thumbHeight: thumb.height,
      thumbBytes: thumb.blob.size,
      annotations: [],
      createdAt: capturedAt,
    };
    // Parsed before writing, so the stored records can never drift from the schema.
    await db.steps.add(StepSchema.parse(step));
    await db.screenshots.add(ScreenshotSchema.parse(screenshot));
    await db.images.bulkAdd([
      { id: imageKey(screenshotId, 'full'), screenshotId, variant: 'full', blob: image.blob },
      { id: imageKey(screenshotId, 'thumb'), screenshotId, variant: 'thumb', blob: thumb.blob },
    ]);
    await db.sessions.update(target.sessionId, { updatedAt: capturedAt });
    return step;
  });
}
