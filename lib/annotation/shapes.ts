import type { Annotation, Rect, Size } from '../schemas';
import { ANNOTATION_COLORS } from '../vocabulary';

// lib/annotation/ — marks on a screenshot: their geometry, names and save rules (shapes.ts) and
// drawing them onto a canvas (render.ts). Pure: may import core (schemas) only.

// Pure geometry of annotations: the editor (SVG), the renderer (canvas) and the background's
// save rules all use these, so a shape means the same thing everywhere. Coordinates are
// fractions (0…1) of the image; sizes that must look the same at any scale (stroke, font)
// are derived from the width of whatever the shapes are drawn on.

export type AnnotationType = Annotation['type'];
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];
export type RectAnnotation = Extract<Annotation, { type: 'box' | 'highlight' | 'redact' }>;
export type Redaction = Extract<Annotation, { type: 'redact' }>;
export interface Point {
  x: number;
  y: number;
}

export const COLOR_NAMES: Record<AnnotationColor, string> = {
  '#d92d20': 'Red',
  '#f79009': 'Orange',
  '#1570ef': 'Blue',
  '#12b76a': 'Green',
  '#101828': 'Black',
};
export const REDACT_FILL = '#000000';
export const HIGHLIGHT_ALPHA = 0.35;
export const TYPE_NAMES: Record<AnnotationType, string> = {
  box: 'Box',
  highlight: 'Highlight',
  redact: 'Redaction',
  arrow: 'Arrow',
  text: 'Text label',
  marker: 'Marker',
};

/** Stroke, font and marker sizes in pixels of a drawing `width` pixels wide. */
export function metrics(width: number) {
  const unit = Math.max(width, 1) / 1000;
  // The floors keep shapes legible on a 320 px thumbnail, where they matter most.
  return {
    stroke: Math.max(2, 3.5 * unit),
    font: Math.max(9, 22 * unit),
    markerRadius: Math.max(6, 15 * unit),
    head: Math.max(8, 18 * unit),
  };
}

export const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export const isRect = (a: Annotation): a is RectAnnotation => a.type === 'box' || a.type === 'highlight' || a.type === 'redact';

/** The rectangle two drag corners span, whichever way the drag went, kept inside the image. */
export function normalizeRect(a: Point, b: Point): Rect {
  const x1 = clamp01(Math.min(a.x, b.x));
  const y1 = clamp01(Math.min(a.y, b.y));
  return { x: x1, y: y1, w: clamp01(Math.max(a.x, b.x)) - x1, h: clamp01(Math.max(a.y, b.y)) - y1 };
}

/** Estimated label width: canvas and SVG measure text differently, hit-testing needs one answer. */
export function textBox(a: Extract<Annotation, { type: 'text' }>, size: Size): Rect {
  const { font } = metrics(size.width);
  return { x: a.x, y: a.y, w: (a.text.length * font * 0.6 + font * 0.4) / size.width, h: (font * 1.3) / size.height };
}

/** The area a shape covers, in fractions; used for hit-testing, selection outlines and nudging. */
export function bounds(a: Annotation, size: Size): Rect {
  switch (a.type) {
    case 'box':
    case 'highlight':
    case 'redact':
      return { x: a.x, y: a.y, w: a.w, h: a.h };
    case 'arrow':
      return normalizeRect({ x: a.x1, y: a.y1 }, { x: a.x2, y: a.y2 });
    case 'text':
      return textBox(a, size);
    case 'marker': {
      const r = metrics(size.width).markerRadius;
      return { x: a.x - r / size.width, y: a.y - r / size.height, w: (2 * r) / size.width, h: (2 * r) / size.height };
    }
  }
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The topmost shape under `point` (fractions), or null. Distances are judged in pixels of the
 * drawing so that a thin arrow is as easy to hit on a tall page as on a short one.
 */
export function hitTest(annotations: readonly Annotation[], point: Point, size: Size, tolerancePx = 6): Annotation | null {
  const px = (p: Point): Point => ({ x: p.x * size.width, y: p.y * size.height });
  const p = px(point);
  for (let i = annotations.length - 1; i >= 0; i--) {
    const a = annotations[i]!;
    if (a.type === 'arrow') {
      if (distanceToSegment(p, px({ x: a.x1, y: a.y1 }), px({ x: a.x2, y: a.y2 })) <= tolerancePx + metrics(size.width).stroke) return a;
      continue;
    }
    const b = bounds(a, size);
    const t = tolerancePx;
    if (p.x >= b.x * size.width - t && p.x <= (b.x + b.w) * size.width + t && p.y >= b.y * size.height - t && p.y <= (b.y + b.h) * size.height + t) return a;
  }
  return null;
}

/** Moves a shape by (dx, dy), stopping at the image's edges without changing its size. */
export function moveBy(a: Annotation, dx: number, dy: number, size: Size): Annotation {
  const b = bounds(a, size);
  const mx = Math.min(Math.max(dx, -b.x), 1 - b.x - Math.min(b.w, 1));
  const my = Math.min(Math.max(dy, -b.y), 1 - b.y - Math.min(b.h, 1));
  switch (a.type) {
    case 'arrow':
      return { ...a, x1: a.x1 + mx, y1: a.y1 + my, x2: a.x2 + mx, y2: a.y2 + my };
    case 'text':
    case 'marker':
      // Their anchor may sit at the edge while the drawn label runs past it: clamp the anchor only.
      return { ...a, x: clamp01(a.x + dx), y: clamp01(a.y + dy) };
    default:
      return { ...a, x: a.x + mx, y: a.y + my };
  }
}

export type Handle = 'nw' | 'ne' | 'sw' | 'se' | 'start' | 'end';

/** Where a selected shape can be grabbed to resize it. */
export function handlesOf(a: Annotation): Array<{ handle: Handle } & Point> {
  if (a.type === 'arrow')
    return [
      { handle: 'start', x: a.x1, y: a.y1 },
      { handle: 'end', x: a.x2, y: a.y2 },
    ];
  if (!isRect(a)) return [];
  return [
    { handle: 'nw', x: a.x, y: a.y },
    { handle: 'ne', x: a.x + a.w, y: a.y },
    { handle: 'sw', x: a.x, y: a.y + a.h },
    { handle: 'se', x: a.x + a.w, y: a.y + a.h },
  ];
}

/** The shape with `handle` dragged to `to`; a rectangle dragged past its far side flips. */
export function resize(a: Annotation, handle: Handle, to: Point): Annotation {
  const p = { x: clamp01(to.x), y: clamp01(to.y) };
  if (a.type === 'arrow') return handle === 'start' ? { ...a, x1: p.x, y1: p.y } : handle === 'end' ? { ...a, x2: p.x, y2: p.y } : a;
  if (!isRect(a)) return a;
  const fixed = {
    nw: { x: a.x + a.w, y: a.y + a.h },
    ne: { x: a.x, y: a.y + a.h },
    sw: { x: a.x + a.w, y: a.y },
    se: { x: a.x, y: a.y },
  }[handle as 'nw'];
  if (!fixed) return a;
  return { ...a, ...normalizeRect(fixed, p) };
}

/** Grows (or shrinks) a rectangle or an arrow from its far corner, for keyboard resizing. */
export function growBy(a: Annotation, dx: number, dy: number): Annotation {
  if (a.type === 'arrow') return { ...a, x2: clamp01(a.x2 + dx), y2: clamp01(a.y2 + dy) };
  if (!isRect(a)) return a;
  return { ...a, w: Math.max(0.005, Math.min(1 - a.x, a.w + dx)), h: Math.max(0.005, Math.min(1 - a.y, a.h + dy)) };
}

/** Markers count up from 1: the next one is one more than the highest placed (99 at most). */
export function nextMarkerNumber(annotations: readonly Annotation[]): number {
  const used = annotations.flatMap((a) => (a.type === 'marker' ? [a.number] : []));
  const next = used.length ? Math.max(...used) + 1 : 1;
  if (next <= 99) return next;
  for (let n = 1; n <= 99; n++) if (!used.includes(n)) return n;
  return 99;
}

/** A drag this small (in pixels of the shown image) is a click, not a shape. */
export function isTooSmall(a: Point, b: Point, shown: Size, minPx = 4): boolean {
  return Math.abs(a.x - b.x) * shown.width < minPx && Math.abs(a.y - b.y) * shown.height < minPx;
}

/**
 * The pixels a redaction erases in an image of `size`: its rectangle grown by one device pixel on
 * each side, so the antialiased edge of whatever was under it goes too.
 */
export function redactionPixels(r: Rect, size: Size): Rect {
  // The nudge keeps float noise (0.1 + 0.2 → 0.30000000000000004) from taking a pixel more.
  const floor = (v: number) => Math.floor(v + 1e-6);
  const ceil = (v: number) => Math.ceil(v - 1e-6);
  const x0 = Math.max(0, floor(r.x * size.width) - 1);
  const y0 = Math.max(0, floor(r.y * size.height) - 1);
  const x1 = Math.min(size.width, ceil((r.x + r.w) * size.width) + 1);
  const y1 = Math.min(size.height, ceil((r.y + r.h) * size.height) + 1);
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** The arrow's shaft end and head triangle, in the same units as its endpoints. */
export function arrowGeometry(x1: number, y1: number, x2: number, y2: number, head: number) {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const h = Math.min(head, len);
  const bx = x2 - ux * h;
  const by = y2 - uy * h;
  const half = h * 0.55;
  return {
    shaftEnd: { x: bx + ux * h * 0.2, y: by + uy * h * 0.2 },
    head: [
      { x: x2, y: y2 },
      { x: bx - uy * half, y: by + ux * half },
      { x: bx + uy * half, y: by - ux * half },
    ],
  };
}

/** What a screen reader hears for a shape. */
export function describe(a: Annotation): string {
  const color = 'color' in a ? `, ${COLOR_NAMES[a.color].toLowerCase()}` : '';
  if (a.type === 'text') return `Text label “${a.text}”${color}`;
  if (a.type === 'marker') return `Marker ${a.number}${color}`;
  return `${TYPE_NAMES[a.type]}${color}`;
}

const sameRect = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** Redactions in `next` that are not yet burned into the image (not among `stored`). */
export function newRedactions(stored: readonly Annotation[], next: readonly Annotation[]): Redaction[] {
  const burned = new Set(stored.filter((a) => a.type === 'redact').map((a) => a.id));
  return next.filter((a): a is Redaction => a.type === 'redact' && !burned.has(a.id));
}

export type ChangeProblem =
  | { kind: 'duplicate-id'; id: string }
  | { kind: 'outside-image'; id: string }
  | { kind: 'burned-redaction-changed'; id: string }
  | { kind: 'completed-session' };

const EPSILON = 1e-9;
const canonical = (a: Annotation) => JSON.stringify(Object.entries(a).sort(([x], [y]) => (x < y ? -1 : 1)));

/**
 * Why a new set of annotations may not replace the stored one, or null when it may.
 * Burned redactions are part of the pixels: they stay, unmoved. On a completed session only
 * new redactions are accepted (a privacy fix beats an immutable report); everything else
 * follows the rule for step edits and is refused.
 */
export function changeProblem(stored: readonly Annotation[], next: readonly Annotation[], completed: boolean): ChangeProblem | null {
  const ids = new Set<string>();
  for (const a of next) {
    if (ids.has(a.id)) return { kind: 'duplicate-id', id: a.id };
    ids.add(a.id);
    if (isRect(a) && (a.x + a.w > 1 + EPSILON || a.y + a.h > 1 + EPSILON || a.w <= 0 || a.h <= 0)) return { kind: 'outside-image', id: a.id };
  }
  const byId = new Map(next.map((a) => [a.id, a]));
  for (const old of stored) {
    if (old.type !== 'redact') continue;
    const now = byId.get(old.id);
    if (!now || now.type !== 'redact' || !sameRect(old, now)) return { kind: 'burned-redaction-changed', id: old.id };
  }
  if (completed) {
    const fresh = new Set(newRedactions(stored, next).map((a) => a.id));
    const kept = next.filter((a) => !fresh.has(a.id));
    if (!sameAnnotations(kept, stored)) return { kind: 'completed-session' };
  }
  return null;
}

/** The editor's address for a screenshot; the side panel and the dashboard both open it. */
export const annotatePagePath = (screenshotId: string) => `/annotate.html?screenshot=${encodeURIComponent(screenshotId)}` as const;

/** Same shapes in the same order, whatever order their keys were written in. */
export const sameAnnotations = (a: readonly Annotation[], b: readonly Annotation[]) =>
  a.length === b.length && a.every((x, i) => canonical(x) === canonical(b[i]!));
