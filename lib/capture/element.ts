import { z } from 'zod';
import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { imageKey, ViewportSchema, type Rect, type Size } from '../schemas';
import type { RequestResults } from '../messages';
import { prepareImage } from '../storage/images';
import { blobToDataUrl } from '../browser/files';
import { assertCapturable, commitCapture, type EncodedImage } from '../step/commit';
import { checkedProbe, type CaptureDeps, type CaptureTarget } from './pipeline';
import { captureScale, toImagePixels } from './crop';
import type { PickMode, PickOutcome } from './pick';
import { canvas2d } from './canvas';
import { measurePhase, timed } from './marks';
import { imageSize, THUMB_FORMAT, thumbSize } from './encode';

// Element and region capture: the shopper picks in the page, then the visible tab is captured
// and cropped to what was picked. The step is written by commitCapture like every other mode.

export interface ElementCaptureDeps extends CaptureDeps {
  /** Runs the picker in the tab; resolves with what the page answered (untrusted), undefined if the page went away. */
  pick(tabId: number, mode: PickMode): Promise<unknown>;
  /** The crop of a capture to a CSS rect and its thumbnail (see cropAndEncode); null if it covers no pixel. */
  encodeCrop(raw: Blob, rect: Rect, viewport: Size, devicePixelRatio: number): Promise<Cropped | null>;
}

export interface Cropped {
  full: EncodedImage;
  thumb: EncodedImage;
  /** Image pixels per CSS px of the crop. */
  scale: number;
}

/** What an element capture stored, and whether the element was cut to the window. */
export type CapturedElement = RequestResults['step.captureElement'];

export interface ElementTarget extends CaptureTarget {
  mode: PickMode;
  /** Add the close-up to this step of the session instead of starting a new step. */
  intoStepId?: string;
}

// The page writes the outcome: a hostile page can answer anything.
const coordinate = z.number().finite().min(-1e6).max(1e6);
const length = z.number().finite().min(0).max(1e6);
const PickOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('picked'),
    rect: z.object({ x: coordinate, y: coordinate, w: length, h: length }),
    clipped: z.boolean(),
    viewport: ViewportSchema,
    devicePixelRatio: z.number().positive().max(16),
  }),
  z.object({ kind: z.literal('cancelled'), reason: z.enum(['user', 'timeout', 'replaced', 'page-left']) }),
]);

/** Validates the picker's answer; a page that vanished mid-pick counts as a cancel. */
export function parsePickOutcome(raw: unknown): PickOutcome {
  if (raw === undefined || raw === null) return { kind: 'cancelled', reason: 'page-left' };
  const parsed = PickOutcomeSchema.safeParse(raw);
  if (!parsed.success) throw new AppFailure({ kind: 'capture-failed', detail: 'the page gave an unreadable answer to the picker' });
  return parsed.data;
}

export async function captureElementStep(db: AppDB, deps: ElementCaptureDeps, target: ElementTarget): Promise<CapturedElement> {
  // Everything that can refuse is checked before the picker shows: a shopper should not pick
  // on a page, or into a step, that cannot take the capture.
  const [session, probed, into] = await Promise.all([
    db.sessions.get(target.sessionId),
    deps.probePage(target.tabId),
    target.intoStepId ? db.steps.get(target.intoStepId) : undefined,
  ]);
  assertCapturable(session);
  const probe = checkedProbe(probed);
  if (target.intoStepId && into?.sessionId !== target.sessionId) throw new AppFailure({ kind: 'not-found', what: 'step' });

  const outcome = parsePickOutcome(await timed('pick', () => deps.pick(target.tabId, target.mode)));
  if (outcome.kind === 'cancelled') throw new AppFailure({ kind: 'capture-cancelled', reason: outcome.reason });
  const capturedAt = deps.now();
  // Named now, so that the files are opened and the disk's room read while the browser captures:
  // the commit then only writes the bytes (as the visible capture does, lib/capture/pipeline.ts).
  const screenshotId = deps.newId();
  const releases = (['full', 'thumb'] as const).map((variant) => prepareImage(db, imageKey(screenshotId, variant)));
  const room = deps.roomCheck?.();
  room?.catch(() => undefined);
  try {
    const raw = await deps.captureVisibleTab(target.windowId);
    const crop = await timed('crop', () => deps.encodeCrop(raw, outcome.rect, outcome.viewport, outcome.devicePixelRatio));
    if (!crop) throw new AppFailure({ kind: 'capture-failed', detail: `the picked ${target.mode} is not visible in the window` });
    const { full, thumb, scale } = crop;
    const request = {
      sessionId: target.sessionId,
      // The page as it is now (the picker may have scrolled it), for a new step's record.
      probe: { ...probe, viewport: outcome.viewport, devicePixelRatio: outcome.devicePixelRatio },
      capturedAt,
      images: [{ id: screenshotId, kind: target.mode, full, thumb, devicePixelRatio: scale }],
      intoStepId: target.intoStepId,
    };
    // The thumbnail (a few KB) goes to the page that asked before the commit: it decodes it
    // meanwhile, and shows it once the reply says it is stored (a failure's reply drops it unseen).
    if (target.preview) target.preview({ screenshotId, dataUrl: await blobToDataUrl(thumb.blob) });
    const committed = await timed('commit', async () => commitCapture(db, deps, request, await room));
    return { ...committed, clipped: outcome.clipped };
  } finally {
    for (const release of releases) release();
  }
}

/**
 * Crops the capture to the pixels `rect` covers (see captureScale), sized from the image's header
 * and decoded for that part only, and encodes the crop (JPEG q92: one more lossy pass over a JPEG
 * capture, at high quality) and its thumbnail, drawn from the crop at its own small size. Null
 * when the rect covers no pixel of the capture.
 */
export async function cropAndEncode(raw: Blob, rect: Rect, viewport: Size, devicePixelRatio: number, thumbWidth: number): Promise<Cropped | null> {
  const image = await imageSize(raw);
  const scale = captureScale(image.width, viewport.width, devicePixelRatio);
  const px = toImagePixels(rect, scale, image);
  if (!px) return null;
  const bitmap = await createImageBitmap(raw, px.x, px.y, px.w, px.h);
  try {
    const { canvas: crop, ctx: cropCtx } = canvas2d(px.w, px.h);
    cropCtx.drawImage(bitmap, 0, 0);
    const { width: tw, height: th } = thumbSize(px.w, px.h, thumbWidth);
    const { canvas: small, ctx } = canvas2d(tw, th);
    ctx.drawImage(bitmap, 0, 0, tw, th);
    const encoding = performance.now();
    const [full, thumb] = await Promise.all([
      crop.convertToBlob({ type: 'image/jpeg', quality: 0.92 }),
      small.convertToBlob(THUMB_FORMAT),
    ]);
    measurePhase('encode', encoding);
    return { full: { blob: full, width: px.w, height: px.h }, thumb: { blob: thumb, width: tw, height: th }, scale };
  } finally {
    bitmap.close();
  }
}
