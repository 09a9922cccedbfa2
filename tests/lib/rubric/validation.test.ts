import { describe, expect, it } from 'vitest';
import { BUILT_IN_RUBRICS, BRAND_PROMISE, SCALE_CHOICES } from '@/lib/rubric/builtin';
import { RubricShapeSchema } from '@/lib/rubric/shape';
import { formatIssue, issuesByPath, validateRubric } from '@/lib/rubric/validation';
import { RubricSchema, type Rubric } from '@/lib/schemas';

const edited = (change: (r: Rubric) => void): Rubric => {
  const r = structuredClone(BRAND_PROMISE);
  change(r);
  return r;
};
const messages = (r: Rubric) => validateRubric(r).map(formatIssue);

describe('validateRubric', () => {
  it.each(BUILT_IN_RUBRICS.map((r) => [r.name, r] as const))('accepts the built-in %s', (_name, r) => {
    expect(validateRubric(r)).toEqual([]);
  });

  it('accepts every offered scale with its starting labels', () => {
    for (const scale of SCALE_CHOICES) expect(validateRubric(edited((r) => (r.scale = scale)))).toEqual([]);
  });

  it('refuses an empty or blank rubric name', () => {
    expect(messages(edited((r) => (r.name = '   ')))).toEqual(['name: cannot be empty']);
  });

  it('refuses an empty pillar name, addressed to that pillar', () => {
    expect(messages(edited((r) => (r.pillars[1]!.name = ' ')))).toEqual(['pillars.1.name: cannot be empty']);
  });

  it('refuses duplicate pillar names, ignoring case and surrounding spaces, on the later pillar', () => {
    expect(messages(edited((r) => (r.pillars[2]!.name = '  effortLESS ')))).toEqual([
      'pillars.2.name: "effortLESS" is already the name of another pillar',
    ]);
  });

  it.each([
    [0, 'must be greater than 0'],
    [-1, 'must be greater than 0'],
    [Number.NaN, 'must be a number'],
    [Number.POSITIVE_INFINITY, 'must be a number'],
    [101, 'must be at most 100'],
  ])('refuses the weight %s: %s', (weight, message) => {
    expect(validateRubric(edited((r) => (r.pillars[2]!.weight = weight)))).toEqual([{ path: 'pillars.2.weight', message }]);
  });

  it('accepts fractional weights', () => {
    expect(validateRubric(edited((r) => (r.pillars[0]!.weight = 0.5)))).toEqual([]);
  });

  it('needs 2 to 12 pillars', () => {
    const pillar = (i: number) => ({ id: `p${i}`, name: `Pillar ${i}`, description: '', weight: 1 });
    expect(messages(edited((r) => (r.pillars = [pillar(1)])))).toEqual(['pillars: needs at least 2 pillars (has 1)']);
    expect(validateRubric(edited((r) => (r.pillars = [pillar(1), pillar(2)])))).toEqual([]);
    expect(validateRubric(edited((r) => (r.pillars = Array.from({ length: 12 }, (_, i) => pillar(i)))))).toEqual([]);
    expect(messages(edited((r) => (r.pillars = Array.from({ length: 13 }, (_, i) => pillar(i)))))).toEqual([
      'pillars: can have at most 12 pillars (has 13)',
    ]);
  });

  it('refuses two pillars with one id, since scores are keyed by it', () => {
    expect(messages(edited((r) => (r.pillars[1]!.id = r.pillars[0]!.id)))).toEqual(['pillars.1.id: is the id of another pillar too']);
  });

  it('needs one non-empty label per value of the scale', () => {
    expect(messages(edited((r) => (r.scale = { min: 1, max: 7, labels: BRAND_PROMISE.scale.labels })))).toEqual([
      'scale.labels: needs 7 labels, one per value (has 5)',
    ]);
    expect(messages(edited((r) => (r.scale.labels = [])))).toEqual(['scale.labels: needs 5 labels, one per value (has 0)']);
    expect(messages(edited((r) => (r.scale.labels[3] = ' ')))).toEqual(['scale.labels.3: cannot be empty']);
  });

  it('offers only the 1–5, 1–7 and 1–10 scales', () => {
    expect(messages(edited((r) => (r.scale = { min: 0, max: 4, labels: ['a', 'b', 'c', 'd', 'e'] })))).toEqual([
      'scale: must be 1–5, 1–7 or 1–10 (is 0–4)',
    ]);
  });

  it('enforces the lengths RubricSchema enforces, with readable messages', () => {
    expect(messages(edited((r) => (r.name = 'x'.repeat(101))))).toEqual(['name: must be at most 100 characters']);
    expect(messages(edited((r) => (r.pillars[0]!.name = 'x'.repeat(61))))).toEqual(['pillars.0.name: must be at most 60 characters']);
    expect(messages(edited((r) => (r.pillars[0]!.description = 'x'.repeat(301))))).toEqual([
      'pillars.0.description: must be at most 300 characters',
    ]);
    expect(messages(edited((r) => (r.scale.labels[0] = 'x'.repeat(41))))).toEqual(['scale.labels.0: must be at most 40 characters']);
  });

  it('reports every problem at once', () => {
    const r = edited((r) => {
      r.name = '';
      r.pillars[0]!.weight = 0;
      r.pillars[1]!.name = '';
    });
    expect(validateRubric(r).map((i) => i.path)).toEqual(['name', 'pillars.0.weight', 'pillars.1.name']);
  });

  it('passes only what RubricSchema accepts too', () => {
    const valid = edited((r) => (r.pillars[0]!.weight = 2.5));
    expect(validateRubric(valid)).toEqual([]);
    expect(RubricSchema.safeParse(valid).success).toBe(true);
  });
});

describe('issuesByPath', () => {
  it('keeps the first message for each path', () => {
    const map = issuesByPath([
      { path: 'name', message: 'first' },
      { path: 'name', message: 'second' },
      { path: 'pillars', message: 'other' },
    ]);
    expect([...map]).toEqual([
      ['name', 'first'],
      ['pillars', 'other'],
    ]);
  });
});

describe('RubricShapeSchema', () => {
  it('accepts a built-in and defaults missing descriptions', () => {
    const { description: _d, ...withoutDescription } = BRAND_PROMISE;
    const parsed = RubricShapeSchema.parse(withoutDescription);
    expect(parsed.description).toBe('');
    expect(parsed.pillars).toEqual(BRAND_PROMISE.pillars);
  });

  it('refuses unknown keys and wrong types', () => {
    expect(RubricShapeSchema.safeParse({ ...BRAND_PROMISE, updatedAt: 1 }).success).toBe(false);
    expect(RubricShapeSchema.safeParse({ ...BRAND_PROMISE, pillars: [{ ...BRAND_PROMISE.pillars[0], weight: '1' }] }).success).toBe(false);
    expect(RubricShapeSchema.safeParse({ ...BRAND_PROMISE, pillars: [{ ...BRAND_PROMISE.pillars[0], extra: true }] }).success).toBe(false);
  });
});
