import { describe, expect, it } from 'vitest';
import { captureScale, clipToViewport, defaultRegion, dragRect, MIN_REGION, nudgeRegion, toImagePixels, walk, type TreeNav } from '@/lib/capture/crop';

const viewport = { width: 1280, height: 800 };

describe('clipToViewport', () => {
  it('keeps a rect that fits, unclipped', () => {
    expect(clipToViewport({ x: 10, y: 20, w: 100, h: 50 }, viewport)).toEqual({ rect: { x: 10, y: 20, w: 100, h: 50 }, clipped: false });
  });
  it('cuts an element taller than the window to the window and says so', () => {
    expect(clipToViewport({ x: 0, y: -100, w: 1280, h: 3000 }, viewport)).toEqual({ rect: { x: 0, y: 0, w: 1280, h: 800 }, clipped: true });
  });
  it('gives an empty rect for one wholly outside', () => {
    expect(clipToViewport({ x: 2000, y: 0, w: 10, h: 10 }, viewport).rect.w).toBe(0);
  });
});

describe('toImagePixels', () => {
  it('scales by the device pixel ratio', () => {
    expect(toImagePixels({ x: 10, y: 20, w: 100, h: 50 }, 2, { width: 2560, height: 1600 })).toEqual({ x: 20, y: 40, w: 200, h: 100 });
  });
  it('rounds fractional edges outwards, so a half-covered pixel is kept', () => {
    expect(toImagePixels({ x: 10.5, y: 0.25, w: 20, h: 10 }, 1.5, { width: 1920, height: 1200 })).toEqual({ x: 15, y: 0, w: 31, h: 16 });
  });
  it('clamps to the image bounds', () => {
    expect(toImagePixels({ x: -5, y: 790, w: 50, h: 40 }, 1, { width: 1280, height: 800 })).toEqual({ x: 0, y: 790, w: 45, h: 10 });
  });
  it('is null when nothing is inside the image', () => {
    expect(toImagePixels({ x: 1300, y: 0, w: 50, h: 40 }, 1, { width: 1280, height: 800 })).toBeNull();
    expect(toImagePixels({ x: 10, y: 10, w: 0, h: 40 }, 2, { width: 1280, height: 800 })).toBeNull();
  });
});

describe('captureScale', () => {
  it('trusts the page when the image agrees (fractional ratios stay exact)', () => {
    expect(captureScale(2560, 1280, 2)).toBe(2);
    expect(captureScale(1536, 1229, 1.25)).toBe(1.25);
  });
  it('follows the image when the page reports an emulated ratio', () => {
    expect(captureScale(1280, 1280, 2)).toBe(1);
  });
});

// body > [header > [logo, nav > [a, a, hiddenInput, a]], main > [hero]]
interface N { name: string; children: N[]; parent: N | null; hidden?: boolean }
function tree(): Record<string, N> {
  const mk = (name: string, children: N[] = [], hidden = false): N => {
    const n: N = { name, children, parent: null, hidden };
    for (const c of children) c.parent = n;
    return n;
  };
  const a1 = mk('a1'), a2 = mk('a2'), hiddenInput = mk('hidden', [], true), a3 = mk('a3');
  const nav = mk('nav', [a1, a2, hiddenInput, a3]);
  const logo = mk('logo');
  const header = mk('header', [logo, nav]);
  const hero = mk('hero');
  const main = mk('main', [hero]);
  const body = mk('body', [header, main]);
  return { body, header, logo, nav, a1, a2, a3, hiddenInput, main, hero };
}
const nav: TreeNav<N> = { parent: (n) => n.parent, children: (n) => n.children, pickable: (n) => !n.hidden };

describe('walk', () => {
  const t = tree();
  it('Up goes to the parent and stops at the root', () => {
    expect(walk(nav, t.a1, 'ArrowUp', t.body)).toBe(t.nav);
    expect(walk(nav, t.header, 'ArrowUp', t.body)).toBe(t.body);
    expect(walk(nav, t.body, 'ArrowUp', t.body)).toBe(t.body);
  });
  it('Down goes to the first child, and stays on a leaf', () => {
    expect(walk(nav, t.header, 'ArrowDown', t.body)).toBe(t.logo);
    expect(walk(nav, t.a1, 'ArrowDown', t.body)).toBe(t.a1);
  });
  it('Left and Right step between siblings, skipping what is not rendered', () => {
    expect(walk(nav, t.a2, 'ArrowRight', t.body)).toBe(t.a3);
    expect(walk(nav, t.a3, 'ArrowLeft', t.body)).toBe(t.a2);
    expect(walk(nav, t.a3, 'ArrowRight', t.body)).toBe(t.a3);
    expect(walk(nav, t.header, 'ArrowRight', t.body)).toBe(t.main);
    expect(walk(nav, t.header, 'ArrowLeft', t.body)).toBe(t.header);
  });
});

describe('regions', () => {
  it('starts in the middle at half the viewport', () => {
    expect(defaultRegion(viewport)).toEqual({ x: 320, y: 200, w: 640, h: 400 });
  });
  it('draws between two points in any direction, inside the viewport', () => {
    expect(dragRect({ x: 400, y: 350 }, { x: 100, y: 150 }, viewport)).toEqual({ x: 100, y: 150, w: 300, h: 200 });
    expect(dragRect({ x: 1200, y: 700 }, { x: 1400, y: 900 }, viewport)).toEqual({ x: 1200, y: 700, w: 80, h: 100 });
  });
  it('moves with arrows and resizes with Shift, never leaving the viewport', () => {
    const r = { x: 0, y: 0, w: 100, h: 100 };
    expect(nudgeRegion(r, 'ArrowRight', { resize: false, big: false }, viewport)).toEqual({ x: 10, y: 0, w: 100, h: 100 });
    expect(nudgeRegion(r, 'ArrowLeft', { resize: false, big: true }, viewport)).toEqual(r);
    expect(nudgeRegion(r, 'ArrowDown', { resize: true, big: true }, viewport)).toEqual({ x: 0, y: 0, w: 100, h: 150 });
    expect(nudgeRegion({ ...r, w: MIN_REGION }, 'ArrowLeft', { resize: true, big: false }, viewport).w).toBe(MIN_REGION);
    expect(nudgeRegion({ x: 1200, y: 0, w: 80, h: 10 }, 'ArrowRight', { resize: true, big: true }, viewport).w).toBe(80);
  });
});
