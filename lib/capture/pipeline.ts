import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { z } from 'zod';
import { ViewportSchema } from '../schemas';
import type { CapturedStep, CapturePreview } from '../messages';
import { restrictedReason } from './restricted';
import { parsePageContext } from '../step/page-context-parse';
import { assertCapturable, commitCapture, type EncodedImage, type LaterThumb, type PageProbe } from '../step/commit';
import { thumbSize } from './encode';
import { timed } from './marks';
import { prepareImage } from '../storage/images';
import { imageKey } from '../vocabulary';

// lib/capture/ — how pixels are taken from a tab: the visible capture (this file), element and
// region crops, full-page scrolling and stitching, auto-capture's decisions, encoding and burning
// annotations in. Every mode hands its images to step/commit.ts, the one place a capture is stored.
// Glue layer: may import core, db/, the domain folders and browser/; never components/ or entrypoints/.

// The page writes these values: a hostile page can return anything, of any size.
const PageProbeSchema = z.object({
  url: z.string().transform((s) => s.slice(0, 8000)),
  title: z.string().transform((s) => s.slice(0, 1000)),
  viewport: ViewportSchema,
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

/** The browser calls a capture needs; the background passes real ones, tests pass fakes. */
export interface CaptureDeps {
  /** Throws AppFailure when the tab cannot be read (browser page, error page, closed tab). */
  probePage(tabId: number): Promise<PageProbe>;
  /**
   * Pixels of the window's visible tab, as the browser encodes them; `asDataUrl` hears the
   * browser's data URL the moment it arrives, before it is turned into bytes.
   */
  captureVisibleTab(windowId: number, asDataUrl?: (dataUrl: string) => void): Promise<Blob>;
  /** The image as it is stored: the browser's bytes, sized from the header, nothing decoded. */
  stored(raw: Blob): Promise<EncodedImage>;
  /** Makes the thumbnails a commit left out, after the reply (lib/capture/thumbnails.ts). */
  thumbnailsLater?(screenshotIds: string[]): void;
  now(): number;
  newId(): string;
  /** Throws storage-full when writing this many bytes would cross the disk reserve. */
  ensureRoom?(writeBytes: number): Promise<void>;
  /** The same, read ahead: the room is read beside the capture, checked once the size is known. */
  roomCheck?(): Promise<(writeBytes: number) => void>;
}

export interface CaptureTarget {
  sessionId: string;
  tabId: number;
  windowId: number;
  /**
   * A check of the tab (visible, in that window) that runs beside the capture when the caller
   * knew the window already; a failure discards the pixels.
   */
  check?: Promise<unknown>;
  /**
   * The page that asked, told the pixels as soon as they exist, under the id they will be stored
   * with: it decodes them while the commit runs and shows them once the reply says they are stored.
   */
  preview?(preview: CapturePreview): void;
}

/** The thumbnail a commit leaves for after the reply: its size now, its pixels later. */
export const thumbLater = (full: EncodedImage): LaterThumb => ({ ...thumbSize(full.width, full.height), blob: null });

/**
 * capture → store → reply; the thumbnail is made after the reply. The step exists only once it
 * and its full image are committed in one transaction (a worker killed half-way leaves nothing
 * half-created); a thumbnail the worker did not live to make is made at its next start.
 */
export async function captureVisibleStep(db: AppDB, deps: CaptureDeps, target: CaptureTarget): Promise<CapturedStep> {
  const capturedAt = deps.now();
  // Named now, so that the preview and the stored screenshot are one picture to the page.
  const screenshotId = deps.newId();
  // The preview goes before any check has answered: the page only decodes it, and a refusal's
  // reply makes it drop the pixels unseen (a failed check still stores nothing).
  const preview = target.preview && ((dataUrl: string) => target.preview!({ screenshotId, dataUrl }));
  // Its file is opened while the browser captures: the commit then only writes the bytes.
  const release = prepareImage(db, imageKey(screenshotId, 'full'));
  try {
    return await captureAndCommit(db, deps, target, { capturedAt, screenshotId, preview });
  } finally {
    release();
  }
}

async function captureAndCommit(
  db: AppDB,
  deps: CaptureDeps,
  target: CaptureTarget,
  { capturedAt, screenshotId, preview }: { capturedAt: number; screenshotId: string; preview: ((dataUrl: string) => void) | undefined },
): Promise<CapturedStep> {
  // Pixels first: the capture is the slow part, so the session check, the page probe and the
  // capture all run side by side. Any failure discards the pixels: Chrome would happily
  // "capture" an error page that the shopper never meant to record.
  const [session, checked, probed, captured, room] = await Promise.allSettled([
    db.sessions.get(target.sessionId),
    target.check,
    timed('probe', () => deps.probePage(target.tabId)),
    deps.captureVisibleTab(target.windowId, preview),
    deps.roomCheck?.(),
  ]);
  if (session.status === 'rejected') throw session.reason;
  assertCapturable(session.value);
  if (checked.status === 'rejected') throw checked.reason;
  // The probe's error names the page's problem; the capture's would only say "permission".
  if (probed.status === 'rejected') throw probed.reason;
  if (captured.status === 'rejected') throw captured.reason;
  const probe = checkedProbe(probed.value);
  if (room.status === 'rejected') throw room.reason;
  const full = await deps.stored(captured.value);
  return timed('commit', () =>
    commitCapture(
      db,
      deps,
      {
        sessionId: target.sessionId,
        probe,
        capturedAt,
        images: [{ id: screenshotId, kind: 'visible', full, thumb: thumbLater(full), devicePixelRatio: probe.devicePixelRatio }],
      },
      room.value,
    ),
  );
}

/** The probe, unless its URL is a page we must never record. */
export function checkedProbe(probe: PageProbe): PageProbe {
  const refused = restrictedReason(probe.url);
  if (refused) throw new AppFailure(refused);
  return probe;
}
