import { describe, expect, it, vi } from 'vitest';
import { createSettleWatch, EMPTY_AUTO_STATE, MAX_AUTO_STEPS_PER_MINUTE, onNavigation, onSettled, type AutoSession, type AutoState, type NavEvent } from '@/lib/capture/auto';

const OWN = 'chrome-extension://abc/';
const session: AutoSession = { id: 's1', status: 'active', autoCapture: true, tabId: 7 };
let tokens = 0;
const nav = (url: string, over: Partial<NavEvent> = {}): NavEvent => ({ kind: 'load', tabId: 7, frameId: 0, url, documentId: `doc-${url}`, at: 1000, ...over });

/** Feeds navigations and settle reports through the decisions, as the worker does; returns the URLs captured. */
function run(script: Array<NavEvent | { settle: number; at?: number }>, s: AutoSession = session) {
  let state: AutoState = EMPTY_AUTO_STATE;
  const armed: string[] = [];
  const captured: string[] = [];
  for (const item of script) {
    if ('settle' in item) {
      // The page armed `settle` arms ago reports (its watch fired).
      const token = armed[armed.length - 1 - item.settle];
      if (!token) continue;
      const d = onSettled(state, s, { token, tabId: 7, at: item.at ?? 2000 });
      state = d.state;
      if (d.capture) captured.push(d.capture.url);
    } else {
      const d = onNavigation(state, s, item, `t${++tokens}`, OWN);
      state = d.state;
      if (d.arm) armed.push(d.arm.token);
    }
  }
  return { captured, state };
}

describe('auto-capture decisions', () => {
  it(`takes at most ${MAX_AUTO_STEPS_PER_MINUTE} steps a minute from a page that calls pushState in a loop, and says why`, () => {
    const doc = { documentId: 'loop', kind: 'route' as const };
    // A route every 2 s for two minutes, each settling: 60 routes.
    const script = Array.from({ length: 60 }, (_, i) => [nav(`https://loop.test/${i}`, { ...doc, at: i * 2000 }), { settle: 0, at: i * 2000 + 600 }]).flat();
    const { captured } = run(script);
    // Ten in the first minute, ten in the second: no more however long the loop runs.
    expect(captured).toHaveLength(2 * MAX_AUTO_STEPS_PER_MINUTE);
    expect(captured.slice(0, 3)).toEqual(['https://loop.test/0', 'https://loop.test/1', 'https://loop.test/2']);
    let state: AutoState = EMPTY_AUTO_STATE;
    const reasons: Array<string | null> = [];
    for (let i = 0; i < MAX_AUTO_STEPS_PER_MINUTE + 1; i++) {
      state = onNavigation(state, session, nav(`https://loop.test/${i}`, doc), `r${i}`, OWN).state;
      const d = onSettled(state, session, { token: `r${i}`, tabId: 7, at: 1000 + i });
      state = d.state;
      reasons.push(d.reason);
    }
    expect(reasons.at(-1)).toBe('rate');
    expect(reasons.slice(0, -1).every((r) => r === null)).toBe(true);
    // Another tab has a cap of its own.
    const other = onNavigation(state, { ...session, tabId: 8 }, nav('https://other.test/', { tabId: 8 }), 'o', OWN).state;
    expect(onSettled(other, { ...session, tabId: 8 }, { token: 'o', tabId: 8, at: 1100 }).reason).toBeNull();
  });

  it('takes each page that settles, once', () => {
    const { captured } = run([nav('https://shop.test/'), { settle: 0 }, { settle: 0 }, nav('https://shop.test/cart'), { settle: 0 }]);
    expect(captured).toEqual(['https://shop.test/', 'https://shop.test/cart']);
  });

  it('takes only the last of pages left before they settled (redirect chains, quick clicks)', () => {
    const { captured } = run([nav('https://shop.test/a'), nav('https://shop.test/b'), { settle: 1 }, nav('https://shop.test/c'), { settle: 0 }, { settle: 1 }]);
    expect(captured).toEqual(['https://shop.test/c']);
  });

  it('treats a route change as a page, but not a router repeating the URL it is on', () => {
    const doc = { documentId: 'spa' };
    const { captured } = run([
      nav('https://app.test/', doc),
      { settle: 0 },
      nav('https://app.test/', { ...doc, kind: 'route' }),
      nav('https://app.test/basket', { ...doc, kind: 'route' }),
      nav('https://app.test/basket', { ...doc, kind: 'route' }),
      { settle: 0 },
    ]);
    expect(captured).toEqual(['https://app.test/', 'https://app.test/basket']);
  });

  it('does not take the open page twice when auto-capture is switched on again', () => {
    const current = nav('https://shop.test/', { kind: 'current' });
    const { captured } = run([current, { settle: 0 }, current, { settle: 0 }]);
    expect(captured).toEqual(['https://shop.test/']);
  });

  it('passes silently over browser pages, our own pages, sub-frames and other tabs', () => {
    const { captured, state } = run([
      nav('chrome://settings/'),
      nav(`${OWN}sidepanel.html`),
      nav('https://ads.test/frame', { frameId: 3 }),
      nav('https://other.test/', { tabId: 8 }),
      nav('https://chromewebstore.google.com/detail/x'),
      { settle: 0 },
    ]);
    expect(captured).toEqual([]);
    expect(state.pending).toBeNull();
  });

  it('never arms a view of a page the browser hides from us (view-source shows the inner URL)', () => {
    const { captured, state } = run([nav('https://shop.test/', { hidden: true }), { settle: 0 }]);
    expect(captured).toEqual([]);
    expect(state.pending).toBeNull();
  });

  it('forgets a waiting page when the shopper moves on to a browser page', () => {
    const { captured } = run([nav('https://shop.test/'), nav('view-source:https://shop.test/'), { settle: 0 }]);
    expect(captured).toEqual([]);
  });

  it('takes nothing while the session is paused, off, or follows another tab', () => {
    for (const s of [{ ...session, status: 'paused' }, { ...session, autoCapture: false }, { ...session, tabId: 9 }, { ...session, autoCapture: undefined }]) {
      expect(run([nav('https://shop.test/'), { settle: 0 }], s).captured).toEqual([]);
    }
  });

  it('consumes the token even when auto-capture was switched off before the page settled', () => {
    let state = onNavigation(EMPTY_AUTO_STATE, session, nav('https://shop.test/'), 'tok', OWN).state;
    const off = onSettled(state, { ...session, autoCapture: false }, { token: 'tok', tabId: 7, at: 2000 });
    expect(off).toMatchObject({ capture: null, reason: 'off' });
    state = off.state;
    expect(onSettled(state, session, { token: 'tok', tabId: 7, at: 2000 })).toMatchObject({ capture: null, reason: 'stale' });
  });

  it('refuses a report from another tab carrying a token it saw', () => {
    const state = onNavigation(EMPTY_AUTO_STATE, session, nav('https://shop.test/'), 'tok', OWN).state;
    expect(onSettled(state, session, { token: 'tok', tabId: 8, at: 2000 }).capture).toBeNull();
  });
});

describe('settle watch', () => {
  function fakeClock() {
    let now = 0;
    let timers: { at: number; fn: () => void; id: number }[] = [];
    let ids = 0;
    return {
      now: () => now,
      schedule: (fn: () => void, ms: number) => {
        const id = ++ids;
        timers.push({ at: now + ms, fn, id });
        return id;
      },
      cancel: (h: unknown) => void (timers = timers.filter((t) => t.id !== h)),
      advance(ms: number) {
        const end = now + ms;
        for (;;) {
          const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
          if (!next) break;
          now = next.at;
          timers = timers.filter((t) => t !== next);
          next.fn();
        }
        now = end;
      },
    };
  }

  it('settles a quiet period after load, not before', () => {
    const clock = fakeClock();
    const settled = vi.fn();
    const watch = createSettleWatch(clock, settled, { quietMs: 500, maxMs: 3000 });
    clock.advance(5000);
    expect(settled).not.toHaveBeenCalled();
    watch.loaded();
    clock.advance(499);
    expect(settled).not.toHaveBeenCalled();
    clock.advance(1);
    expect(settled).toHaveBeenCalledTimes(1);
    clock.advance(10_000);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('waits while the page keeps changing, but no longer than the cap', () => {
    const clock = fakeClock();
    const settled = vi.fn();
    const watch = createSettleWatch(clock, settled, { quietMs: 500, maxMs: 3000 });
    watch.loaded();
    for (let t = 0; t < 2900; t += 100) {
      clock.advance(100);
      watch.activity();
    }
    expect(settled).not.toHaveBeenCalled();
    clock.advance(100);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBe(3000);
  });

  it('settles again for a new route, once', () => {
    const clock = fakeClock();
    const settled = vi.fn();
    const watch = createSettleWatch(clock, settled, { quietMs: 500, maxMs: 3000 });
    watch.loaded();
    clock.advance(600);
    watch.restart();
    clock.advance(300);
    watch.restart();
    clock.advance(499);
    expect(settled).toHaveBeenCalledTimes(1);
    clock.advance(1);
    expect(settled).toHaveBeenCalledTimes(2);
  });
});
