import type { Rect, Size } from '../schemas';

// Geometry of element and region capture, pure so that the picker (in the page), the crop (in
// the worker) and the tests share one set of rules. Rects are in CSS px of the viewport unless
// the name says pixels.

/** The part of `rect` inside the viewport; `clipped` says whether anything was cut off. */
export function clipToViewport(rect: Rect, viewport: Size): { rect: Rect; clipped: boolean } {
  const x = Math.max(0, rect.x);
  const y = Math.max(0, rect.y);
  const right = Math.min(viewport.width, rect.x + rect.w);
  const bottom = Math.min(viewport.height, rect.y + rect.h);
  const clipped = x > rect.x || y > rect.y || right < rect.x + rect.w || bottom < rect.y + rect.h;
  return { rect: { x, y, w: Math.max(0, right - x), h: Math.max(0, bottom - y) }, clipped };
}

/**
 * The image pixels a CSS rect covers in a capture taken at `devicePixelRatio`: scaled, rounded
 * outwards to whole pixels (a half-covered pixel belongs to the element), clamped to the image.
 * Null when nothing of it is inside the image.
 */
export function toImagePixels(rect: Rect, devicePixelRatio: number, image: Size): Rect | null {
  const left = clamp(Math.floor(rect.x * devicePixelRatio + 1e-6), 0, image.width);
  const top = clamp(Math.floor(rect.y * devicePixelRatio + 1e-6), 0, image.height);
  const right = clamp(Math.ceil((rect.x + rect.w) * devicePixelRatio - 1e-6), 0, image.width);
  const bottom = clamp(Math.ceil((rect.y + rect.h) * devicePixelRatio - 1e-6), 0, image.height);
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/**
 * The scale of a capture: the page's devicePixelRatio, unless the image says otherwise (under
 * device emulation Chrome captures at the window's real scale while the page reports another).
 */
export function captureScale(imageWidth: number, viewportWidth: number, devicePixelRatio: number): number {
  const measured = imageWidth / viewportWidth;
  return Math.abs(measured - devicePixelRatio) <= 0.02 * devicePixelRatio ? devicePixelRatio : measured;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export type WalkKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
export const WALK_KEYS: readonly WalkKey[] = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

/** How the picker sees the page's tree; the page passes DOM accessors, the tests plain objects. */
export interface TreeNav<T> {
  parent(node: T): T | null;
  children(node: T): readonly T[];
  /** Worth highlighting: rendered with a size (skips hidden inputs, empty wrappers, scripts). */
  pickable(node: T): boolean;
}

/**
 * Where an arrow key moves the highlight: Up to the parent (never above `root`), Down to the
 * first pickable child, Left/Right to the previous/next pickable sibling. Stays put where there
 * is nowhere to go, so a key never loses the highlight.
 */
export function walk<T>(nav: TreeNav<T>, current: T, key: WalkKey, root: T): T {
  switch (key) {
    case 'ArrowUp': {
      if (current === root) return current;
      for (let p = nav.parent(current); p; p = p === root ? null : nav.parent(p)) if (p === root || nav.pickable(p)) return p;
      return current;
    }
    case 'ArrowDown':
      return nav.children(current).find((c) => nav.pickable(c)) ?? current;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const parent = nav.parent(current);
      if (!parent || current === root) return current;
      const siblings = nav.children(parent).filter((c) => c === current || nav.pickable(c));
      const i = siblings.indexOf(current);
      return siblings[key === 'ArrowLeft' ? i - 1 : i + 1] ?? current;
    }
  }
}

/** The rectangle the region mode starts with: the middle of the viewport, half its size. */
export function defaultRegion(viewport: Size): Rect {
  const w = Math.round(viewport.width / 2);
  const h = Math.round(viewport.height / 2);
  return { x: Math.round((viewport.width - w) / 2), y: Math.round((viewport.height - h) / 2), w, h };
}

export const MIN_REGION = 8;

/** The rectangle between two pointer positions, kept inside the viewport. */
export function dragRect(from: { x: number; y: number }, to: { x: number; y: number }, viewport: Size): Rect {
  const x1 = clamp(Math.min(from.x, to.x), 0, viewport.width);
  const y1 = clamp(Math.min(from.y, to.y), 0, viewport.height);
  const x2 = clamp(Math.max(from.x, to.x), 0, viewport.width);
  const y2 = clamp(Math.max(from.y, to.y), 0, viewport.height);
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/**
 * The keyboard way to draw a region: arrows move it, Shift+arrows resize it (Right/Down grow,
 * Left/Up shrink), by 10 px, or 50 px with Alt held. It never leaves the viewport nor shrinks
 * below MIN_REGION.
 */
export function nudgeRegion(rect: Rect, key: WalkKey, mods: { resize: boolean; big: boolean }, viewport: Size): Rect {
  const step = mods.big ? 50 : 10;
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  if (mods.resize) {
    const w = clamp(rect.w + dx, MIN_REGION, viewport.width - rect.x);
    const h = clamp(rect.h + dy, MIN_REGION, viewport.height - rect.y);
    return { ...rect, w, h };
  }
  return {
    ...rect,
    x: clamp(rect.x + dx, 0, Math.max(0, viewport.width - rect.w)),
    y: clamp(rect.y + dy, 0, Math.max(0, viewport.height - rect.h)),
  };
}
