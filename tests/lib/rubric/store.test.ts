import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { savedRubrics } from '@/lib/db/queries';
import { AppFailure } from '@/lib/errors';
import { parseRequest, requestEnvelope } from '@/lib/messages';
import { BRAND_PROMISE } from '@/lib/rubric/builtin';
import { deleteRubric, findRubric, saveRubric } from '@/lib/rubric/store';
import type { Rubric, Step } from '@/lib/schemas';
import { brandAlignmentScore } from '@/lib/scoring/alignment';
import { startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

const acme = (): Rubric => ({ ...structuredClone(BRAND_PROMISE), id: 'acme', name: 'Acme promise' });

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).error;
}

describe('saveRubric', () => {
  it('stores a valid rubric with its time, and replaces it on the next save', async () => {
    const first = await saveRubric(db, acme(), 1000);
    expect(first).toEqual({ ...acme(), updatedAt: 1000 });
    await saveRubric(db, { ...acme(), name: 'Acme promise v2' }, 2000);
    expect(await db.rubrics.toArray()).toEqual([{ ...acme(), name: 'Acme promise v2', updatedAt: 2000 }]);
  });

  it('stores nothing while any rule is broken, and says which', async () => {
    const bad = acme();
    bad.pillars[1]!.weight = 0;
    bad.name = ' ';
    expect(await failure(saveRubric(db, bad, 1000))).toEqual({
      kind: 'invalid-message',
      detail: 'name: cannot be empty; pillars.1.weight: must be greater than 0',
    });
    expect(await db.rubrics.count()).toBe(0);
  });

  it('refuses to store a rubric under a built-in template id', async () => {
    expect((await failure(saveRubric(db, BRAND_PROMISE, 1000))).kind).toBe('invalid-message');
    expect(await db.rubrics.count()).toBe(0);
  });

  it('trims the name as RubricSchema does', async () => {
    expect((await saveRubric(db, { ...acme(), name: '  Acme  ' }, 1)).name).toBe('Acme');
  });
});

describe('deleteRubric', () => {
  it('deletes a saved rubric, and says not-found for one that is gone', async () => {
    await saveRubric(db, acme(), 1000);
    await deleteRubric(db, 'acme');
    expect(await db.rubrics.count()).toBe(0);
    expect(await failure(deleteRubric(db, 'acme'))).toEqual({ kind: 'not-found', what: 'rubric' });
  });
});

describe('savedRubrics and findRubric', () => {
  it('lists the most recently saved first', async () => {
    await saveRubric(db, { ...acme(), id: 'a', name: 'A' }, 1000);
    await saveRubric(db, { ...acme(), id: 'b', name: 'B' }, 3000);
    await saveRubric(db, { ...acme(), id: 'c', name: 'C' }, 2000);
    expect((await savedRubrics(db)).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('finds built-ins first, then saved rubrics, without storage fields', async () => {
    await saveRubric(db, acme(), 1000);
    expect(await findRubric(db, BRAND_PROMISE.id)).toEqual(BRAND_PROMISE);
    expect(await findRubric(db, 'acme')).toEqual(acme());
    expect(await findRubric(db, 'missing')).toBeUndefined();
  });
});

describe('a session started with a saved rubric', () => {
  it('keeps its copy and its score when the rubric is edited and then deleted', async () => {
    await saveRubric(db, acme(), 1000);
    const session = await startSession(db, { ...newSessionInput(), rubricId: 'acme' }, environment, clock);
    expect(session.rubric).toEqual(acme());
    const [effortless, transparent, human] = acme().pillars.map((p) => p.id) as [string, string, string];
    const steps: Pick<Step, 'scores'>[] = [
      { scores: { [effortless]: 5, [transparent]: 1, [human]: 3 } },
      { scores: { [effortless]: 2, [transparent]: 'na', [human]: 4 } },
    ];
    const before = brandAlignmentScore(steps, (await db.sessions.get(session.id))!.rubric);

    const reweighted = acme();
    reweighted.pillars[0]!.weight = 10;
    reweighted.pillars[1]!.weight = 0.5;
    await saveRubric(db, reweighted, 2000);
    // The edit would change the score if it reached the session.
    expect(brandAlignmentScore(steps, reweighted).score).not.toBeCloseTo(before.score!);
    await deleteRubric(db, 'acme');

    const stored = (await db.sessions.get(session.id))!;
    expect(stored.rubric).toEqual(acme());
    expect(brandAlignmentScore(steps, stored.rubric)).toEqual(before);
  });

  it('cannot start once the rubric is deleted', async () => {
    await saveRubric(db, acme(), 1000);
    await deleteRubric(db, 'acme');
    const error = await failure(startSession(db, { ...newSessionInput(), rubricId: 'acme' }, environment, clock));
    expect(error).toEqual({ kind: 'not-found', what: 'rubric' });
  });
});

describe('rubric messages', () => {
  it('accept a rubric and a rubric id', () => {
    expect(parseRequest(requestEnvelope('rubric.save', acme())).ok).toBe(true);
    expect(parseRequest(requestEnvelope('rubric.delete', { rubricId: 'acme' })).ok).toBe(true);
  });

  it('refuse extra keys, wrong types and a missing id', () => {
    const envelope = (name: string, payload: unknown) => ({ channel: 'mystery-shopper', name, payload });
    expect(parseRequest(envelope('rubric.save', { ...acme(), updatedAt: 5 })).ok).toBe(false);
    expect(parseRequest(envelope('rubric.save', { ...acme(), pillars: [{ ...acme().pillars[0], weight: '2' }] })).ok).toBe(false);
    expect(parseRequest(envelope('rubric.delete', { rubricId: '' })).ok).toBe(false);
    expect(parseRequest(envelope('rubric.delete', { rubricId: 'a', also: 'b' })).ok).toBe(false);
  });
});
