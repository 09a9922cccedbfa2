import { expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { sha256Hex } from '@/lib/bundle/format';
import { imageKey } from '@/lib/schemas';
import { startSession } from '@/lib/session/lifecycle';
import { commitCapture } from '@/lib/step/commit';
import { attachImageFiles, imageDigests, memoryImageFiles, writeImages } from '@/lib/storage/images';
import { publishDataFromDb } from '@/lib/workspace/source';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

// Each image's sha256 is kept beside it, so a publish names images by content without reading them.
// What must hold: a kept digest always names the bytes the image has now — a burned redaction whose
// old digest survived would publish the new pixels under the old pixels' name and keep the old ones.

let db: AppDB;
let clock: TestClock;
let files: ReturnType<typeof memoryImageFiles>;
let reads: string[];
useFreshDb((fresh) => {
  ({ db, clock } = fresh);
  files = memoryImageFiles(() => clock.time);
  reads = [];
  attachImageFiles(db, { ...files, get: (id) => (reads.push(id), files.get(id)) });
});

const jpeg = (text: string) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), text], { type: 'image/jpeg' });
const hashOf = async (blob: Blob) => sha256Hex(new Uint8Array(await blob.arrayBuffer()));
const probe = { url: 'https://shop.example.com/', title: 'Shop', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 };

async function capture(full: string) {
  const session = await startSession(db, newSessionInput(), environment, clock);
  const { shots } = await commitCapture(db, clock, {
    sessionId: session.id,
    probe,
    capturedAt: clock.now(),
    images: [{ kind: 'visible', devicePixelRatio: 1, full: { blob: jpeg(full), width: 1280, height: 800 }, thumb: { blob: jpeg(`${full} thumb`), width: 320, height: 200 } }],
  });
  return { sessionId: session.id, shot: shots[0]! };
}

/** Rewrites one image through the one writer, as annotate.ts does when a redaction is burned in. */
const rewrite = (id: string, screenshotId: string, blob: Blob) =>
  writeImages(db, [{ id, screenshotId, variant: 'full', blob }], (rows) => db.images.bulkPut(rows).then(() => true));

/** Waits for the queue of image writes (the digest of a write is kept in a turn after it). */
const settled = () => writeImages(db, [], async () => true);

it('a capture keeps its images’ digests; a publish then names them without reading a single image', async () => {
  const { sessionId, shot } = await capture('pixels');
  await settled();
  expect(await db.imageDigests.get(imageKey(shot.id, 'full'))).toEqual({ id: imageKey(shot.id, 'full'), sha256: await hashOf(jpeg('pixels')), size: jpeg('pixels').size, mimeType: 'image/jpeg' });
  reads = [];
  const data = await publishDataFromDb(db, sessionId);
  expect(reads).toEqual([]);
  expect(data.images.map((i) => i.sha256).sort()).toEqual([await hashOf(jpeg('pixels')), await hashOf(jpeg('pixels thumb'))].sort());
});

it('a rewritten image (a burned redaction) is never named by its old bytes, not even while its new digest is on its way', async () => {
  const { shot } = await capture('secret');
  await settled();
  const id = imageKey(shot.id, 'full');
  const secret = await hashOf(jpeg('secret'));
  // Asked right behind the rewrite, before the turn that keeps the new digest: the old one is already gone.
  const writing = rewrite(id, shot.id, jpeg('burned'));
  const { digests } = await imageDigests(db, [id]);
  await writing;
  expect(digests.get(id)?.sha256).toBe(await hashOf(jpeg('burned')));
  await settled();
  expect((await db.imageDigests.get(id))?.sha256).toBe(await hashOf(jpeg('burned')));
  expect(secret).not.toBe(await hashOf(jpeg('burned')));
});

it('the digest of a write is not kept once a later write of the same image began', async () => {
  const { shot } = await capture('secret');
  await settled();
  const id = imageKey(shot.id, 'full');
  // The second write's bytes cannot be hashed (as if the worker stopped before its digest was kept):
  // the first write's digest, queued before, must not be kept in its place.
  class Unreadable extends Blob {
    override arrayBuffer(): Promise<ArrayBuffer> {
      return Promise.reject(new Error('gone'));
    }
  }
  void rewrite(id, shot.id, jpeg('burned once'));
  await rewrite(id, shot.id, new Unreadable([new Uint8Array([0xff, 0xd8, 0xff]), 'burned twice'], { type: 'image/jpeg' }));
  await settled();
  expect(await db.imageDigests.get(id)).toBeUndefined();
});

it('an image stored before digests were kept is hashed once, when first needed, and its digest kept', async () => {
  const { shot } = await capture('old');
  await settled();
  const id = imageKey(shot.id, 'full');
  await db.imageDigests.clear();
  reads = [];
  expect((await imageDigests(db, [id])).digests.get(id)?.sha256).toBe(await hashOf(jpeg('old')));
  expect(reads).toEqual([id]);
  reads = [];
  expect((await imageDigests(db, [id])).digests.get(id)?.sha256).toBe(await hashOf(jpeg('old')));
  expect(reads).toEqual([]);
});

it('an image rewritten while a publish runs is not sent under its old name: the publish fails, to be retried', async () => {
  const { sessionId, shot } = await capture('before');
  await settled();
  const data = await publishDataFromDb(db, sessionId);
  const full = data.images.find((i) => i.variant === 'full')!;
  await rewrite(full.id, shot.id, jpeg('after, burned'));
  await expect(full.body()).rejects.toMatchObject({ error: { problem: 'busy' } });
  // A fresh gathering names the new bytes, and sends them.
  const again = (await publishDataFromDb(db, sessionId)).images.find((i) => i.variant === 'full')!;
  expect(again.sha256).toBe(await hashOf(jpeg('after, burned')));
  expect(await hashOf((await again.body()) as Blob)).toBe(again.sha256);
});
