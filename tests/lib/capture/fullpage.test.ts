import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capturedPageHeight, domRenderScale, MAX_PART_AREA, MAX_PART_HEIGHT, MAX_PARTS, newRows, placeInPart, planScroll, splitParts, stripFor } from '@/lib/capture/fullpage';

// The stitched image must be the page, row for row: every page row drawn exactly once.

const page = fc.record({
  height: fc.integer({ min: 1, max: 60_000 }),
  viewport: fc.integer({ min: 100, max: 2_000 }),
  dpr: fc.constantFrom(1, 1.25, 1.5, 2, 2.625, 3),
});

/** Simulates a capture: plans, "scrolls" (the page clamps), and collects the strips. */
function stitch(height: number, viewport: number, dpr: number) {
  const imageHeight = Math.round(viewport * dpr);
  let covered = 0;
  let drawn = 0;
  const strips = [];
  for (const y of planScroll(height, viewport)) {
    const at = Math.min(y, Math.max(0, height - viewport));
    const rows = newRows(at, covered, viewport, height);
    if (!rows) continue;
    const strip = stripFor(rows, at, dpr, imageHeight, drawn);
    if (strip) {
      strips.push(strip);
      drawn = strip.destY + strip.height;
    }
    covered = rows.to;
  }
  return { strips, covered };
}

describe('planScroll', () => {
  it('covers a page of 6.5 viewports in 7 captures, the last flush with the bottom', () => {
    expect(planScroll(5200, 800)).toEqual([0, 800, 1600, 2400, 3200, 4000, 4400]);
  });

  it('takes one capture of a page no taller than the screen', () => {
    expect(planScroll(600, 800)).toEqual([0]);
    expect(planScroll(800, 800)).toEqual([0]);
  });

  it('never takes more captures than the page needs, and never fewer', () => {
    fc.assert(
      fc.property(page, ({ height, viewport }) => {
        const positions = planScroll(height, viewport);
        expect(positions.length).toBe(Math.max(1, Math.ceil(height / viewport)));
        expect(positions.at(-1)).toBe(Math.max(0, height - viewport));
      }),
    );
  });
});

describe('stitching geometry', () => {
  it('tiles the page without gaps or overlaps; its height is the page height exactly at whole ratios, within a row per capture at fractional ones', () => {
    fc.assert(
      fc.property(page, ({ height, viewport, dpr }) => {
        const { strips, covered } = stitch(height, viewport, dpr);
        expect(covered).toBe(height);
        let next = 0;
        for (const s of strips) {
          expect(s.destY).toBe(next);
          expect(s.srcY).toBeGreaterThanOrEqual(0);
          expect(s.srcY + s.height).toBeLessThanOrEqual(Math.round(viewport * dpr));
          next = s.destY + s.height;
        }
        // A capture at a fractional ratio holds a fraction of a row less than viewport × ratio.
        const slack = Number.isInteger(dpr) ? 0 : strips.length;
        expect(Math.abs(next - height * dpr)).toBeLessThanOrEqual(slack);
      }),
    );
  });

  it('crops the last viewport to the rows the previous one did not show', () => {
    // 2000 px page, 800 px screen: the third capture at 1200 repeats rows 1200–1600.
    const last = stripFor(newRows(1200, 1600, 800, 2000)!, 1200, 2, 1600, 3200);
    expect(last).toEqual({ srcY: 800, destY: 3200, height: 800 });
  });

  it('leaves a gap blank rather than shifting content when the page scrolled further than asked', () => {
    expect(newRows(1000, 800, 800, 4000)).toEqual({ from: 1000, to: 1800, gap: true });
  });

  it('adds nothing when the page did not move', () => {
    expect(newRows(0, 800, 800, 4000)).toBeNull();
  });
});

describe('splitParts', () => {
  it('keeps a page that fits one canvas in one part', () => {
    expect(splitParts(5600, 1280)).toEqual([{ start: 0, end: 5600 }]);
  });

  it('splits a tall page into even parts, each within the canvas limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400_000 }), fc.integer({ min: 320, max: 7680 }), (height, width) => {
        const parts = splitParts(height, width);
        expect(parts[0]!.start).toBe(0);
        for (const [i, p] of parts.entries()) {
          expect(p.end - p.start).toBeLessThanOrEqual(MAX_PART_HEIGHT);
          expect((p.end - p.start) * width).toBeLessThanOrEqual(MAX_PART_AREA);
          if (i > 0) expect(p.start).toBe(parts[i - 1]!.end);
        }
        expect(parts.length).toBeLessThanOrEqual(MAX_PARTS);
        // Cut only when the page is beyond MAX_PARTS full parts.
        if (parts.length < MAX_PARTS) expect(parts.at(-1)!.end).toBe(height);
      }),
    );
  });

  it('places a strip that straddles two parts into both, row for row', () => {
    const [a, b] = splitParts(30_000, 1280);
    expect(b).toBeDefined();
    const strip = { srcY: 0, destY: a!.end - 100, height: 800 };
    expect(placeInPart(strip, a!)).toEqual({ srcY: 0, destY: a!.end - a!.start - 100, height: 100 });
    expect(placeInPart(strip, b!)).toEqual({ srcY: 100, destY: 0, height: 700 });
  });

  it('scrolls only as far as the parts reach on an endless page', () => {
    const height = capturedPageHeight(1_000_000, 1, 1280);
    expect(height).toBeLessThan(1_000_000);
    expect(splitParts(height, 1280).length).toBe(MAX_PARTS);
  });
});

describe('domRenderScale', () => {
  it('renders at the device pixel ratio when the page fits a canvas, smaller when it does not', () => {
    expect(domRenderScale(1280, 4000, 2)).toBe(2);
    const scale = domRenderScale(1280, 40_000, 2);
    expect(40_000 * scale).toBeLessThanOrEqual(MAX_PART_HEIGHT);
    expect(1280 * 40_000 * scale * scale).toBeLessThanOrEqual(MAX_PART_AREA + 1);
  });
});
