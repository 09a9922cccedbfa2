import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { captureElementStep, parsePickOutcome, type ElementCaptureDeps } from '@/lib/capture/element';
import { captureVisibleStep } from '@/lib/capture/pipeline';
import { type PageProbe } from '@/lib/step/commit';
import { startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh), 7_000_000);

const probe: PageProbe = { url: 'https://shop.example.com/product', title: 'Trail Jacket', viewport: { width: 1280, height: 800 }, devicePixelRatio: 2 };
const picked = { kind: 'picked', rect: { x: 10, y: 20, w: 100, h: 40 }, clipped: false, viewport: { width: 1280, height: 800 }, devicePixelRatio: 2 };

function fakeDeps(answer: unknown = picked): ElementCaptureDeps {
  return {
    probePage: vi.fn(async () => probe),
    captureVisibleTab: vi.fn(async () => new Blob(['raw'], { type: 'image/jpeg' })),
    stored: vi.fn(async () => ({ blob: new Blob(['f'], { type: 'image/jpeg' }), width: 2560, height: 1600 })),
    pick: vi.fn(async () => answer),
    encodeCrop: vi.fn(async (_raw, rect, _viewport, dpr) => ({
      full: { blob: new Blob(['crop'], { type: 'image/jpeg' }), width: rect.w * dpr, height: rect.h * dpr },
      thumb: { blob: new Blob(['t'], { type: 'image/jpeg' }), width: 200, height: 80 },
      scale: dpr,
    })),
    now: () => clock.now(),
    newId: () => clock.newId(),
  };
}

const target = (sessionId: string, extra: { intoStepId?: string; mode?: 'element' | 'region' } = {}) => ({ sessionId, tabId: 4, windowId: 1, mode: extra.mode ?? ('element' as const), ...extra });

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).error;
}

describe('captureElementStep', () => {
  it('commits a new step whose one screenshot is the element, at its size × DPR', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const deps = fakeDeps();
    const previews: unknown[] = [];
    const { step, clipped, shots: replied } = await captureElementStep(db, deps, { ...target(session.id), preview: (p) => void previews.push(p) });
    expect(clipped).toBe(false);
    expect(deps.encodeCrop).toHaveBeenCalledWith(expect.any(Blob), picked.rect, picked.viewport, 2);
    const shots = await db.screenshots.where('stepId').equals(step.id).toArray();
    expect(shots).toHaveLength(1);
    expect(shots[0]).toMatchObject({ kind: 'element', width: 200, height: 80, devicePixelRatio: 2 });
    // The reply carries the stored records, and the page that asked was sent the stored thumbnail's
    // bytes under the stored screenshot's id, to decode while the commit ran.
    expect(replied).toEqual(shots);
    expect(previews).toEqual([{ screenshotId: shots[0]!.id, dataUrl: `data:image/jpeg;base64,${btoa('t')}` }]);
    expect(step).toMatchObject({ url: probe.url, pageTitle: probe.title, position: 0 });
  });

  it('adds a region close-up to an existing step: two screenshots, still one step', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const deps = fakeDeps({ ...picked, rect: { x: 0, y: 0, w: 300, h: 200 } });
    const { step: first } = await captureVisibleStep(db, deps, { sessionId: session.id, tabId: 4, windowId: 1 });
    const { step } = await captureElementStep(db, deps, target(session.id, { intoStepId: first.id, mode: 'region' }));
    expect(step.id).toBe(first.id);
    expect(await db.steps.count()).toBe(1);
    const shots = await db.screenshots.where('stepId').equals(first.id).sortBy('createdAt');
    expect(shots.map((s) => [s.kind, s.width, s.height])).toEqual([
      ['visible', 2560, 1600],
      ['region', 600, 400],
    ]);
  });

  it('writes nothing when the shopper cancels, and says so with its own kind', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const before = await snapshotDb(db);
    const deps = fakeDeps({ kind: 'cancelled', reason: 'user' });
    expect(await failureOf(captureElementStep(db, deps, target(session.id)))).toEqual({ kind: 'capture-cancelled', reason: 'user' });
    expect(deps.captureVisibleTab).not.toHaveBeenCalled();
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('refuses before picking when the step to add to is not in the session', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const deps = fakeDeps();
    expect(await failureOf(captureElementStep(db, deps, target(session.id, { intoStepId: 'nope' })))).toEqual({ kind: 'not-found', what: 'step' });
    expect(deps.pick).not.toHaveBeenCalled();
  });

  it('refuses a close-up that would cross the disk reserve, read while the browser captured: nothing is stored', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const before = await snapshotDb(db);
    const refuse = (bytes: number) => {
      if (bytes > 0) throw new AppFailure({ kind: 'storage-full' });
    };
    const deps = { ...fakeDeps(), roomCheck: vi.fn(async () => refuse) };
    expect((await failureOf(captureElementStep(db, deps, target(session.id)))).kind).toBe('storage-full');
    expect(deps.roomCheck).toHaveBeenCalledTimes(1);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('refuses a pick that covers no pixel of the capture', async () => {
    const session = await startSession(db, newSessionInput(), environment, clock);
    const deps = { ...fakeDeps(), encodeCrop: vi.fn(async () => null) };
    expect((await failureOf(captureElementStep(db, deps, target(session.id)))).kind).toBe('capture-failed');
    expect(await db.steps.count()).toBe(0);
  });
});

describe('parsePickOutcome (the page answers; it may be hostile)', () => {
  it('treats a page that went away as a cancel', () => {
    expect(parsePickOutcome(undefined)).toEqual({ kind: 'cancelled', reason: 'page-left' });
  });
  it.each([
    ['a string', 'picked'],
    ['an infinite rect', { ...picked, rect: { x: 0, y: 0, w: Infinity, h: 1 } }],
    ['a negative size', { ...picked, rect: { x: 0, y: 0, w: -5, h: 1 } }],
    ['an absurd DPR', { ...picked, devicePixelRatio: 1000 }],
    ['an unknown reason', { kind: 'cancelled', reason: '<img onerror=alert(1)>' }],
  ])('refuses %s', (_what, raw) => {
    expect(() => parsePickOutcome(raw)).toThrow(AppFailure);
  });
});
