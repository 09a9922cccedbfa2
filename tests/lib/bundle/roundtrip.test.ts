import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { buildBundle } from '@/lib/bundle/export';
import { ManifestSchema } from '@/lib/bundle/format';
import { readBundle } from '@/lib/bundle/import';
import { nodeDecode } from './decode-headers';
import { IMPORTED_SUFFIX, exportFromDb, importIntoDb } from '@/lib/bundle/write';
import { brandAlignmentScore } from '@/lib/scoring/alignment';
import { freshDb, sha256Bytes, snapshotDb, testClock } from '../fixtures';
import { sampleData, seedDb } from './sample';

const dbs: AppDB[] = [];
const db = () => {
  const created = freshDb();
  dbs.push(created);
  return created;
};
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});

const meta = { appVersion: '0.1.0', now: 1_700_000_300_000 };

async function exported(source: AppDB, ids = ['sa', 'sb']) {
  return buildBundle(await exportFromDb(source, ids), meta);
}

async function imagesBySha(target: AppDB) {
  const images = await target.images.toArray();
  return Promise.all(images.map(async (im) => ({ id: im.id, type: im.blob.type, sha256: await sha256Bytes(new Uint8Array(await im.blob.arrayBuffer())) })));
}

const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

describe('a bundle round trip', () => {
  it('brings back byte-identical images and equal records, with the active session paused', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const zip = await exported(source);
    const target = db();
    const result = await importIntoDb(target, await readBundle(zip, nodeDecode), testClock().newId, 5);
    expect(result).toEqual({ sessions: 2, steps: 5 });

    expect(byId(await target.steps.toArray())).toEqual(byId(await source.steps.toArray()));
    expect(byId(await target.screenshots.toArray())).toEqual(byId(await source.screenshots.toArray()));
    expect(byId(await imagesBySha(target))).toEqual(byId(await imagesBySha(source)));
    const [a, b] = byId(await source.sessions.toArray());
    expect(byId(await target.sessions.toArray())).toEqual([{ ...a!, status: 'paused', updatedAt: 5 }, b]);
    for (const id of ['sa', 'sb']) {
      const steps = await source.steps.filter((s) => s.sessionId === id).toArray();
      const rubric = (await source.sessions.get(id))!.rubric;
      const after = (await target.sessions.get(id))!.rubric;
      const afterSteps = await target.steps.filter((s) => s.sessionId === id).toArray();
      expect(brandAlignmentScore(afterSteps, after)).toEqual(brandAlignmentScore(steps, rubric));
      expect(brandAlignmentScore(afterSteps, after).score).not.toBeNull();
    }
  });

  it('writes a versioned manifest, stores images as they are and deflates the JSON', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const zip = await exported(source);
    const files = unzipSync(zip);
    const manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(files['manifest.json'])));
    expect(manifest).toMatchObject({ format: 'mystery-shopper-bundle', version: 1, appVersion: '0.1.0', createdAt: meta.now, counts: { sessions: 2, steps: 5, screenshots: 4, images: 8 } });
    expect(Object.keys(files)).toEqual(['manifest.json', 'sessions.json', ...manifest.files.slice(1).map((f) => f.path)]);
    expect(manifest.files.map((f) => f.path)).toContain('images/sh-1/thumb.webp');
    for (const file of manifest.files) expect(await sha256Bytes(files[file.path]!)).toBe(file.sha256);
    // Stored entries hold their bytes verbatim, so the image appears in the zip as it is.
    const full = files['images/sh-3/full.png']!;
    expect(Buffer.from(zip).indexOf(Buffer.from(full))).toBeGreaterThan(0);
    expect(Buffer.from(zip).indexOf(Buffer.from(files['sessions.json']!))).toBe(-1);
  });

  it('exports only the sessions asked for', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const bundle = await readBundle(await exported(source, ['sb']), nodeDecode);
    expect(bundle.sessions.map((s) => s.id)).toEqual(['sb']);
    expect(bundle.steps.map((s) => s.id)).toEqual(['b1', 'b2']);
    expect(bundle.images.map((im) => `${im.screenshotId}/${im.variant}`)).toEqual(['sh-3/full', 'sh-3/thumb']);
  });

  it('reports progress up to the total and can be cancelled part-way', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const zip = await exported(source);
    const seen: Array<[number, number]> = [];
    await readBundle(zip, { ...nodeDecode, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toHaveLength(10);
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
    const controller = new AbortController();
    const cancelled = readBundle(zip, { ...nodeDecode, signal: controller.signal, onProgress: (done) => done > 0 && controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ error: { kind: 'invalid-message', detail: expect.stringMatching(/cancelled/) } });
  });

  it('checks images side by side yet refuses with the first bad image, as a loop would, even when a later one fails first', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const zip = await exported(source);
    const first = (await readBundle(zip, nodeDecode)).images[0]!;
    let calls = 0;
    let inFlight = 0;
    let most = 0;
    const failure = await readBundle(zip, {
      decode: async () => {
        most = Math.max(most, ++inFlight);
        // The first image is slow to fail; every later one fails at once.
        const slow = ++calls === 1;
        await new Promise((r) => setTimeout(r, slow ? 30 : 0));
        inFlight--;
        return null;
      },
    }).catch((e: unknown) => e);
    expect(most).toBeGreaterThan(1);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error).toEqual({
      kind: 'invalid-message',
      detail: expect.stringMatching(new RegExp(`^images/${first.screenshotId}/${first.variant}\\.jpg: the file starts like image/jpeg but does not decode`)),
    });
  });

  it('refuses to export a screenshot whose image is gone, saying which', async () => {
    const source = db();
    await seedDb(source, sampleData());
    await source.images.delete('sh-2/thumb');
    const failure = await exported(source).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error).toEqual({ kind: 'internal', detail: expect.stringMatching(/images\/sh-2\/thumb: is missing/) });
    await expect(exportFromDb(source, ['nope'])).rejects.toMatchObject({ error: { kind: 'not-found', what: 'session' } });
  });
});

describe('importing into a database that already holds the records', () => {
  it('imports copies with fresh ids and leaves the first import intact', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const zip = await exported(source);
    const target = db();
    const clock = testClock();
    await importIntoDb(target, await readBundle(zip, nodeDecode), clock.newId, 5);
    const first = await snapshotDb(target);
    const firstSessions = await target.sessions.toArray();

    expect(await importIntoDb(target, await readBundle(zip, nodeDecode), clock.newId, 6)).toEqual({ sessions: 2, steps: 5 });
    const all = await target.sessions.toArray();
    expect(all).toHaveLength(4);
    for (const s of firstSessions) expect(await target.sessions.get(s.id)).toEqual(s);
    const copies = all.filter((s) => !['sa', 'sb'].includes(s.id));
    expect(copies.map((s) => s.title).sort()).toEqual(['Checkout audit (imported)', 'Kettle checkout <b>audit</b> (imported)']);
    expect(copies.every((s) => s.title.endsWith(IMPORTED_SUFFIX) && clock.ids.includes(s.id) && s.status !== 'active' && s.updatedAt === 6)).toBe(true);

    // Each copy's steps, screenshots and image keys point at the copy, never at the original.
    for (const copy of copies) {
      const steps = await target.steps.filter((s) => s.sessionId === copy.id).toArray();
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.every((s) => clock.ids.includes(s.id))).toBe(true);
      const shots = await target.screenshots.where('sessionId').equals(copy.id).toArray();
      for (const shot of shots) {
        expect(steps.map((s) => s.id)).toContain(shot.stepId);
        expect((await target.images.where('screenshotId').equals(shot.id).toArray()).map((im) => im.id).sort()).toEqual([`${shot.id}/full`, `${shot.id}/thumb`]);
      }
    }
    expect(await target.steps.count()).toBe(10);
    expect(await target.screenshots.count()).toBe(8);
    expect(await target.images.count()).toBe(16);
    // The first import's records are exactly as they were: drop the copies and compare digests.
    const copyIds = copies.map((s) => s.id);
    const copyShots = (await target.screenshots.where('sessionId').anyOf(copyIds).toArray()).map((s) => s.id);
    await target.images.where('screenshotId').anyOf(copyShots).delete();
    await target.screenshots.where('sessionId').anyOf(copyIds).delete();
    await target.steps.filter((s) => copyIds.includes(s.sessionId)).delete();
    await target.sessions.bulkDelete(copyIds);
    expect(await snapshotDb(target)).toEqual(first);
  });

  it('gives a fresh id to a step or screenshot whose id is taken by another session', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const bundle = await readBundle(await exported(source, ['sb']), nodeDecode);
    const target = db();
    const other = sampleData();
    await seedDb(target, { sessions: [{ ...other.sessions[0]!, id: 'elsewhere' }], steps: [{ ...other.steps[0]!, id: 'b1', sessionId: 'elsewhere' }], screenshots: [], images: [] });
    await target.images.add({ id: 'sh-3/thumb', screenshotId: 'sh-3', variant: 'thumb', blob: new Blob(['orphan']) });
    const clock = testClock();
    await importIntoDb(target, bundle, clock.newId, 7);
    expect(await target.sessions.get('sb')).toMatchObject({ title: bundle.sessions[0]!.title });
    const steps = await target.steps.filter((s) => s.sessionId === 'sb').toArray();
    expect(steps.map((s) => s.id).sort()).toEqual(['b2', 'id-1'].sort());
    const [shot] = await target.screenshots.where('sessionId').equals('sb').toArray();
    expect(shot).toMatchObject({ id: 'id-2', stepId: 'id-1' });
    expect(await (await target.images.get('sh-3/thumb'))!.blob.text()).toBe('orphan');
    expect(await target.images.get('id-2/thumb')).toBeDefined();
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const source = db();
    await seedDb(source, sampleData());
    const bundle = await readBundle(await exported(source), nodeDecode);
    const target = db();
    await importIntoDb(target, bundle, testClock().newId, 5);
    const before = await snapshotDb(target);
    let calls = 0;
    const failing = () => {
      if (++calls > 3) throw new Error('no more ids');
      return `x-${calls}`;
    };
    await expect(importIntoDb(target, bundle, failing, 6)).rejects.toThrow('no more ids');
    // A duplicate key inside the bundle itself fails at bulkAdd, after the sessions were added.
    const clash = { ...bundle, steps: [...bundle.steps], sessions: bundle.sessions.map((s) => ({ ...s, id: `new-${s.id}` })) };
    clash.steps = bundle.steps.map((s) => ({ ...s, id: 'same', sessionId: `new-${s.sessionId}` }));
    await expect(importIntoDb(target, clash, testClock().newId, 6)).rejects.toThrow();
    expect(await snapshotDb(target)).toEqual(before);
  });
});

describe('a thumbnail not made yet', () => {
  it('travels as the full image, so the bundle of a session captured just now imports whole', async () => {
    const source = db();
    await seedDb(source, sampleData());
    // What a worker stopped right after a capture's reply leaves: no thumbnail, thumbBytes 0.
    await source.images.delete('sh-2/thumb');
    await source.screenshots.update('sh-2', { thumbBytes: 0 });
    const target = db();
    await importIntoDb(target, await readBundle(await exported(source), nodeDecode), testClock().newId, 5);
    const pending = (await target.screenshots.toArray()).filter((s) => s.thumbBytes === 0);
    expect(pending).toHaveLength(1);
    const shot = pending[0];
    const thumb = await target.images.get(`${shot!.id}/thumb`);
    const full = await source.images.get('sh-2/full');
    expect(thumb?.blob.size).toBe(full!.blob.size);
  });
});
