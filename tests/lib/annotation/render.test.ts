import { describe, expect, it } from 'vitest';
import { drawAnnotations, type Canvas2D } from '@/lib/annotation/render';
import type { Annotation } from '@/lib/schemas';

/** Records what would be drawn: the renderer only issues calls on the context it is given. */
function recorder() {
  const calls: Array<[string, ...unknown[]]> = [];
  const state: Record<string, unknown> = {};
  const ctx = new Proxy(state, {
    get: (target, key: string) => (key in target ? target[key] : (...args: unknown[]) => void calls.push([key, ...args])),
    set: (target, key: string, value) => {
      target[key] = value;
      calls.push([`set ${key}`, value]);
      return true;
    },
  }) as unknown as Canvas2D;
  return { ctx, calls, named: (name: string) => calls.filter((c) => c[0] === name) };
}

describe('drawAnnotations', () => {
  it('fills a redaction opaque black over its pixels plus one on each side', () => {
    const r = recorder();
    drawAnnotations(r.ctx, [{ id: 'r', type: 'redact', x: 0.5, y: 0.5, w: 0.25, h: 0.25 }], { width: 400, height: 200 });
    expect(r.named('fillRect')).toEqual([['fillRect', 199, 99, 102, 52]]);
    expect(r.calls).toContainEqual(['set fillStyle', '#000000']);
    expect(r.calls.some((c) => c[0] === 'set globalAlpha')).toBe(false);
  });

  it('draws text as pixels with the label itself, at any size in proportion', () => {
    const text: Annotation = { id: 't', type: 'text', x: 0.1, y: 0.1, text: '<b>Card</b>', color: '#d92d20' };
    const big = recorder();
    const small = recorder();
    drawAnnotations(big.ctx, [text], { width: 1280, height: 800 });
    drawAnnotations(small.ctx, [text], { width: 640, height: 400 });
    expect(big.named('fillText')[0]?.[1]).toBe('<b>Card</b>');
    const x = (c: ReturnType<typeof recorder>) => c.named('fillText')[0]![2] as number;
    expect(x(big) / x(small)).toBeCloseTo(2, 5);
  });

  it('draws each kind of shape in its own colour, in order, and restores the context after each', () => {
    const shapes: Annotation[] = [
      { id: 'h', type: 'highlight', x: 0, y: 0, w: 0.5, h: 0.5, color: '#f79009' },
      { id: 'b', type: 'box', x: 0, y: 0, w: 0.5, h: 0.5, color: '#1570ef' },
      { id: 'a', type: 'arrow', x1: 0, y1: 0, x2: 1, y2: 1, color: '#12b76a' },
      { id: 'm', type: 'marker', x: 0.5, y: 0.5, number: 7, color: '#101828' },
    ];
    const r = recorder();
    drawAnnotations(r.ctx, shapes, { width: 1000, height: 1000 });
    expect(r.named('save').length).toBe(4);
    expect(r.named('restore').length).toBe(4);
    expect(r.calls).toContainEqual(['set globalAlpha', 0.35]);
    expect(r.named('strokeRect')).toEqual([['strokeRect', 0, 0, 500, 500]]);
    expect(r.named('fillText').map((c) => c[1])).toEqual(['7']);
    // The arrow's head is a filled triangle whose tip is the arrow's end.
    expect(r.named('moveTo')).toContainEqual(['moveTo', 1000, 1000]);
  });
});
