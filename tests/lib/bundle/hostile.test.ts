import { beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '@/lib/errors';
import { readBundle } from '@/lib/bundle/import';
import { nodeDecode } from './decode-headers';
import { importIntoDb } from '@/lib/bundle/write';
import { freshDb, snapshotDb, testClock } from '../fixtures';
import { hostileRecordCases } from './hostile-records';
import { hostileZipCases } from './hostile-zip';
import { assemble, partsOf, sampleData, seedDb } from './sample';

// Every hostile bundle is refused with a typed error that says what and where, and the database
// it was being imported into is left exactly as it was.

const cases = [...(await hostileZipCases()), ...(await hostileRecordCases())];

const db = freshDb();
let before: Awaited<ReturnType<typeof snapshotDb>>;
beforeAll(async () => {
  const data = sampleData();
  // The database already holds the same records, so an import that got through would add copies.
  await seedDb(db, data);
  before = await snapshotDb(db);
});

async function importBundle(bytes: Uint8Array, opts?: { signal?: AbortSignal }) {
  const bundle = await readBundle(bytes, { ...nodeDecode, ...opts });
  return importIntoDb(db, bundle, testClock().newId, 1);
}

describe('the hostile corpus', () => {
  it('is large, has unique names, and mutates a bundle that is itself accepted', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const scratch = freshDb();
    await expect(importIntoDb(scratch, await readBundle(await assemble(partsOf(sampleData())), nodeDecode), testClock().newId, 1)).resolves.toEqual({ sessions: 2, steps: 5 });
    await scratch.delete();
  });

  it.each(cases)('refuses $name', async ({ bytes, expect: pattern, opts }) => {
    const failure = await importBundle(bytes, opts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppFailure);
    const { error } = failure as AppFailure;
    expect(error.kind).toBe('invalid-message');
    const detail = error.kind === 'invalid-message' ? error.detail : '';
    expect(detail.trim()).not.toBe('');
    expect(detail).toMatch(pattern);
    expect(await snapshotDb(db)).toEqual(before);
  });
});
