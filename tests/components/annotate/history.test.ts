import { describe, expect, it } from 'vitest';
import { historyReducer, initialHistory } from '@/components/annotate/history';
import type { Annotation } from '@/lib/schemas';

const shape = (id: string): Extract<Annotation, { type: 'marker' }> => ({ id, type: 'marker', x: 0.5, y: 0.5, number: 1, color: '#d92d20' });

describe('editor history', () => {
  it('undoes and redoes whole changes, and a new change drops the redo branch', () => {
    let h = initialHistory([]);
    h = historyReducer(h, { kind: 'commit', next: [shape('a')] });
    h = historyReducer(h, { kind: 'commit', next: [shape('a'), shape('b')] });
    h = historyReducer(h, { kind: 'undo' });
    expect(h.present.map((s) => s.id)).toEqual(['a']);
    h = historyReducer(h, { kind: 'redo' });
    expect(h.present.map((s) => s.id)).toEqual(['a', 'b']);
    h = historyReducer(h, { kind: 'undo' });
    h = historyReducer(h, { kind: 'commit', next: [shape('c')] });
    expect(historyReducer(h, { kind: 'redo' })).toBe(h);
    expect(historyReducer(historyReducer(h, { kind: 'undo' }), { kind: 'undo' }).present).toEqual([]);
  });

  it('typing a label is one undo step, not one per key', () => {
    let h = initialHistory([shape('a')]);
    h = historyReducer(h, { kind: 'checkpoint' });
    for (const n of [2, 3, 4]) h = historyReducer(h, { kind: 'replace', next: [{ ...shape('a'), number: n }] });
    h = historyReducer(h, { kind: 'undo' });
    expect(h.present).toEqual([shape('a')]);
  });

  it('a save makes the stored shapes the floor of the history', () => {
    let h = historyReducer(initialHistory([]), { kind: 'commit', next: [shape('r')] });
    h = historyReducer(h, { kind: 'reset', next: [shape('r')] });
    expect(historyReducer(h, { kind: 'undo' })).toBe(h);
  });
});
