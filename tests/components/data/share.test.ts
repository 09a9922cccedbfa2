import { describe, expect, it } from 'vitest';
import { equalData, shareGroups, shareRecords } from '@/components/data/share';

// A live read brings new objects for every record; the panel redraws only the cards whose
// objects changed, so an unchanged record must keep its object, and a changed one must not.

const step = (id: string, note = '', scores: Record<string, number> = {}) => ({ id, note, scores, context: { errors: [{ message: 'x' }] } });

describe('equalData', () => {
  it('compares nested plain data by value', () => {
    expect(equalData(step('a', 'n', { p: 1 }), step('a', 'n', { p: 1 }))).toBe(true);
    expect(equalData(step('a', 'n', { p: 1 }), step('a', 'n', { p: 2 }))).toBe(false);
    expect(equalData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(equalData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equalData(null, {})).toBe(false);
  });

  it('compares Blobs by identity: two images of the same size are not the same image', () => {
    expect(equalData({ b: new Blob(['x']) }, { b: new Blob(['x']) })).toBe(false);
  });
});

describe('shareRecords', () => {
  it('keeps the previous array when a re-read changed nothing', () => {
    const prev = [step('a'), step('b')];
    expect(shareRecords(prev, [step('a'), step('b')])).toBe(prev);
  });

  it('keeps unchanged records and takes the new step and the edited one', () => {
    const prev = [step('a'), step('b')];
    const next = shareRecords(prev, [step('a'), step('b', 'edited'), step('c')]);
    expect(next).not.toBe(prev);
    expect(next[0]).toBe(prev[0]);
    expect(next[1]).not.toBe(prev[1]);
    expect(next[1]!.note).toBe('edited');
    expect(next.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('follows a reorder and a deletion', () => {
    const prev = [step('a'), step('b'), step('c')];
    const next = shareRecords(prev, [step('c'), step('a')]);
    expect(next.map((s) => s.id)).toEqual(['c', 'a']);
    expect(next[0]).toBe(prev[2]);
  });
});

describe('shareGroups', () => {
  it('keeps unchanged groups and the whole map when nothing changed', () => {
    const prev = new Map([['s1', [step('x')]], ['s2', [step('y')]]]);
    expect(shareGroups(prev, new Map([['s1', [step('x')]], ['s2', [step('y')]]]))).toBe(prev);
    const next = shareGroups(prev, new Map([['s1', [step('x')]], ['s2', [step('y', 'thumb landed')]], ['s3', [step('z')]]]));
    expect(next.get('s1')).toBe(prev.get('s1'));
    expect(next.get('s2')).not.toBe(prev.get('s2'));
    expect([...next.keys()]).toEqual(['s1', 's2', 's3']);
  });

  it('drops a group whose step is gone', () => {
    const prev = new Map([['s1', [step('x')]], ['s2', [step('y')]]]);
    const next = shareGroups(prev, new Map([['s1', [step('x')]]]));
    expect(next).not.toBe(prev);
    expect([...next.keys()]).toEqual(['s1']);
  });
});
