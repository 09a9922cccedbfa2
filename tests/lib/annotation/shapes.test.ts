import { describe, expect, it } from 'vitest';
import {
  bounds,
  changeProblem,
  growBy,
  hitTest,
  moveBy,
  newRedactions,
  nextMarkerNumber,
  normalizeRect,
  redactionPixels,
  resize,
  describe as describeShape,
} from '@/lib/annotation/shapes';
import type { Annotation } from '@/lib/schemas';

/** Fractions come out of float arithmetic: compare each named field to 9 places. */
function expectClose(actual: object, expected: Record<string, number>) {
  for (const [k, v] of Object.entries(expected)) expect((actual as Record<string, number>)[k], k).toBeCloseTo(v, 9);
}

const size = { width: 1000, height: 500 };
const box: Annotation = { id: 'b', type: 'box', x: 0.1, y: 0.1, w: 0.2, h: 0.2, color: '#d92d20' };
const arrow: Annotation = { id: 'a', type: 'arrow', x1: 0.5, y1: 0.5, x2: 0.9, y2: 0.5, color: '#1570ef' };
const redact: Annotation = { id: 'r', type: 'redact', x: 0.6, y: 0.6, w: 0.2, h: 0.1 };
const marker = (id: string, number: number): Annotation => ({ id, type: 'marker', x: 0.5, y: 0.5, number, color: '#101828' });

describe('normalizeRect', () => {
  it('gives the same rectangle whichever way the drag went, clipped to the image', () => {
    const r = { x: 0.2, y: 0.3, w: 0.4, h: 0.2 };
    expectClose(normalizeRect({ x: 0.6, y: 0.5 }, { x: 0.2, y: 0.3 }), r);
    expectClose(normalizeRect({ x: 0.2, y: 0.5 }, { x: 0.6, y: 0.3 }), r);
    expect(normalizeRect({ x: -0.5, y: 0.5 }, { x: 1.5, y: 2 })).toEqual({ x: 0, y: 0.5, w: 1, h: 0.5 });
  });
});

describe('hitTest', () => {
  it('finds the topmost shape under the pointer, and nothing on empty image', () => {
    const over: Annotation = { ...box, id: 'top', color: '#12b76a' };
    expect(hitTest([box, over], { x: 0.2, y: 0.2 }, size)?.id).toBe('top');
    expect(hitTest([box], { x: 0.5, y: 0.9 }, size)).toBeNull();
  });
  it('hits an arrow near its shaft only', () => {
    expect(hitTest([arrow], { x: 0.7, y: 0.505 }, size)?.id).toBe('a');
    expect(hitTest([arrow], { x: 0.7, y: 0.6 }, size)).toBeNull();
  });
  it('hits a text label across its whole width', () => {
    const text: Annotation = { id: 't', type: 'text', x: 0.1, y: 0.1, text: 'Card number shown in full', color: '#d92d20' };
    expect(hitTest([text], { x: 0.3, y: 0.12 }, size)?.id).toBe('t');
    expect(bounds(text, size).w).toBeGreaterThan(0.2);
  });
});

describe('moving and resizing', () => {
  it('moves a shape but never past the image edge, keeping its size', () => {
    const moved = moveBy(box, 0.95, -0.5, size);
    expectClose(moved, { x: 0.8, y: 0, w: 0.2, h: 0.2 });
    expectClose(moveBy(arrow, 0.2, 0, size), { x1: 0.6, x2: 1 });
  });
  it('resizes from any corner and flips when dragged past the far side', () => {
    expectClose(resize(box, 'se', { x: 0.5, y: 0.4 }), { x: 0.1, y: 0.1, w: 0.4, h: 0.3 });
    expectClose(resize(box, 'nw', { x: 0.5, y: 0.5 }), { x: 0.3, y: 0.3, w: 0.2, h: 0.2 });
    expect(resize(arrow, 'end', { x: 0.2, y: 0.2 })).toMatchObject({ x2: 0.2, y2: 0.2 });
  });
  it('grows from the far corner for keyboard users, never below a sliver', () => {
    expectClose(growBy(box, -1, -1), { w: 0.005, h: 0.005 });
    expectClose(growBy(box, 5, 5), { w: 0.9, h: 0.9 });
  });
});

describe('nextMarkerNumber', () => {
  it('counts up from one past the highest marker', () => {
    expect(nextMarkerNumber([])).toBe(1);
    expect(nextMarkerNumber([marker('1', 1), box, marker('2', 4)])).toBe(5);
  });
  it('reuses a free number once 99 is taken', () => {
    expect(nextMarkerNumber([marker('x', 99), marker('y', 1)])).toBe(2);
  });
});

describe('redactionPixels', () => {
  it('covers the rectangle plus one device pixel on every side, inside the image', () => {
    expect(redactionPixels({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, size)).toEqual({ x: 99, y: 49, w: 202, h: 102 });
    expect(redactionPixels({ x: 0, y: 0, w: 1, h: 1 }, size)).toEqual({ x: 0, y: 0, w: 1000, h: 500 });
    // Fractions that fall between pixels take the whole pixel.
    expect(redactionPixels({ x: 0.1005, y: 0, w: 0.001, h: 0.5 }, size)).toMatchObject({ x: 99, w: 4 });
  });
});

describe('save rules', () => {
  it('finds only the redactions not yet burned', () => {
    const fresh: Annotation = { ...redact, id: 'r2' };
    expect(newRedactions([redact], [redact, fresh, box]).map((a) => a.id)).toEqual(['r2']);
  });
  it('refuses moving or removing a burned redaction', () => {
    expect(changeProblem([redact], [box], false)).toEqual({ kind: 'burned-redaction-changed', id: 'r' });
    expect(changeProblem([redact], [{ ...redact, x: 0.1 }], false)).toEqual({ kind: 'burned-redaction-changed', id: 'r' });
    expect(changeProblem([redact], [redact, box], false)).toBeNull();
  });
  it('refuses duplicate ids and rectangles past the edge', () => {
    expect(changeProblem([], [box, box], false)).toEqual({ kind: 'duplicate-id', id: 'b' });
    expect(changeProblem([], [{ ...box, x: 0.9, w: 0.2 }], false)).toEqual({ kind: 'outside-image', id: 'b' });
  });
  it('on a completed session accepts new redactions and nothing else', () => {
    const fresh: Annotation = { ...redact, id: 'r2', x: 0.1 };
    expect(changeProblem([box], [box, fresh], true)).toBeNull();
    expect(changeProblem([box], [{ ...box, color: '#12b76a' }], true)).toEqual({ kind: 'completed-session' });
    expect(changeProblem([box], [], true)).toEqual({ kind: 'completed-session' });
    expect(changeProblem([box], [box, arrow], true)).toEqual({ kind: 'completed-session' });
  });
});

it('names shapes for screen readers', () => {
  expect(describeShape(box)).toBe('Box, red');
  expect(describeShape(marker('m', 3))).toBe('Marker 3, black');
  expect(describeShape(redact)).toBe('Redaction');
});
