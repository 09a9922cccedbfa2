import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { captureVisibleStep, type CaptureDeps } from '@/lib/capture/pipeline';
import { createThumbnailer, makeThumbnail, missingThumbnails } from '@/lib/capture/thumbnails';
import { imageKey } from '@/lib/schemas';
import { restoreTrash, trashStep } from '@/lib/step/trash';
import { startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh), 6_000_000);

const probe = { url: 'https://shop.example.com/', title: 'Shop', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 };

/** A capture whose worker is stopped right after the commit's reply: nobody makes the thumbnail. */
async function captureThenStop(later?: (ids: string[]) => void) {
  const session = await startSession(db, newSessionInput(), environment, clock);
  const deps: CaptureDeps = {
    probePage: async () => probe,
    captureVisibleTab: async () => new Blob(['captured jpeg'], { type: 'image/jpeg' }),
    stored: async (raw) => ({ blob: raw, width: 1280, height: 800 }),
    thumbnailsLater: later,
    now: () => clock.now(),
    newId: () => clock.newId(),
  };
  const { step } = await captureVisibleStep(db, deps, { sessionId: session.id, tabId: 1, windowId: 1 });
  const [shot] = await db.screenshots.where('stepId').equals(step.id).toArray();
  return { session, step, shot: shot! };
}

const drawThumb = vi.fn(async (full: Blob) => ({ blob: new Blob([`thumbnail of ${full.size} bytes`], { type: 'image/jpeg' }), width: 320, height: 200 }));
const thumbDeps = () => ({ drawThumb, now: () => clock.now() });

describe('thumbnails made after the reply', () => {
  it('a worker stopped between the commit and the thumbnail loses nothing: the next start makes it', async () => {
    const { session, shot } = await captureThenStop();
    expect(shot.thumbBytes).toBe(0);
    expect(await missingThumbnails(db)).toEqual([shot.id]);

    clock.time += 60_000;
    // The worker's next start.
    expect(await createThumbnailer(db, thumbDeps()).sweep()).toBe(1);
    const thumb = await db.images.get(imageKey(shot.id, 'thumb'));
    expect(thumb?.blob.size).toBe(new Blob(['thumbnail of 13 bytes']).size);
    expect(await db.screenshots.get(shot.id)).toMatchObject({ thumbWidth: 320, thumbHeight: 200, thumbBytes: thumb!.blob.size });
    // The library's summary of the session is rebuilt (it counts the thumbnail's bytes).
    expect((await db.sessions.get(session.id))?.updatedAt).toBe(clock.now());

    // A second start finds nothing to do.
    drawThumb.mockClear();
    expect(await createThumbnailer(db, thumbDeps()).sweep()).toBe(0);
    expect(drawThumb).not.toHaveBeenCalled();
  });

  it('makes the thumbnail once the reply is out, not before', async () => {
    const thumbnails = createThumbnailer(db, thumbDeps());
    const { shot } = await captureThenStop(thumbnails.later);
    // The capture has returned (its reply may go) and the thumbnail is not there yet.
    expect(await db.images.get(imageKey(shot.id, 'thumb'))).toBeUndefined();
    await vi.waitFor(async () => expect((await db.screenshots.get(shot.id))?.thumbBytes).toBeGreaterThan(0));
    expect(await missingThumbnails(db)).toEqual([]);
  });

  it('writes nothing for a screenshot deleted before its thumbnail was made, and makes it once restored', async () => {
    const { step, shot } = await captureThenStop();
    const receipt = await trashStep(db, step.id, clock.now(), () => clock.newId());
    expect(await makeThumbnail(db, thumbDeps(), shot.id)).toBe(false);
    expect(await db.images.get(imageKey(shot.id, 'thumb'))).toBeUndefined();
    expect(await missingThumbnails(db)).toEqual([]);
    await restoreTrash(db, receipt.trashId, clock.now());
    expect(await createThumbnailer(db, thumbDeps()).sweep()).toBe(1);
    expect(await missingThumbnails(db)).toEqual([]);
  });

  it('keeps a thumbnail drawn meanwhile by an annotation save rather than its own', async () => {
    const { shot } = await captureThenStop();
    const slow = vi.fn(async (full: Blob) => {
      // An annotation save lands while this thumbnail is being drawn.
      await db.images.put({ id: imageKey(shot.id, 'thumb'), screenshotId: shot.id, variant: 'thumb', blob: new Blob(['annotated']) });
      await db.screenshots.update(shot.id, { thumbBytes: 9 });
      return drawThumb(full);
    });
    expect(await makeThumbnail(db, { drawThumb: slow, now: () => clock.now() }, shot.id)).toBe(false);
    expect((await db.images.get(imageKey(shot.id, 'thumb')))?.blob.size).toBe(9);
    expect((await db.screenshots.get(shot.id))?.thumbBytes).toBe(9);
  });

  it('one failed thumbnail does not stop the others, and is tried again at the next sweep', async () => {
    const a = await captureThenStop();
    clock.time += 1_000;
    const b = await captureThenStop();
    const failing = vi.fn(async (full: Blob) => {
      if (failing.mock.calls.length === 1) throw new Error('decode failed');
      return drawThumb(full);
    });
    const errors: unknown[] = [];
    expect(await createThumbnailer(db, { drawThumb: failing, now: () => clock.now() }, (e) => errors.push(e)).sweep()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(await missingThumbnails(db)).toHaveLength(1);
    expect(await createThumbnailer(db, thumbDeps()).sweep()).toBe(1);
    expect(await missingThumbnails(db)).toEqual([]);
    expect([a.shot.id, b.shot.id].sort()).toEqual((await db.images.toArray()).filter((i) => i.variant === 'thumb').map((i) => i.screenshotId).sort());
  });
});
