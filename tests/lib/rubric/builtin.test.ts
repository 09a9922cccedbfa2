import { describe, expect, it } from 'vitest';
import { BUILT_IN_RUBRICS, FIVE_PRINCIPLES, findBuiltInRubric } from '@/lib/rubric/builtin';
import { RubricSchema } from '@/lib/schemas';

describe('built-in rubrics', () => {
  it('Five Principles has exactly the five named pillars, each of weight 1, scored 1–5', () => {
    expect(FIVE_PRINCIPLES.pillars.map((p) => p.name)).toEqual([
      'Get it right',
      'Communicate',
      'Take on the stress',
      'No near-misses',
      'Every customer elite',
    ]);
    for (const p of FIVE_PRINCIPLES.pillars) expect(p.weight).toBe(1);
    expect(FIVE_PRINCIPLES.scale.min).toBe(1);
    expect(FIVE_PRINCIPLES.scale.max).toBe(5);
  });

  it.each(BUILT_IN_RUBRICS.map((r) => [r.name, r] as const))('%s passes RubricSchema', (_name, r) => {
    const result = RubricSchema.safeParse(r);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('have distinct ids that findBuiltInRubric resolves', () => {
    const ids = BUILT_IN_RUBRICS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BUILT_IN_RUBRICS) expect(findBuiltInRubric(r.id)).toBe(r);
    expect(findBuiltInRubric('no-such-rubric')).toBeUndefined();
  });
});
