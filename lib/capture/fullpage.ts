// Full-page geometry: where to scroll, which rows of each viewport capture to keep, and how a
// tall page is split into parts a canvas can hold. Pure: no browser, no DOM.

/**
 * Chrome refuses canvases much taller than this (and JPEG tops out at 65,535), and a worker
 * holding a 2560 × 16384 RGBA canvas already uses 168 MB: keep each part within both limits.
 */
export const MAX_PART_HEIGHT = 16_384;
export const MAX_PART_AREA = 2 ** 25;
/** An endless feed would scroll forever: past this many parts the rest of the page is left out. */
export const MAX_PARTS = 8;

/** Scroll positions (CSS px) that together cover the page, top first; the last one ends flush with the page's bottom. */
export function planScroll(pageHeight: number, viewportHeight: number): number[] {
  if (!(viewportHeight > 0) || !(pageHeight > 0)) return [0];
  const positions: number[] = [];
  const lastTop = Math.max(0, pageHeight - viewportHeight);
  for (let y = 0; y < lastTop; y += viewportHeight) positions.push(y);
  positions.push(lastTop);
  return positions;
}

/** Rows of the page (CSS px, [from, to)) a capture taken at `scrollY` adds to what is already covered. */
export function newRows(scrollY: number, coveredUntil: number, viewportHeight: number, pageHeight: number): Rows | null {
  // A page that scrolled further than asked leaves a gap; it is left blank rather than shifted.
  const from = Math.max(coveredUntil, scrollY);
  const to = Math.min(scrollY + viewportHeight, pageHeight);
  return to > from ? { from, to, gap: from > coveredUntil } : null;
}

/** Page rows [from, to) in CSS px; `gap` when they do not follow on from the rows before. */
export interface Rows {
  from: number;
  to: number;
  gap: boolean;
}

/** One strip of a capture, in device pixels: rows [srcY, srcY + height) of the capture go to row destY of the page. */
export interface Strip {
  srcY: number;
  destY: number;
  height: number;
}

/**
 * Maps page rows to device rows. At a fractional device pixel ratio a capture is a row more or
 * less than the viewport times the ratio, so each strip starts where the last one really ended
 * (`drawnUntil`, device rows): the strips then tile without a gap or an overlap.
 */
export function stripFor(rows: Rows, scrollY: number, scale: number, imageHeight: number, drawnUntil: number): Strip | null {
  const destY = rows.gap ? Math.round(rows.from * scale) : drawnUntil;
  // A capture that starts a row below what is drawn is drawn a row higher: a one-row shift
  // no one sees, where a one-row gap would show as a line.
  const srcY = Math.max(0, destY - Math.round(scrollY * scale));
  const height = Math.min(Math.round(rows.to * scale) - destY, imageHeight - srcY);
  return height > 0 ? { srcY, destY, height } : null;
}

export interface Part {
  /** Device rows [start, end) of the page this part holds. */
  start: number;
  end: number;
}

/** Splits a page `height` device px tall into parts a canvas can hold; pages beyond MAX_PARTS are cut. */
export function splitParts(height: number, width: number): Part[] {
  const per = Math.max(1, Math.min(MAX_PART_HEIGHT, Math.floor(MAX_PART_AREA / Math.max(1, width))));
  const total = Math.min(height, per * MAX_PARTS);
  const count = Math.max(1, Math.ceil(total / per));
  // Even parts read better than a full part followed by a sliver.
  const each = Math.ceil(total / count);
  return Array.from({ length: count }, (_, i) => ({ start: i * each, end: Math.min(total, (i + 1) * each) })).filter((p) => p.end > p.start);
}

/** The page height (CSS px) the parts cover: what is worth scrolling through. */
export function capturedPageHeight(pageHeight: number, scale: number, width: number): number {
  const parts = splitParts(Math.round(pageHeight * scale), width);
  return Math.min(pageHeight, (parts.at(-1)?.end ?? 0) / scale);
}

/** Where a strip lands in a part: the rows it contributes, or null when it misses the part. */
export function placeInPart(strip: Strip, part: Part): Strip | null {
  const from = Math.max(strip.destY, part.start);
  const to = Math.min(strip.destY + strip.height, part.end);
  if (to <= from) return null;
  return { srcY: strip.srcY + (from - strip.destY), destY: from - part.start, height: to - from };
}

/** A DOM render that fits one canvas: the scale to render at, at most the device pixel ratio. */
export function domRenderScale(width: number, height: number, devicePixelRatio: number): number {
  const byHeight = MAX_PART_HEIGHT / Math.max(1, height);
  const byArea = Math.sqrt(MAX_PART_AREA / Math.max(1, width * height));
  return Math.max(0.1, Math.min(devicePixelRatio, byHeight, byArea));
}

/**
 * Marks the inner scroll container for the DOM renderer, which may run in the page's world, where
 * the isolated world's state cannot reach; the DOM is what both worlds share.
 */
export const SCROLLER_ATTRIBUTE = 'data-mystery-shopper-scroller';
