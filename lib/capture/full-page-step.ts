import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import type { PageSeam } from '../browser/page';
import type { Step } from '../schemas';
import { capturedPageHeight, newRows, planScroll, splitParts, stripFor, type Part } from './fullpage';
import type { PageMetrics } from './page-scripts';
import { assertCapturable, commitCapture, type CapturedImage } from '../step/commit';
import { checkedProbe, thumbLater, type CaptureDeps, type CaptureTarget } from './pipeline';
import type { Stitcher } from './stitch';

// A capture of the whole page: scroll and stitch visible captures, or render the DOM where
// scrolling the window cannot reach the content (an app whose inner element scrolls).

export interface FullPageDeps extends CaptureDeps {
  page: PageSeam;
  stitcher(parts: Part[]): Stitcher;
  /** How long a DOM render may take before the shopper is told and nothing is saved. */
  renderDeadlineMs?: number;
}

/**
 * A render waits for every image of the page; one from a host that never answers would keep the
 * shopper waiting for ever. Past this, the render is abandoned (its late result is dropped).
 */
export const RENDER_DEADLINE_MS = 20_000;
export const RENDER_TOO_SLOW = `the page took more than ${RENDER_DEADLINE_MS / 1000} s to render (an image or font that never arrives can cause this); nothing was saved. Try Full page, which captures the screen instead`;

/** scroll: stitch viewports; dom: render the DOM; auto: stitch, unless only an inner element scrolls. */
export type FullPageMethod = 'auto' | 'scroll' | 'dom';

export interface FullPageOptions {
  method: FullPageMethod;
  signal?: AbortSignal;
  /** Viewports captured so far, out of the total (a DOM render reports 0 of 1, then 1 of 1). */
  progress?(done: number, total: number): void;
}

export const CANCELLED = 'the full-page capture was cancelled; nothing was saved';

/** Captures the page from top to bottom as one new step; the page is left as the shopper had it. */
export async function captureFullPageStep(db: AppDB, deps: FullPageDeps, target: CaptureTarget, options: FullPageOptions): Promise<Step> {
  const capturedAt = deps.now();
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new AppFailure({ kind: 'capture-failed', detail: CANCELLED });
  };
  // Side by side: each is a round trip, and the capture's time is mostly waiting already.
  const [session, probed, measured] = await Promise.allSettled([db.sessions.get(target.sessionId), deps.probePage(target.tabId), deps.page.measure(target.tabId)]);
  if (session.status === 'rejected') throw session.reason;
  assertCapturable(session.value);
  // The probe's error names the page's problem (a browser page, an error page); measuring's would not.
  if (probed.status === 'rejected') throw probed.reason;
  if (measured.status === 'rejected') throw measured.reason;
  const probe = checkedProbe(probed.value);
  const metrics = measured.value;
  checkCancelled();
  const dom = options.method === 'dom' || (options.method === 'auto' && metrics.scroller !== null);
  const images = dom ? await renderDom(deps, target, options) : await scrollAndStitch(deps, target, metrics, options, checkCancelled);
  checkCancelled();
  return (await commitCapture(db, deps, { sessionId: target.sessionId, probe, capturedAt, images })).step;
}

async function scrollAndStitch(deps: FullPageDeps, target: CaptureTarget, metrics: PageMetrics, options: FullPageOptions, checkCancelled: () => void): Promise<CapturedImage[]> {
  const scale = metrics.devicePixelRatio;
  const viewport = metrics.viewport.contentHeight;
  const pageHeight = capturedPageHeight(metrics.pageHeight, scale, Math.round(metrics.viewport.width * scale));
  const parts = splitParts(Math.round(pageHeight * scale), Math.round(metrics.viewport.width * scale));
  const positions = planScroll(pageHeight, viewport);
  const stitcher = deps.stitcher(parts);
  let covered = 0;
  let drawn = 0;
  await deps.page.prepare(target.tabId);
  try {
    options.progress?.(0, positions.length);
    for (const [i, y] of positions.entries()) {
      checkCancelled();
      const at = await deps.page.scrollTo(target.tabId, y, i > 0);
      const capture = await deps.captureVisibleTab(target.windowId);
      checkCancelled();
      const rows = newRows(at, covered, viewport, pageHeight);
      if (rows) {
        await stitcher.add(capture, (image) => {
          const strip = stripFor(rows, at, scale, image.height, drawn);
          if (strip) drawn = strip.destY + strip.height;
          return strip;
        });
        covered = rows.to;
      }
      options.progress?.(i + 1, positions.length);
    }
  } finally {
    // The page goes back to how the shopper left it whatever happened; a tab closed meanwhile
    // has nothing to restore, and the capture's own error is the one worth reporting.
    await deps.page.restore(target.tabId).catch(() => undefined);
  }
  checkCancelled();
  const stitched = await stitcher.finish(drawn);
  if (stitched.length === 0) throw new AppFailure({ kind: 'capture-failed', detail: 'the page showed nothing to capture' });
  return stitched.map(({ full, thumb }, i) => ({
    kind: 'full-page',
    full,
    thumb,
    devicePixelRatio: scale,
    part: stitched.length > 1 ? { index: i + 1, count: stitched.length } : null,
  }));
}

async function renderDom(deps: FullPageDeps, target: CaptureTarget, options: FullPageOptions): Promise<CapturedImage[]> {
  options.progress?.(0, 1);
  // The renderer works on a copy of the document; restoring only drops what measuring kept.
  const deadline = deps.renderDeadlineMs ?? RENDER_DEADLINE_MS;
  const rendered = withDeadline(deps.page.renderDom(target.tabId), deadline, () => new AppFailure({ kind: 'capture-failed', detail: RENDER_TOO_SLOW.replace(`${RENDER_DEADLINE_MS / 1000} s`, `${deadline / 1000} s`) }));
  const { blob, scale } = await rendered.finally(() => deps.page.restore(target.tabId).catch(() => undefined));
  // Stored as rendered; the thumbnail is made after the reply, as for a visible capture.
  const full = await deps.stored(blob);
  options.progress?.(1, 1);
  return [{ kind: 'dom', full, thumb: thumbLater(full), devicePixelRatio: scale }];
}

function withDeadline<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(late()), ms)));
  // A result after the deadline lands nowhere: the shopper was already told nothing was saved.
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
