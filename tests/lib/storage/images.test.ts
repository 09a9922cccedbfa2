import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { saveAnnotations } from '@/lib/capture/annotate';
import { makeThumbnail } from '@/lib/capture/thumbnails';
import { exportFromDb, importIntoDb } from '@/lib/bundle/write';
import { imageKey, type Annotation } from '@/lib/schemas';
import { startSession } from '@/lib/session/lifecycle';
import { commitCapture } from '@/lib/step/commit';
import { purgeTrash, restoreTrash, trashStep, UNDO_WINDOW_MS } from '@/lib/step/trash';
import { attachImageFiles, imageBlob, imageDigests, memoryImageFiles, moveRowsToFiles, readImage, sessionForExport } from '@/lib/storage/images';
import { sweepStrayFiles } from '@/lib/storage/safety-copy';
import { environment, freshDb, newSessionInput, sessionWithSteps, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
let files: ReturnType<typeof memoryImageFiles>;
useFreshDb((fresh) => {
  ({ db, clock } = fresh);
  files = memoryImageFiles(() => clock.time);
  attachImageFiles(db, files);
}, 7_000_000);

const probe = { url: 'https://shop.example.com/', title: 'Shop', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 };
const jpeg = (text: string) => new Blob([text], { type: 'image/jpeg' });

async function capture(sessionId: string, full = 'full pixels', thumb: string | null = 'thumb') {
  const { step } = await commitCapture(db, clock, {
    sessionId,
    probe,
    capturedAt: clock.now(),
    images: [{ kind: 'visible', devicePixelRatio: 1, full: { blob: jpeg(full), width: 1280, height: 800 }, thumb: { blob: thumb === null ? null : jpeg(thumb), width: 320, height: 200 } }],
  });
  return (await db.screenshots.where('stepId').equals(step.id).first())!;
}

const fileIds = async () => (await files.list()).map((f) => f.id).sort();

describe('images live once, as files', () => {
  it('a capture writes its images as files and IndexedDB holds no pixels; the bytes on disk are the screenshot bytes', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const a = await capture(session.id, 'first full', 'first thumb');
    const b = await capture(session.id, 'second, longer full image', 'second thumb');
    expect(await db.images.count()).toBe(0);
    expect(await fileIds()).toEqual([imageKey(a.id, 'full'), imageKey(a.id, 'thumb'), imageKey(b.id, 'full'), imageKey(b.id, 'thumb')].sort());
    expect(files.bytes()).toBe(a.bytes + a.thumbBytes + b.bytes + b.thumbBytes);
    expect(await (await imageBlob(db, a.id, 'full'))!.text()).toBe('first full');
    expect(await (await imageBlob(db, b.id, 'thumb'))!.text()).toBe('second thumb');
  });

  it('a screenshot whose file is missing reads as undefined (the page says "image missing"), not an error', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const shot = await capture(session.id);
    await files.remove(imageKey(shot.id, 'full'));
    await files.remove(imageKey(shot.id, 'thumb'));
    await expect(imageBlob(db, shot.id, 'thumb')).resolves.toBeUndefined();
    const exported = await sessionForExport(db, session.id);
    expect(exported!.shots).toEqual([{ screenshot: expect.objectContaining({ id: shot.id }), blob: undefined }]);
  });

  it('where there are no files (no OPFS), images stay rows of IndexedDB as before', async () => {
    const plain = freshDb();
    try {
      const session = await startSession(plain, newSessionInput(), environment, clock);
      const { step } = await commitCapture(plain, clock, {
        sessionId: session.id,
        probe,
        capturedAt: clock.now(),
        images: [{ kind: 'visible', devicePixelRatio: 1, full: { blob: jpeg('row pixels'), width: 10, height: 10 }, thumb: { blob: jpeg('t'), width: 5, height: 5 } }],
      });
      const shot = (await plain.screenshots.where('stepId').equals(step.id).first())!;
      expect(await plain.images.count()).toBe(2);
      expect(await (await imageBlob(plain, shot.id, 'full'))!.text()).toBe('row pixels');
    } finally {
      await plain.delete();
    }
  });

  it('a thumbnail made later is written as a file, and the record says so', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const shot = await capture(session.id, 'full', null);
    expect(await fileIds()).toEqual([imageKey(shot.id, 'full')]);
    expect(await makeThumbnail(db, { drawThumb: async () => ({ blob: jpeg('drawn'), width: 320, height: 200 }), now: () => clock.now() }, shot.id)).toBe(true);
    expect(await (await readImage(db, imageKey(shot.id, 'thumb')))!.text()).toBe('drawn');
    expect((await db.screenshots.get(shot.id))!.thumbBytes).toBe(5);
    expect(await db.images.count()).toBe(0);
  });

  it('a burned redaction replaces the file: no file keeps the erased pixels', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const shot = await capture(session.id, 'secret pixels', 'secret thumb');
    const redact: Annotation = { id: 'r', type: 'redact', x: 0.1, y: 0.1, w: 0.2, h: 0.2 };
    const paint = vi.fn(async () => ({ full: jpeg('burned'), thumb: { blob: jpeg('burned thumb'), width: 320, height: 200 } }));
    await saveAnnotations(db, { paint, now: () => clock.now() }, { screenshotId: shot.id, annotations: [redact] });
    const texts = await Promise.all((await files.list()).map(async (f) => (await files.get(f.id))!.text()));
    expect(texts.sort()).toEqual(['burned', 'burned thumb']);
    expect(await db.images.count()).toBe(0);
  });

  it('a purge removes the files; Undo before it finds every pixel still there', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const keep = await capture(session.id, 'kept');
    const gone = await capture(session.id, 'deleted');
    const receipt = await trashStep(db, gone.stepId, clock.now(), clock.newId);
    await restoreTrash(db, receipt.trashId, clock.now());
    expect(await (await imageBlob(db, gone.id, 'full'))!.text()).toBe('deleted');
    await trashStep(db, gone.stepId, clock.now(), clock.newId);
    await purgeTrash(db, clock.now() + UNDO_WINDOW_MS + 1);
    expect(await fileIds()).toEqual([imageKey(keep.id, 'full'), imageKey(keep.id, 'thumb')].sort());
  });

  it('an import writes files, and an export reads them back byte for byte', async () => {
    await sessionWithSteps(db, clock, 2);
    await moveRowsToFiles(db);
    const bundle = await exportFromDb(db, [(await db.sessions.toCollection().first())!.id]);
    const target = freshDb();
    const targetFiles = memoryImageFiles();
    attachImageFiles(target, targetFiles);
    try {
      const images = bundle.images.map((i) => ({ ...i, mimeType: 'image/jpeg' as const }));
      await importIntoDb(target, { ...bundle, images }, clock.newId, 5);
      expect(await target.images.count()).toBe(0);
      expect(targetFiles.bytes()).toBe(files.bytes());
      const back = await exportFromDb(target, [bundle.sessions[0]!.id]);
      expect(back.images.map((i) => new TextDecoder().decode(i.bytes)).sort()).toEqual(bundle.images.map((i) => new TextDecoder().decode(i.bytes)).sort());
    } finally {
      await target.delete();
    }
  });
});

describe('an import that fails after its files were written', () => {
  type Bundle = Parameters<typeof importIntoDb>[1];
  async function importInto(targetFiles: ReturnType<typeof memoryImageFiles>, change: (bundle: Bundle) => Bundle = (b) => b) {
    await sessionWithSteps(db, clock, 3);
    await moveRowsToFiles(db);
    const bundle = await exportFromDb(db, [(await db.sessions.toCollection().first())!.id]);
    const target = freshDb();
    attachImageFiles(target, targetFiles);
    // An image already there under another key: a failed import must not take it with it.
    await targetFiles.put(imageKey('kept', 'full'), jpeg('kept'));
    const images = bundle.images.map((i) => ({ ...i, mimeType: 'image/jpeg' as const }));
    const outcome = await importIntoDb(target, change({ ...bundle, images }), clock.newId, 5).catch((e: unknown) => e);
    const counts = [await target.sessions.count(), await target.steps.count(), await target.screenshots.count()];
    await target.delete();
    return { outcome, counts, left: (await targetFiles.list()).map((f) => f.id).sort() };
  }

  it('leaves no file behind when its transaction fails', async () => {
    // The same bundle imports whole: six images beside the one already there.
    const whole = await importInto(memoryImageFiles());
    expect(whole.outcome).toEqual({ sessions: 1, steps: 3 });
    expect(whole.left).toHaveLength(7);
    // Two steps with one id: bulkAdd fails the transaction after every file was written.
    const broken = await importInto(memoryImageFiles(), (b) => ({ ...b, steps: b.steps.map((s) => ({ ...s, id: 'same' })) }));
    expect(broken.outcome).toBeInstanceOf(Error);
    expect(broken.counts).toEqual([0, 0, 0]);
    expect(broken.left).toEqual([imageKey('kept', 'full')]);
  });

  it('leaves no file behind when a file fails to write, even while others were still being written', async () => {
    const targetFiles = memoryImageFiles();
    const put = targetFiles.put;
    let calls = 0;
    let finishedAfterFailure = 0;
    let failed = false;
    targetFiles.put = async (id, blob) => {
      if (id.startsWith('kept')) return put(id, blob);
      // The third write fails at once; the others finish later, after the failure.
      if (++calls === 3) {
        failed = true;
        throw new Error('disk full');
      }
      await new Promise((r) => setTimeout(r, 5));
      if (failed) finishedAfterFailure++;
      return put(id, blob);
    };
    const { outcome, counts, left } = await importInto(targetFiles);
    expect((outcome as Error).message).toBe('disk full');
    expect(finishedAfterFailure).toBeGreaterThan(0);
    expect(counts).toEqual([0, 0, 0]);
    expect(left).toEqual([imageKey('kept', 'full')]);
  });
});

describe('the same bundle imported twice at once', () => {
  it('the second is refused before it writes a file, and the first keeps every image', async () => {
    await sessionWithSteps(db, clock, 3);
    await moveRowsToFiles(db);
    const bundle = await exportFromDb(db, [(await db.sessions.toCollection().first())!.id]);
    const images = bundle.images.map((i) => ({ ...i, mimeType: 'image/jpeg' as const }));
    const target = freshDb();
    const targetFiles = memoryImageFiles();
    attachImageFiles(target, targetFiles);
    try {
      // Both plan before either writes: both keep the bundle's own ids.
      const [first, second] = await Promise.allSettled([
        importIntoDb(target, { ...bundle, images }, clock.newId, 5),
        importIntoDb(target, { ...bundle, images: images.map((i) => ({ ...i, bytes: new TextEncoder().encode('other pixels') })) }, clock.newId, 5),
      ]);
      expect(first).toEqual({ status: 'fulfilled', value: { sessions: 1, steps: 3 } });
      expect(second.status).toBe('rejected');
      expect((second as PromiseRejectedResult).reason.error).toMatchObject({ kind: 'internal', detail: expect.stringMatching(/changed while the import was being written/) });
      // Every screenshot the first import stored still has its own bytes, none overwritten or taken back.
      const back = await exportFromDb(target, [bundle.sessions[0]!.id]);
      expect(back.images.map((i) => new TextDecoder().decode(i.bytes)).sort()).toEqual(bundle.images.map((i) => new TextDecoder().decode(i.bytes)).sort());
      expect(targetFiles.bytes()).toBe(files.bytes());
    } finally {
      await target.delete();
    }
  });
});

describe('profiles from before the files', () => {
  it('moves every image row into a file, reading the same pixels before and after', async () => {
    const { steps } = await sessionWithSteps(db, clock, 3);
    const shotId = `shot-${steps[1]!.id}`;
    // Before the move the reader falls back to the row.
    expect(await (await imageBlob(db, shotId, 'full'))!.text()).toBe('px-1-full');
    expect(await moveRowsToFiles(db)).toBe(6);
    expect(await db.images.count()).toBe(0);
    expect(await (await imageBlob(db, shotId, 'full'))!.text()).toBe('px-1-full');
    expect(await moveRowsToFiles(db)).toBe(0);
  });

  it('a redaction burned while rows are being moved is never overwritten by the old row', async () => {
    const { steps } = await sessionWithSteps(db, clock, 1);
    const shotId = `shot-${steps[0]!.id}`;
    const redact: Annotation = { id: 'r', type: 'redact', x: 0.1, y: 0.1, w: 0.2, h: 0.2 };
    const paint = async () => ({ full: jpeg('burned'), thumb: { blob: jpeg('burned thumb'), width: 5, height: 5 } });
    // Both start together; the queue of image writes orders them, whichever goes first.
    await Promise.all([moveRowsToFiles(db), saveAnnotations(db, { paint, now: () => clock.now() }, { screenshotId: shotId, annotations: [redact] })]);
    await moveRowsToFiles(db);
    expect(await (await imageBlob(db, shotId, 'full'))!.text()).toBe('burned');
    expect(await (await imageBlob(db, shotId, 'thumb'))!.text()).toBe('burned thumb');
    expect(await db.images.count()).toBe(0);
  });
});

describe('the sweep of stray files', () => {
  it('removes an old file no record names, keeps young ones, trashed ones and every live one', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const live = await capture(session.id, 'live');
    const trashed = await capture(session.id, 'in the trash');
    await trashStep(db, trashed.stepId, clock.now(), clock.newId);
    // A capture whose transaction failed after its file was written.
    await files.put(imageKey('orphan', 'full'), jpeg('orphan'));
    clock.time += 60 * 60_000;
    await files.put(imageKey('young', 'full'), jpeg('being committed'));
    expect(await sweepStrayFiles(db, null, clock.time, 10 * 60_000)).toBe(1);
    expect(await fileIds()).toEqual(
      [imageKey(live.id, 'full'), imageKey(live.id, 'thumb'), imageKey(trashed.id, 'full'), imageKey(trashed.id, 'thumb'), imageKey('young', 'full')].sort(),
    );
  });

  it('drops the digest of each file it removes, and keeps those of the files it keeps', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const live = await capture(session.id, 'live');
    await files.put(imageKey('orphan', 'full'), jpeg('orphan'));
    // Both hashed, as a publish would have them: the orphan's digest names bytes about to go.
    await imageDigests(db, [imageKey(live.id, 'full'), imageKey('orphan', 'full')]);
    expect((await db.imageDigests.toCollection().primaryKeys()).sort()).toEqual([imageKey(live.id, 'full'), imageKey(live.id, 'thumb'), imageKey('orphan', 'full')].sort());
    clock.time += 60 * 60_000;
    expect(await sweepStrayFiles(db, null, clock.time, 10 * 60_000)).toBe(1);
    expect(await readImage(db, imageKey('orphan', 'full'))).toBeUndefined();
    expect(await db.imageDigests.get(imageKey('orphan', 'full'))).toBeUndefined();
    expect((await db.imageDigests.toCollection().primaryKeys()).sort()).toEqual([imageKey(live.id, 'full'), imageKey(live.id, 'thumb')].sort());
  });
});
