import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { captureVisibleStep, parseProbe, type CaptureDeps } from '@/lib/capture/pipeline';
import { type PageProbe } from '@/lib/step/commit';
import { imageKey } from '@/lib/schemas';
import { attachImageFiles, memoryImageFiles } from '@/lib/storage/images';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { countAll, environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh), 5_000_000);

const probe: PageProbe = { url: 'https://shop.example.com/cart', title: 'Your cart', viewport: { width: 1280, height: 720 }, devicePixelRatio: 2 };
const fullBlob = new Blob(['full-image-bytes'], { type: 'image/jpeg' });

function fakeDeps(overrides: Partial<CaptureDeps> = {}): CaptureDeps {
  return {
    probePage: vi.fn(async () => probe),
    captureVisibleTab: vi.fn(async () => new Blob(['raw'], { type: 'image/jpeg' })),
    stored: vi.fn(async () => ({ blob: fullBlob, width: 2560, height: 1440 })),
    thumbnailsLater: vi.fn(),
    now: () => clock.now(),
    newId: () => clock.newId(),
    ...overrides,
  };
}

async function activeSession() {
  return startSession(db, newSessionInput(), environment, clock);
}

async function expectFailure(promise: Promise<unknown>, kind: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).error.kind).toBe(kind);
}

describe('captureVisibleStep', () => {
  it('commits a step, its screenshot and the full image, and leaves the thumbnail for after the reply', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const deps = fakeDeps();
    const { step } = await captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1 });

    expect(await countAll(db)).toEqual({ ...before, steps: 1, screenshots: 1, images: 1 });
    expect(await db.steps.get(step.id)).toEqual(step);
    expect(step).toMatchObject({
      sessionId: session.id,
      position: 0,
      sincePreviousMs: null,
      url: probe.url,
      pageTitle: probe.title,
      viewport: probe.viewport,
      devicePixelRatio: 2,
      capturedAt: 5_000_000,
      stageId: session.stages[0]!.id,
    });

    const [shot] = await db.screenshots.where('stepId').equals(step.id).toArray();
    expect(shot).toMatchObject({
      sessionId: session.id,
      kind: 'visible',
      mimeType: 'image/jpeg',
      width: 2560,
      height: 1440,
      bytes: fullBlob.size,
      // The size the thumbnail will have; no bytes until it is made.
      thumbWidth: 320,
      thumbHeight: 180,
      thumbBytes: 0,
    });
    const full = await db.images.get(imageKey(shot!.id, 'full'));
    expect(full?.blob.size).toBe(fullBlob.size);
    expect(await db.images.get(imageKey(shot!.id, 'thumb'))).toBeUndefined();
    expect(deps.thumbnailsLater).toHaveBeenCalledWith([shot!.id]);
    expect((await db.sessions.get(session.id))?.updatedAt).toBe(5_000_000);
  });

  it("sends the pixels to the page that asked before storing them, under the stored screenshot's id, and replies with the stored records", async () => {
    const session = await activeSession();
    const seen: { screenshotId: string; dataUrl: string; stepsThen: number }[] = [];
    const deps = fakeDeps({
      captureVisibleTab: vi.fn(async (_windowId: number, asDataUrl?: (url: string) => void) => {
        asDataUrl?.('data:image/jpeg;base64,cmF3');
        return new Blob(['raw'], { type: 'image/jpeg' });
      }),
    });
    const preview = vi.fn((p: { screenshotId: string; dataUrl: string }) => void db.steps.count().then((n) => seen.push({ ...p, stepsThen: n })));

    const { step, shots } = await captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1, preview });

    expect(preview).toHaveBeenCalledTimes(1);
    // Before the commit: nothing stored yet when the page heard of the pixels.
    expect(seen).toEqual([{ screenshotId: shots[0]!.id, dataUrl: 'data:image/jpeg;base64,cmF3', stepsThen: 0 }]);
    expect(await db.screenshots.where('stepId').equals(step.id).toArray()).toEqual(shots);
    expect(await db.steps.get(step.id)).toEqual(step);
  });

  it('stores nothing when the disk room read beside the capture refuses its bytes, though the pixels were previewed', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const refuse = vi.fn((bytes: number) => {
      if (bytes > 0) throw new AppFailure({ kind: 'storage-full' });
    });
    const deps = fakeDeps({
      captureVisibleTab: vi.fn(async (_windowId: number, asDataUrl?: (url: string) => void) => {
        asDataUrl?.('data:image/jpeg;base64,cmF3');
        return new Blob(['raw'], { type: 'image/jpeg' });
      }),
      roomCheck: vi.fn(async () => refuse),
    });
    const preview = vi.fn();
    await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1, preview }), 'storage-full');
    expect(preview).toHaveBeenCalledTimes(1);
    expect(refuse).toHaveBeenCalledWith(fullBlob.size);
    expect(await countAll(db)).toEqual(before);
    expect(deps.thumbnailsLater).not.toHaveBeenCalled();
  });

  it('numbers steps in order and records the time since the previous one', async () => {
    const session = await activeSession();
    const target = { sessionId: session.id, tabId: 3, windowId: 1 };
    const deps = fakeDeps();
    const times = [5_000_000, 5_004_500, 5_064_500];
    const steps = [];
    for (const t of times) {
      clock.time = t;
      steps.push((await captureVisibleStep(db, deps, target)).step);
    }
    expect(steps.map((s) => s.position)).toEqual([0, 1, 2]);
    expect(steps.map((s) => s.sincePreviousMs)).toEqual([null, times[1]! - times[0]!, times[2]! - times[1]!]);
    expect(await db.steps.count()).toBe(3);
  });

  it('keeps numbering per session', async () => {
    const a = await activeSession();
    await captureVisibleStep(db, fakeDeps(), { sessionId: a.id, tabId: 1, windowId: 1 });
    const b = await activeSession(); // pauses a
    const { step: first } = await captureVisibleStep(db, fakeDeps(), { sessionId: b.id, tabId: 1, windowId: 1 });
    expect(first.position).toBe(0);
    expect(first.sincePreviousMs).toBeNull();
  });

  it('creates nothing when the probe throws restricted-page', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const deps = fakeDeps({
      probePage: vi.fn(async () => {
        throw new AppFailure({ kind: 'restricted-page', url: 'chrome://settings', reason: 'it is a browser page' });
      }),
    });
    await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1 }), 'restricted-page');
    expect(await countAll(db)).toEqual(before);
    expect(deps.stored).not.toHaveBeenCalled();
    expect(deps.thumbnailsLater).not.toHaveBeenCalled();
  });

  it('creates nothing when the probe reports chrome://newtab', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const deps = fakeDeps({ probePage: vi.fn(async () => ({ ...probe, url: 'chrome://newtab/' })) });
    await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1 }), 'restricted-page');
    expect(await countAll(db)).toEqual(before);
  });

  it('creates nothing when the capture itself fails', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const deps = fakeDeps({ captureVisibleTab: vi.fn(async () => Promise.reject(new AppFailure({ kind: 'capture-failed', detail: 'x' }))) });
    await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1 }), 'capture-failed');
    expect(await countAll(db)).toEqual(before);
  });

  it('refuses a paused or completed session and creates nothing', async () => {
    const session = await activeSession();
    for (const status of ['paused', 'completed'] as const) {
      await setSessionStatus(db, session.id, status, clock.now());
      const before = await countAll(db);
      const deps = fakeDeps();
      await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1 }), 'session-not-active');
      expect(await countAll(db)).toEqual(before);
    }
  });

  it('creates nothing when the tab check beside the capture fails, though the pixels came back', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const deps = fakeDeps();
    const check = Promise.reject(new AppFailure({ kind: 'capture-failed', detail: 'the audited tab is not the visible one' }));
    await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1, check }), 'capture-failed');
    expect(deps.captureVisibleTab).toHaveBeenCalled();
    expect(await countAll(db)).toEqual(before);
  });

  it("opens the image's file while the browser captures, fills it on commit, and lets an unfilled one go when the capture fails", async () => {
    const files = memoryImageFiles();
    const opened: string[] = [];
    const released: string[] = [];
    attachImageFiles(db, { ...files, prepare: (id) => void opened.push(id), unprepare: async (id) => void released.push(id) });
    const session = await activeSession();
    const { shots } = await captureVisibleStep(db, fakeDeps(), { sessionId: session.id, tabId: 3, windowId: 1 });
    const stored = imageKey(shots[0]!.id, 'full');
    expect(opened).toEqual([stored]);
    expect((await files.get(stored))?.size).toBe(fullBlob.size);

    const failing = fakeDeps({ captureVisibleTab: vi.fn(async () => Promise.reject(new AppFailure({ kind: 'capture-failed', detail: 'x' }))) });
    await expectFailure(captureVisibleStep(db, failing, { sessionId: session.id, tabId: 3, windowId: 1 }), 'capture-failed');
    await vi.waitFor(() => expect(released).toHaveLength(2));
    // The failed capture's file was opened and let go; nothing of it was written.
    expect(released[1]).toBe(opened[1]);
    expect(await files.list()).toHaveLength(1);
  });

  it('refuses a session that does not exist', async () => {
    await expectFailure(captureVisibleStep(db, fakeDeps(), { sessionId: 'missing', tabId: 3, windowId: 1 }), 'not-found');
    expect(await countAll(db)).toEqual({ sessions: 0, steps: 0, screenshots: 0, images: 0 });
  });

  it('creates nothing when the session is paused while the capture is in flight', async () => {
    const session = await activeSession();
    const before = await countAll(db);
    const deps = fakeDeps({
      stored: vi.fn(async () => {
        await setSessionStatus(db, session.id, 'paused', clock.now());
        return { blob: fullBlob, width: 10, height: 10 };
      }),
    });
    await expectFailure(captureVisibleStep(db, deps, { sessionId: session.id, tabId: 3, windowId: 1 }), 'session-not-active');
    expect(await countAll(db)).toEqual(before);
  });
});

describe('parseProbe', () => {
  function expectCaptureFailed(raw: unknown) {
    let error: unknown = null;
    try {
      parseProbe(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error.kind).toBe('capture-failed');
  }

  it('passes a well-formed probe through unchanged', () => {
    expect(parseProbe({ ...probe })).toEqual(probe);
  });

  it('cuts an over-long title and URL instead of refusing them', () => {
    const title = 'T'.repeat(50_000);
    const url = 'https://shop.example.com/?q=' + 'x'.repeat(9_000 - 'https://shop.example.com/?q='.length);
    expect(url).toHaveLength(9_000);
    const parsed = parseProbe({ ...probe, title, url });
    expect(parsed.title).toBe(title.slice(0, 1_000));
    expect(parsed.title).toHaveLength(1_000);
    expect(parsed.url).toBe(url.slice(0, 8_000));
    expect(parsed.url).toHaveLength(8_000);
  });

  it('refuses something that is not an object, or has no viewport, with capture-failed', () => {
    for (const raw of [null, undefined, 'https://shop.example.com/', 42, []]) expectCaptureFailed(raw);
    const { viewport: _viewport, ...withoutViewport } = probe;
    expectCaptureFailed(withoutViewport);
    expectCaptureFailed({ ...probe, viewport: null });
  });
});
