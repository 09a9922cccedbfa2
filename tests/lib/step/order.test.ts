import { describe, expect, it } from 'vitest';
import { insertionIndex, moveId, permutationProblem, stageRuns } from '@/lib/step/order';

describe('moveId', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves a step up, down, to either end, and clamps past the ends', () => {
    expect(moveId(ids, 'c', 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveId(ids, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveId(ids, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveId(ids, 'b', 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveId(ids, 'b', -3)).toEqual(['b', 'a', 'c', 'd']);
  });
  it('leaves the order alone for an unknown step and never mutates its input', () => {
    expect(moveId(ids, 'x', 0)).toEqual(ids);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('permutationProblem', () => {
  it('accepts any reordering of the same steps', () => {
    expect(permutationProblem(['a', 'b', 'c'], ['c', 'a', 'b'])).toBeNull();
  });
  it('says what is wrong with a stale or forged order', () => {
    expect(permutationProblem(['a', 'b'], ['a', 'a'])).toMatch(/twice/);
    expect(permutationProblem(['a', 'b'], ['a', 'z'])).toMatch(/"z" is not in this session/);
    expect(permutationProblem(['a', 'b', 'c'], ['a', 'b'])).toMatch(/1 of the session's steps are missing/);
  });
});

describe('insertionIndex', () => {
  it('places after the named step, at the start without one, at the end for an unknown one', () => {
    expect(insertionIndex(['a', 'b', 'c'], 'b')).toBe(2);
    expect(insertionIndex(['a', 'b', 'c'], undefined)).toBe(0);
    expect(insertionIndex(['a', 'b', 'c'], 'gone')).toBe(3);
  });
});

describe('stageRuns', () => {
  it('groups consecutive steps of a stage and shows a return to an earlier stage as its own run', () => {
    const steps = [
      { id: '1', stageId: 'discover' },
      { id: '2', stageId: 'discover' },
      { id: '3', stageId: 'buy' },
      { id: '4', stageId: 'discover' },
      { id: '5', stageId: null },
    ];
    expect(stageRuns(steps).map((r) => [r.stageId, r.start, r.steps.map((s) => s.id).join('')])).toEqual([
      ['discover', 0, '12'],
      ['buy', 2, '3'],
      ['discover', 3, '4'],
      [null, 4, '5'],
    ]);
    expect(stageRuns([])).toEqual([]);
  });
});
