import { restrictedReason } from './restricted';

// Auto-capture: each page the shopper reaches in the audited tab becomes one step, once the page
// has settled. Redirects, a router tidying its URL just after load, and quick clicks through
// pages all collapse into one step per page the shopper actually stopped on.
//
// How it survives a stopped worker: each navigation arms the page with a token (stored in
// storage.session, not in memory) and a tiny watcher in the page that waits for the page to
// settle and then sends the token back; that message wakes the worker if it was stopped. Only
// the latest token is honoured, so a page that was left before it settled never becomes a step,
// and a token is consumed once, so a page never becomes two.

/** What the worker keeps in storage.session between events. */
export interface AutoState {
  /** The page waiting to settle; replaced by each newer navigation of the tab. */
  pending: Pending | null;
  /** The page most recently captured (or skipped), so the same page is not taken twice. */
  last: { tabId: number; documentId: string | null; url: string } | null;
  /** When the latest auto-captures were taken, per tab, for the rate cap (absent in older stored states). */
  recent?: { tabId: number; at: number }[];
}

/**
 * At most this many auto-captured steps per tab per minute. A shopper reading pages does not
 * reach it; a page calling pushState in a loop would otherwise add a step every second for ever.
 */
export const MAX_AUTO_STEPS_PER_MINUTE = 10;
const RATE_WINDOW_MS = 60_000;

export interface Pending {
  token: string;
  sessionId: string;
  tabId: number;
  documentId: string | null;
  url: string;
  kind: 'load' | 'route' | 'current';
  at: number;
}

/** The settle watch's message channel (the schema is in auto-messages.ts, kept out of the page). */
export const PAGE_SETTLED_CHANNEL = 'mystery-shopper-settled';
/** Where the background leaves a page's one-time token for the settle watch to send back. */
export const SETTLE_TOKEN_KEY = '__mysteryShopperSettleToken';

export const EMPTY_AUTO_STATE: AutoState = { pending: null, last: null };

/** The session fields auto-capture looks at. */
export interface AutoSession {
  id: string;
  status: string;
  autoCapture?: boolean;
  tabId?: number | null;
}

/** A navigation of a top-level or sub frame, as webNavigation reports it. */
export interface NavEvent {
  kind: 'load' | 'route' | 'current';
  tabId: number;
  frameId: number;
  url: string;
  documentId?: string;
  at: number;
  /** The browser hides the tab's URL from us: one of its own views (view-source) is showing. */
  hidden?: boolean;
}

export type NavDecision = { state: AutoState; arm: Pending | null };

/**
 * A navigation happened: arm the page when it belongs to the session's tab, else leave things
 * as they were. Pages that can never be captured are dropped silently: a shopper passing
 * through a browser page is not an error.
 */
export function onNavigation(state: AutoState, session: AutoSession | undefined, event: NavEvent, token: string, ownOrigin: string): NavDecision {
  const unchanged = { state, arm: null };
  if (!following(session, event.tabId) || event.frameId !== 0) return unchanged;
  const documentId = event.documentId ?? null;
  // A route event that names the URL already waiting or just captured is a router tidying up
  // (replaceState with the same URL), not a new page.
  const same = (p: { tabId: number; documentId: string | null; url: string } | null) =>
    !!p && p.tabId === event.tabId && p.documentId === documentId && p.url === event.url;
  if (event.kind !== 'load' && (same(state.pending) || same(state.last))) return unchanged;
  if (event.hidden || event.url.startsWith(ownOrigin) || restrictedReason(event.url)) {
    // Still forget what was waiting: that page has gone.
    return { state: { ...state, pending: null }, arm: null };
  }
  const pending: Pending = { token, sessionId: session.id, tabId: event.tabId, documentId, url: event.url, kind: event.kind, at: event.at };
  return { state: { ...state, pending }, arm: pending };
}

export type SettledDecision = { state: AutoState; capture: Pending | null; reason: 'stale' | 'off' | 'rate' | null };

/**
 * A page reported that it settled. Capture it only when its token is the one waiting (a later
 * navigation replaced older ones), the session still follows that tab, and the tab is within
 * its rate cap; the token is consumed either way, so a repeated report changes nothing.
 */
export function onSettled(state: AutoState, session: AutoSession | undefined, report: { token: string; tabId: number; at: number }): SettledDecision {
  const pending = state.pending;
  if (!pending || pending.token !== report.token || pending.tabId !== report.tabId) return { state, capture: null, reason: 'stale' };
  const recent = (state.recent ?? []).filter((r) => report.at - r.at < RATE_WINDOW_MS && r.at <= report.at);
  const next: AutoState = { pending: null, last: { tabId: pending.tabId, documentId: pending.documentId, url: pending.url }, recent };
  if (!following(session, pending.tabId) || session.id !== pending.sessionId) return { state: next, capture: null, reason: 'off' };
  if (recent.filter((r) => r.tabId === pending.tabId).length >= MAX_AUTO_STEPS_PER_MINUTE) return { state: next, capture: null, reason: 'rate' };
  return { state: { ...next, recent: [...recent, { tabId: pending.tabId, at: report.at }] }, capture: pending, reason: null };
}

function following(session: AutoSession | undefined, tabId: number): session is AutoSession {
  return !!session && session.status === 'active' && session.autoCapture === true && session.tabId === tabId;
}

/** Timers the settle watch runs on: the page's own in the browser, fake ones in tests. */
export interface SettleClock {
  now(): number;
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export const SETTLE_QUIET_MS = 500;
export const SETTLE_MAX_MS = 3000;

/**
 * Runs in the page. The page has settled once it has loaded and then gone `quietMs` without a
 * DOM change, or `maxMs` after it loaded however busy it stays (a ticking clock or a spinner
 * must not hold the step back for ever). `restart` begins again for a new route.
 */
export function createSettleWatch(clock: SettleClock, onSettled: () => void, { quietMs = SETTLE_QUIET_MS, maxMs = SETTLE_MAX_MS } = {}) {
  let loaded = false;
  let done = false;
  let startedAt = 0;
  let quiet: unknown = null;
  let cap: unknown = null;
  const stop = () => {
    if (quiet !== null) clock.cancel(quiet);
    if (cap !== null) clock.cancel(cap);
    quiet = cap = null;
  };
  const fire = () => {
    if (done) return;
    done = true;
    stop();
    onSettled();
  };
  const begin = () => {
    stop();
    done = false;
    startedAt = clock.now();
    quiet = clock.schedule(fire, quietMs);
    cap = clock.schedule(fire, maxMs);
  };
  return {
    /** The document finished loading (or had already). */
    loaded() {
      if (loaded) return;
      loaded = true;
      begin();
    },
    /** The DOM changed: wait for quiet again, within the cap. */
    activity() {
      if (!loaded || done) return;
      if (quiet !== null) clock.cancel(quiet);
      quiet = clock.schedule(fire, Math.max(0, Math.min(quietMs, startedAt + maxMs - clock.now())));
    },
    /** A new route in the same document: settle again from now. */
    restart() {
      if (loaded) begin();
    },
    dispose: stop,
  };
}
