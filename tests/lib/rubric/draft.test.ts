import { describe, expect, it } from 'vitest';
import { BRAND_PROMISE, SCALE_CHOICES } from '@/lib/rubric/builtin';
import { copyRubric, fromDraft, moveItem, parseWeight, rescale, toDraft, uniqueName } from '@/lib/rubric/draft';
import { validateRubric } from '@/lib/rubric/validation';

describe('toDraft / fromDraft', () => {
  it('round-trips a rubric', () => {
    expect(fromDraft(toDraft(BRAND_PROMISE))).toEqual(BRAND_PROMISE);
  });

  it('trims what the user typed and keeps a bad weight visible to validation', () => {
    const draft = toDraft(BRAND_PROMISE);
    draft.name = '  Acme  ';
    draft.pillars[0]!.name = ' Fast ';
    draft.pillars[1]!.weight = 'heavy';
    const rubric = fromDraft(draft);
    expect(rubric.name).toBe('Acme');
    expect(rubric.pillars[0]!.name).toBe('Fast');
    expect(validateRubric(rubric)).toEqual([{ path: 'pillars.1.weight', message: 'must be a number' }]);
  });

  it('does not share arrays with the rubric it came from', () => {
    const draft = toDraft(BRAND_PROMISE);
    draft.scale.labels[0] = 'changed';
    draft.pillars.pop();
    expect(BRAND_PROMISE.scale.labels[0]).toBe('Breaks the promise');
    expect(BRAND_PROMISE.pillars).toHaveLength(3);
  });
});

describe('parseWeight', () => {
  it.each([
    ['1', 1],
    [' 2.5 ', 2.5],
    ['1,5', 1.5],
    ['.5', 0.5],
    ['0', 0],
    ['-1', -1],
  ])('reads %j as %s', (text, value) => expect(parseWeight(text)).toBe(value));

  it.each(['', ' ', 'abc', '1e3', '0x10', '2kg', 'Infinity', '1.2.3'])('reads %j as not a number', (text) => {
    expect(parseWeight(text)).toBeNaN();
  });
});

describe('moveItem', () => {
  it('moves one item and leaves the rest in order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 2)).toEqual(['a', 'b', 'd', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('ignores a move past either end', () => {
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });
});

describe('rescale', () => {
  it('gives the starting labels of the chosen scale', () => {
    expect(rescale(7, BRAND_PROMISE.scale)).toEqual(SCALE_CHOICES[1]);
    expect(rescale(10, BRAND_PROMISE.scale).labels).toHaveLength(10);
  });

  it("keeps the rubric's own labels when the length is unchanged", () => {
    const own = { min: 1, max: 5, labels: ['a', 'b', 'c', 'd', 'e'] };
    expect(rescale(5, own)).toBe(own);
  });
});

describe('copyRubric and uniqueName', () => {
  it('copies under a new id and a new name, pillars and scale intact', () => {
    const copy = copyRubric({ ...BRAND_PROMISE, updatedAt: 9 } as typeof BRAND_PROMISE, 'new-id', []);
    expect(copy).toEqual({ ...BRAND_PROMISE, id: 'new-id', name: 'Brand promise (copy)' });
    expect(copy.pillars).not.toBe(BRAND_PROMISE.pillars);
  });

  it('numbers further copies', () => {
    expect(copyRubric(BRAND_PROMISE, 'x', ['brand promise (COPY)']).name).toBe('Brand promise (copy 2)');
  });

  it('keeps a free name and stays within the 100-character limit', () => {
    expect(uniqueName('Acme', ['Other'], 'copy')).toBe('Acme');
    const long = 'x'.repeat(100);
    expect(uniqueName(long, [long], 'imported')).toHaveLength(100);
  });
});
