import { describe, expect, it } from 'vitest';
import { BRAND_PROMISE, NIELSEN_HEURISTICS } from '@/lib/rubric/builtin';
import { exportRubricFile, fileSizeProblem, importRubricFile, MAX_RUBRIC_FILE_BYTES, rubricFileName } from '@/lib/rubric/io';

const options = { newId: () => 'fresh-id' };
const file = (rubric: unknown, envelope: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'mystery-shopper-rubric', version: 1, rubric, ...envelope });
const problems = (text: string, opts = options) => {
  const result = importRubricFile(text, opts);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
};
const saved = { ...BRAND_PROMISE, id: 'saved-1', name: 'Acme promise', updatedAt: 123 };

describe('exportRubricFile', () => {
  it('writes the envelope with the rubric and nothing of storage', () => {
    const parsed = JSON.parse(exportRubricFile(saved));
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'rubric']);
    expect(parsed.format).toBe('mystery-shopper-rubric');
    expect(parsed.version).toBe(1);
    expect(parsed.rubric.updatedAt).toBeUndefined();
    expect(parsed.rubric.pillars).toEqual(BRAND_PROMISE.pillars);
  });

  it('round-trips through import under a fresh id', () => {
    const result = importRubricFile(exportRubricFile(NIELSEN_HEURISTICS), options);
    expect(result).toEqual({ ok: true, rubric: { ...NIELSEN_HEURISTICS, id: 'fresh-id' } });
  });
});

describe('rubricFileName', () => {
  it('is a safe slug of the name', () => {
    expect(rubricFileName({ name: 'Acme promise' })).toBe('acme-promise.rubric.json');
    expect(rubricFileName({ name: "Nielsen's 10 / Ünïcode ✓" })).toBe('nielsen-s-10-unicode.rubric.json');
    expect(rubricFileName({ name: '../../etc/passwd' })).toBe('etc-passwd.rubric.json');
    expect(rubricFileName({ name: '✓✓' })).toBe('rubric.rubric.json');
  });
});

describe('importRubricFile', () => {
  it('never keeps the id in the file, so an import cannot overwrite a saved rubric', () => {
    const result = importRubricFile(exportRubricFile(saved), options);
    expect(result.ok && result.rubric.id).toBe('fresh-id');
  });

  it('renames a rubric whose name is taken', () => {
    const result = importRubricFile(exportRubricFile(saved), { ...options, takenNames: ['ACME promise ', 'Acme promise (imported)'] });
    expect(result.ok && result.rubric.name).toBe('Acme promise (imported 2)');
  });

  it('refuses what is not JSON', () => {
    expect(problems('not json {')).toEqual(['the file is not JSON; a rubric file is the .json file that Export rubric saves']);
    expect(problems('')[0]).toMatch(/not JSON/);
  });

  it('refuses JSON that is not an object', () => {
    for (const text of ['[]', 'null', '42', '"rubric"']) expect(problems(text)[0]).toMatch(/not a Mystery Shopper rubric file/);
  });

  it('refuses another format, naming what it found', () => {
    expect(problems(file(BRAND_PROMISE, { format: 'something-else' }))).toEqual([
      'format: expected "mystery-shopper-rubric", found "something-else"; this is not a Mystery Shopper rubric file',
    ]);
    expect(problems(JSON.stringify({ version: 1, rubric: BRAND_PROMISE }))[0]).toMatch(/^format: .*found nothing/);
  });

  it('refuses a newer version with a way forward', () => {
    expect(problems(file(BRAND_PROMISE, { version: 2 }))[0]).toMatch(/^version: the file is version 2, from a newer Mystery Shopper.*Update the extension/);
    expect(problems(file(BRAND_PROMISE, { version: '1' }))[0]).toMatch(/^version: /);
  });

  it('names each missing field', () => {
    const { name: _n, ...noName } = BRAND_PROMISE;
    expect(problems(file(noName))).toEqual(['name: is missing']);
    const pillars = BRAND_PROMISE.pillars.map(({ weight: _w, ...p }, i) => (i === 1 ? p : { ...p, weight: 1 }));
    expect(problems(file({ ...BRAND_PROMISE, pillars }))).toEqual(['pillars.1.weight: is missing']);
    expect(problems(JSON.stringify({ format: 'mystery-shopper-rubric', version: 1 }))).toEqual(['rubric: is missing']);
  });

  it('names wrong types and unknown fields', () => {
    const pillars = BRAND_PROMISE.pillars.map((p, i) => (i === 2 ? { ...p, weight: 'heavy' } : p));
    expect(problems(file({ ...BRAND_PROMISE, pillars }))).toEqual(['pillars.2.weight: must be a number']);
    expect(problems(file({ ...BRAND_PROMISE, pillars: 'many' }))).toEqual(['pillars: must be a list']);
    expect(problems(file('Acme'))).toEqual(['rubric: must be an object']);
    expect(problems(file({ ...BRAND_PROMISE, name: 7 }))).toEqual(['name: must be text']);
    expect(problems(file({ ...BRAND_PROMISE, scale: { ...BRAND_PROMISE.scale, max: 5.5 } }))).toEqual(['scale.max: must be a whole number']);
    expect(problems(file({ ...BRAND_PROMISE, owner: 'me' }))).toEqual(['rubric: has unknown field "owner"']);
    expect(problems(file(BRAND_PROMISE, { signed: true }))).toEqual(['file: has unknown field "signed"']);
  });

  it('applies the editor rules, with paths', () => {
    const pillars = [...BRAND_PROMISE.pillars, { id: 'x', name: 'Fast', description: '', weight: 0 }];
    expect(problems(file({ ...BRAND_PROMISE, pillars }))).toEqual(['pillars.3.weight: must be greater than 0']);
  });

  it('refuses 13 pillars', () => {
    const pillars = Array.from({ length: 13 }, (_, i) => ({ id: `p${i}`, name: `Pillar ${i}`, description: '', weight: 1 }));
    expect(problems(file({ ...BRAND_PROMISE, pillars }))).toEqual(['pillars: can have at most 12 pillars (has 13)']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a "%s" key anywhere', (key) => {
    const pillar = `{"id":"a","name":"A","description":"","weight":1,"${key}":{"polluted":true}}`;
    const text = `{"format":"mystery-shopper-rubric","version":1,"rubric":{"id":"r","name":"R","description":"","scale":${JSON.stringify(BRAND_PROMISE.scale)},"pillars":[${pillar},{"id":"b","name":"B","description":"","weight":1}]}}`;
    expect(problems(text)).toEqual([`pillars.0: the key "${key}" is not allowed`]);
    expect(problems(`{"${key}":{"format":"x"},"format":"mystery-shopper-rubric"}`)).toEqual([`file: the key "${key}" is not allowed`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a file nested deeper than any rubric', () => {
    const nest = (depth: number) => file(BRAND_PROMISE).replace(/}$/, `,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(problems(nest(50))).toEqual(['extra.0.0.0.0.0.0.0.0: nested too deeply to be part of a rubric']);
    // Deeper than any parser's stack: still a message, never a crash.
    expect(problems(nest(100_000))).toHaveLength(1);
  });

  it('refuses a huge file before parsing it', () => {
    const huge = file({ ...BRAND_PROMISE, description: 'x'.repeat(MAX_RUBRIC_FILE_BYTES) });
    expect(problems(huge)).toEqual([`the file is ${Math.ceil(huge.length / 1024)} KB; a rubric file is at most 256 KB`]);
  });

  it('counts bytes, not characters', () => {
    const text = file({ ...BRAND_PROMISE, description: '€'.repeat(90_000) });
    expect(text.length).toBeLessThan(MAX_RUBRIC_FILE_BYTES);
    expect(problems(text)[0]).toMatch(/KB; a rubric file is at most 256 KB/);
  });

  it('lists several problems at once', () => {
    const pillars = BRAND_PROMISE.pillars.map((p, i) => ({ ...p, name: i === 0 ? '' : p.name, weight: i === 1 ? -2 : p.weight }));
    expect(problems(file({ ...BRAND_PROMISE, name: '', pillars }))).toEqual([
      'name: cannot be empty',
      'pillars.0.name: cannot be empty',
      'pillars.1.weight: must be greater than 0',
    ]);
  });
});

describe('fileSizeProblem', () => {
  it('allows up to 256 KB', () => {
    expect(fileSizeProblem(MAX_RUBRIC_FILE_BYTES)).toBeNull();
    expect(fileSizeProblem(MAX_RUBRIC_FILE_BYTES + 1)).toBe('the file is 257 KB; a rubric file is at most 256 KB');
  });
});
