import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { imageKey, ScreenshotSchema, StepSchema, type PageContext, type Screenshot, type ScreenshotKind, type Session, type Step, type StoredImage } from '../schemas';
import { writeImages } from '../storage/images';
import { PENDING_THUMB_BYTES } from '../vocabulary';

// lib/step/ — where a step is born and changed: the commit every capture mode ends in (this file),
// the shopper's edits and scores (update.ts), text steps, moves and copies (edits.ts), their order
// (order.ts), delete and undo (trash.ts), and the page context a step carries (page-context.ts).
// May import core (schemas, errors, ids, format), db/, session/, rubric/ and storage/ (where images live); never capture/,
// browser/, messages, components/ or entrypoints/: capture modes call in here, not the reverse.

/** What the page itself reports when probed just before a capture. */
export interface PageProbe {
  url: string;
  title: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** Timing, vitals, errors; absent when the page could not say. */
  context?: PageContext | null;
}

export interface EncodedImage {
  blob: Blob;
  width: number;
  height: number;
}

/** Throws the typed error for a session that cannot take a capture now. */
export function assertCapturable(session: Session | undefined): asserts session is Session {
  if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
  if (session.status !== 'active') throw new AppFailure({ kind: 'session-not-active', status: session.status });
}

export { PENDING_THUMB_BYTES } from '../vocabulary';

/** A thumbnail made after the reply (lib/capture/thumbnails.ts): its size is known, its bytes not yet. */
export interface LaterThumb {
  width: number;
  height: number;
  blob: null;
}

/** One image of a capture, encoded and ready to store. */
export interface CapturedImage {
  /** The screenshot's id when the caller named it already (a preview of its pixels went out under it). */
  id?: string;
  kind: ScreenshotKind;
  full: EncodedImage;
  thumb: EncodedImage | LaterThumb;
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

/** What a commit stored: the step and the screenshots it added, as the records now read. */
export interface Committed {
  step: Step;
  shots: Screenshot[];
}

/**
 * The one place a capture is written, whatever the mode: the step (new, or an existing one of
 * the session), its screenshots and their images, in one transaction, each record parsed first.
 */
export async function commitCapture(
  db: AppDB,
  deps: { newId(): string; thumbnailsLater?(screenshotIds: string[]): void; ensureRoom?(writeBytes: number): Promise<void> },
  request: CommitRequest,
  /** The room read ahead (CaptureDeps.roomCheck), checked here instead of reading it again. */
  checkRoom?: (writeBytes: number) => void,
): Promise<Committed> {
  // The bytes are known now, before the transaction: a write that would cross the disk reserve
  // is refused here, so IndexedDB never meets a full disk (lib/storage/reserve.ts says why).
  const writeBytes = request.images.reduce((sum, image) => sum + image.full.blob.size + (image.thumb.blob?.size ?? 0), 0);
  if (checkRoom) checkRoom(writeBytes);
  else await deps.ensureRoom?.(writeBytes);
  const ids = request.images.map((image) => image.id ?? deps.newId());
  // The image files first, then the records (lib/storage/images.ts says why this order).
  const images = request.images.flatMap((image, i) => [
    { id: imageKey(ids[i]!, 'full'), screenshotId: ids[i]!, variant: 'full' as const, blob: image.full.blob },
    ...(image.thumb.blob ? [{ id: imageKey(ids[i]!, 'thumb'), screenshotId: ids[i]!, variant: 'thumb' as const, blob: image.thumb.blob }] : []),
  ]);
  const stepId = deps.newId();
  const committed = (await writeImages(db, images, (rows) => writeCapture(db, stepId, ids, request, rows), undefined, { fresh: true }))!;
  // Only once committed: a thumbnail is made from the stored full image.
  const later = ids.filter((_, i) => request.images[i]!.thumb.blob === null);
  if (later.length) deps.thumbnailsLater?.(later);
  return committed;
}

function writeCapture(db: AppDB, newStepId: string, ids: string[], request: CommitRequest, imageRows: StoredImage[]): Promise<Committed> {
  const { sessionId, probe, capturedAt } = request;
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
        thumbBytes: image.thumb.blob?.size ?? PENDING_THUMB_BYTES,
        annotations: [],
        part: image.part ?? null,
        // Distinct times keep the parts of one capture in order when listed by creation.
        createdAt: capturedAt + i,
      } satisfies Screenshot),
    );
    // Parsed above, so the stored records can never drift from the schema.
    await db.screenshots.bulkAdd(screenshots);
    // Rows only where there are no image files (no OPFS); otherwise the files are written already.
    if (imageRows.length) await db.images.bulkAdd(imageRows);
    if (request.intoStepId) {
      await db.steps.update(step.id, { updatedAt: capturedAt });
      step = { ...step, updatedAt: capturedAt };
    }
    // Every change to a session's steps moves its updatedAt: the library's summaries key on it.
    // A put of the record read in this transaction: one request, where update reads it again.
    await db.sessions.put({ ...current, updatedAt: capturedAt });
    return { step, shots: screenshots };
  });
}
