import { browser, type Browser } from 'wxt/browser';
import type { AppDB } from '../db';
import { activeSession } from '../db/queries';
import { AppFailure, toAppError, type AppError } from '../errors';
import { EMPTY_AUTO_STATE, onNavigation, onSettled, SETTLE_TOKEN_KEY, type AutoState, type NavEvent, type Pending } from '../capture/auto';
import { PageSettledSchema } from '../capture/auto-messages';
import { watchPageErrors } from './page-context';
import { serialQueue } from '../serial';
import { forgetAuditedTabs } from '../session/tabs';

// The browser side of auto-capture (the decisions are in lib/capture/auto.ts): webNavigation
// events of the audited tab in, armed pages and captures out. State lives in storage.session so
// that a worker stopped between a page load and its capture picks up where it was.

const STATE_KEY = 'autoCapture';

export interface AutoCaptureDeps {
  db: AppDB;
  ownOrigin: string;
  newId(): string;
  now(): number;
  /** Captures the tab as a new step of the session (the Capture button's path). */
  capture(tabId: number, sessionId: string): Promise<unknown>;
  /** Tells open pages that a page was left out, and why. */
  skipped(url: string, error: AppError): void;
}

// One event at a time within this worker's life: each reads and writes the stored state.
const serially = serialQueue();

async function loadState(): Promise<AutoState> {
  const stored = (await browser.storage.session.get(STATE_KEY))[STATE_KEY] as AutoState | undefined;
  return stored ?? EMPTY_AUTO_STATE;
}
const saveState = (state: AutoState) => browser.storage.session.set({ [STATE_KEY]: state });

const ARM_TIMEOUT_MS = 1500;
const ARM_ATTEMPTS = 4;

/**
 * Puts the token and the settle watch into the armed page; a page that refuses is skipped.
 * Chrome sometimes leaves a script sent at commit unanswered (seen right after a view-source
 * page), so each attempt has a deadline and is tried again while the page is still the one
 * waiting; arming twice only restarts the watch.
 */
async function armPage(pending: Pending) {
  const target = pending.documentId ? { tabId: pending.tabId, documentIds: [pending.documentId] } : { tabId: pending.tabId };
  for (let attempt = 1; attempt <= ARM_ATTEMPTS; attempt++) {
    try {
      await withDeadline(
        (async () => {
          await browser.scripting.executeScript({
            target,
            injectImmediately: true,
            func: (key: string, token: string) => void ((globalThis as unknown as Record<string, string>)[key] = token),
            args: [SETTLE_TOKEN_KEY, pending.token],
          });
          await browser.scripting.executeScript({ target, injectImmediately: true, files: ['/settle-watch.js'] });
        })(),
      );
      return;
    } catch (e) {
      // The page went away, or the browser will not let us in (a PDF, an error page): nothing to capture.
      if (!/deadline/.test(String(e))) return;
      const { pending: now } = await loadState();
      if (now?.token !== pending.token) return;
    }
  }
}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('deadline')), ARM_TIMEOUT_MS)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function startAutoCapture(deps: AutoCaptureDeps) {
  const { db } = deps;

  async function navigated(event: NavEvent) {
    // Sub-frames (ads, widgets) are never pages of the journey: skip them before any read.
    if (event.frameId !== 0) return;
    const session = await activeSession(db);
    const audited = session?.tabId === event.tabId;
    if (audited && event.kind !== 'route') {
      // A script sent into a view-source page never answers and holds up every later one into the
      // tab. webNavigation names such a page by the URL it shows the source of, but the tab does
      // not let us see its URL: inject only where the tab shows the URL the event names.
      const tab = await browser.tabs.get(event.tabId).catch(() => undefined);
      if (!tab || (tab.url !== event.url && tab.pendingUrl !== event.url)) event = { ...event, hidden: true };
      // JavaScript errors are watched in the audited tab from each page's start, whether or not
      // auto-capture is on, so that any capture of the page can say what it threw.
      else if (event.kind === 'load') void watchPageErrors(event.tabId, event.documentId).catch(() => undefined);
    }
    const armed = await serially(async () => {
      const state = await loadState();
      const decision = onNavigation(state, session, event, deps.newId(), deps.ownOrigin);
      if (decision.state !== state) await saveState(decision.state);
      return decision.arm;
    });
    // Not awaited: a page that never answers a script (view-source) must not hold up a reply.
    if (armed) void armPage(armed);
  }

  async function settled(token: string, tabId: number) {
    const capture = await serially(async () => {
      const state = await loadState();
      const decision = onSettled(state, await activeSession(db), { token, tabId });
      if (decision.state !== state) await saveState(decision.state);
      return decision.capture;
    });
    if (!capture) return;
    try {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      // captureVisibleTab takes what the window shows: another tab's pixels would be a lie.
      if (!tab?.active) throw new AppFailure({ kind: 'capture-failed', detail: 'the audited tab was not the visible one' });
      await deps.capture(tabId, capture.sessionId);
    } catch (e) {
      const error = toAppError(e);
      // Browser pages, PDFs and error pages are passed through silently: not the shopper's doing.
      if (error.kind !== 'restricted-page' && error.kind !== 'page-not-loaded') deps.skipped(capture.url, error);
    }
  }

  const nav = (kind: NavEvent['kind']) => (d: { tabId: number; frameId: number; url: string; documentId?: string }) =>
    void navigated({ kind, tabId: d.tabId, frameId: d.frameId, url: d.url, documentId: d.documentId, at: deps.now() }).catch(() => undefined);
  browser.webNavigation.onCommitted.addListener(nav('load'));
  browser.webNavigation.onHistoryStateUpdated.addListener(nav('route'));

  /** Arms the waiting page again if it is still the tab's document (arming twice only restarts its watch). */
  async function rearm(tabId: number, documentId: string | undefined) {
    const { pending } = await serially(loadState);
    if (pending?.tabId !== tabId || (pending.documentId !== null && pending.documentId !== (documentId ?? null))) return false;
    await armPage(pending);
    return true;
  }
  // Arming at commit can miss (the tab may not show the new URL yet, or Chrome leaves the script
  // unanswered); at load it cannot, and the watch's quiet period starts at load either way. A
  // page already taken or passed over is left alone (onNavigation remembers it).
  browser.webNavigation.onCompleted.addListener((d) => {
    if (d.frameId !== 0) return;
    const documentId = (d as { documentId?: string }).documentId;
    void (async () => {
      if (!(await rearm(d.tabId, documentId))) await navigated({ kind: 'current', tabId: d.tabId, frameId: 0, url: d.url, documentId, at: deps.now() });
    })().catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    const parsed = PageSettledSchema.safeParse(raw);
    // Only our own watch, in the top frame of a tab, may report; the token does the rest.
    if (!parsed.success || sender.id !== browser.runtime.id || sender.frameId !== 0 || sender.tab?.id === undefined) return undefined;
    void settled(parsed.data.token, sender.tab.id).catch(() => undefined);
    return undefined;
  });

  // A worker stopped between saving a page's token and putting the watch into it left that page
  // unarmed: arm it now if it is still the tab's page (arming twice only restarts the watch).
  void (async () => {
    const { pending } = await serially(loadState);
    if (!pending) return;
    const frame = await browser.webNavigation.getFrame({ tabId: pending.tabId, frameId: 0 }).catch(() => null);
    if (frame) await rearm(pending.tabId, (frame as { documentId?: string }).documentId);
  })().catch(() => undefined);

  // Tab ids do not survive a browser restart: a session must not follow a stranger's tab.
  browser.runtime.onStartup.addListener(() => void forgetAuditedTabs(db).catch(() => undefined));

  return {
    /** Auto-capture was switched on: the page already open is the first to take. */
    async armCurrent(tabId: number) {
      const frame = await browser.webNavigation.getFrame({ tabId, frameId: 0 }).catch(() => null);
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      // A tab whose URL the browser hides from us shows one of its own views: nothing to take.
      const url = tab?.url;
      if (!url) return;
      const documentId = (frame as { documentId?: string } | null)?.documentId;
      await navigated({ kind: 'current', tabId, frameId: 0, url, documentId, at: deps.now() });
    },
  };
}
