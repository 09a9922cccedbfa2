import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import type { PageSeam } from '@/lib/browser/page';
import { CANCELLED, captureFullPageStep, type FullPageDeps } from '@/lib/capture/full-page-step';
import type { Part, Strip } from '@/lib/capture/fullpage';
import { DomRenderResultSchema, PageMetricsSchema, parsePageResult, type PageMetrics } from '@/lib/capture/page-scripts';
import type { PageProbe } from '@/lib/step/commit';
import { startSession } from '@/lib/session/lifecycle';
import { countAll, environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh), 7_000_000);

const probe: PageProbe = { url: 'https://shop.example.com/long', title: 'Long', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 };
const metrics = (pageHeight: number, scroller: PageMetrics['scroller'] = null): PageMetrics => ({
  pageHeight,
  viewport: { width: 1280, height: 800, contentHeight: 800 },
  scrollY: 0,
  devicePixelRatio: 1,
  scroller,
});
const image = (height: number) => ({ blob: new Blob(['x'], { type: 'image/jpeg' }), width: 1280, height });

function fakeDeps(pageHeight: number, scroller: PageMetrics['scroller'] = null) {
  const strips: Strip[] = [];
  let parts: Part[] = [];
  const page = {
    measure: vi.fn(async () => metrics(pageHeight, scroller)),
    prepare: vi.fn(async () => undefined),
    scrollTo: vi.fn(async (_tab: number, y: number, _hideFixed: boolean) => y),
    restore: vi.fn(async () => undefined),
    renderDom: vi.fn(async () => ({ blob: new Blob(['dom'], { type: 'image/jpeg' }), scale: 1 })),
  } satisfies PageSeam;
  const deps: FullPageDeps = {
    probePage: vi.fn(async () => probe),
    captureVisibleTab: vi.fn(async () => new Blob(['raw'], { type: 'image/jpeg' })),
    encode: vi.fn(async () => ({ full: image(pageHeight), thumb: { ...image(200), width: 320 } })),
    now: () => clock.now(),
    newId: () => clock.newId(),
    page,
    stitcher: (p) => {
      parts = p;
      return {
        add: async (_blob, place) => {
          const strip = place({ width: 1280, height: 800 });
          if (strip) strips.push(strip);
        },
        finish: async (covered) => parts.filter((x) => x.start < covered).map((x) => ({ full: image(Math.min(x.end, covered) - x.start), thumb: { ...image(200), width: 320 } })),
      };
    },
  };
  return { deps, page, strips };
}

const target = async () => ({ sessionId: (await startSession(db, newSessionInput(), environment, clock)).id, tabId: 4, windowId: 1 });

async function failure(promise: Promise<unknown>) {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppFailure);
  return (e as AppFailure).error;
}

describe('captureFullPageStep', () => {
  it('scrolls viewport by viewport, hides fixed elements after the first, and commits one full-page screenshot', async () => {
    const { deps, page, strips } = fakeDeps(5200);
    const progress = vi.fn();
    const step = await captureFullPageStep(db, deps, await target(), { method: 'auto', progress });
    expect(page.scrollTo.mock.calls.map((c) => [c[1], c[2]])).toEqual([[0, false], [800, true], [1600, true], [2400, true], [3200, true], [4000, true], [4400, true]]);
    expect(strips.at(-1)).toEqual({ srcY: 400, destY: 4800, height: 400 });
    expect(page.restore).toHaveBeenCalledOnce();
    expect(progress).toHaveBeenLastCalledWith(7, 7);
    const shots = await db.screenshots.where('stepId').equals(step.id).toArray();
    expect(shots).toMatchObject([{ kind: 'full-page', height: 5200, part: null }]);
  });

  it('stores a page taller than a canvas holds as parts of one step, in order', async () => {
    const { deps } = fakeDeps(40_000);
    const step = await captureFullPageStep(db, deps, await target(), { method: 'scroll' });
    const shots = (await db.screenshots.where('stepId').equals(step.id).toArray()).sort((a, b) => a.createdAt - b.createdAt);
    expect(shots.length).toBeGreaterThan(1);
    expect(shots.map((s) => s.part)).toEqual(shots.map((_, i) => ({ index: i + 1, count: shots.length })));
    expect(shots.reduce((sum, s) => sum + s.height, 0)).toBe(40_000);
    expect(await db.steps.count()).toBe(1);
  });

  it('cancelled mid-way: nothing is written and the page is restored', async () => {
    const { deps, page } = fakeDeps(8000);
    const t = await target();
    const before = await countAll(db);
    const abort = new AbortController();
    vi.mocked(deps.captureVisibleTab).mockImplementation(async () => {
      if (page.scrollTo.mock.calls.length === 3) abort.abort();
      return new Blob(['raw'], { type: 'image/jpeg' });
    });
    const error = await failure(captureFullPageStep(db, deps, t, { method: 'auto', signal: abort.signal }));
    expect(error).toEqual({ kind: 'capture-failed', detail: CANCELLED });
    expect(page.scrollTo).toHaveBeenCalledTimes(3);
    expect(page.restore).toHaveBeenCalledOnce();
    expect(await countAll(db)).toEqual(before);
  });

  it('a capture that fails half-way restores the page and writes nothing', async () => {
    const { deps, page } = fakeDeps(4000);
    const t = await target();
    const before = await countAll(db);
    vi.mocked(deps.captureVisibleTab).mockResolvedValueOnce(new Blob(['a'])).mockRejectedValueOnce(new AppFailure({ kind: 'no-tab' }));
    expect(await failure(captureFullPageStep(db, deps, t, { method: 'auto' }))).toEqual({ kind: 'no-tab' });
    expect(page.restore).toHaveBeenCalledOnce();
    expect(await countAll(db)).toEqual(before);
  });

  it('renders the DOM when only an inner element scrolls, unless stitching is asked for', async () => {
    const inner = { scrollHeight: 5000, clientHeight: 700 };
    const auto = fakeDeps(800, inner);
    const step = await captureFullPageStep(db, auto.deps, await target(), { method: 'auto' });
    expect(auto.page.renderDom).toHaveBeenCalledOnce();
    expect(auto.page.scrollTo).not.toHaveBeenCalled();
    expect(await db.screenshots.where('stepId').equals(step.id).toArray()).toMatchObject([{ kind: 'dom' }]);

    const scroll = fakeDeps(800, inner);
    await captureFullPageStep(db, scroll.deps, await target(), { method: 'scroll' });
    expect(scroll.page.renderDom).not.toHaveBeenCalled();
  });
});

describe('what the page returns', () => {
  it('is refused, with a typed error, when a hostile page tampers with it', () => {
    const bad = [null, 'x', { ...metrics(100), pageHeight: -5 }, { ...metrics(100), devicePixelRatio: 1e9 }, { ...metrics(100), pageHeight: Infinity }];
    for (const raw of bad) expect(() => parsePageResult(PageMetricsSchema, raw, 'measuring it')).toThrow(AppFailure);
    expect(() => parsePageResult(DomRenderResultSchema, { ok: true, dataUrl: 'javascript:alert(1)', scale: 1 }, 'rendering it')).toThrow(AppFailure);
  });

  it('cuts a renderer error message to a sentence', () => {
    const parsed = parsePageResult(DomRenderResultSchema, { ok: false, error: 'x'.repeat(10_000) }, 'rendering it');
    expect(parsed.ok === false && parsed.error.length).toBe(300);
  });
});
