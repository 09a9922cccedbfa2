import { z } from 'zod';
import { AppFailure } from '../errors';

// Functions injected into the audited page for a full-page capture. Each is serialised on its own
// by scripting.executeScript, so each must be self-contained (no imports, no outer variables).
// They run in the extension's isolated world, which lives as long as the document: the state
// needed to restore the page is kept there (`__msFullPage`), out of the page's reach.
// The page is hostile: everything they return is validated below before use.
//
// The worker may be stopped mid-capture (Chrome stops an MV3 worker whenever it likes), and then
// no restorePage ever comes. So preparePage opens a runtime port to the worker and installs the
// undo (`__msFullPageUndo`) here in the page: the port's onDisconnect fires when the worker dies,
// and the page puts itself back without anyone asking.

type FullPageState = {
  x: number;
  y: number;
  behaviour: [el: HTMLElement, value: string, priority: string][];
  hidden: [el: HTMLElement, value: string, priority: string][] | null;
  scroller: HTMLElement | null;
};
type WithState = typeof globalThis & { __msFullPage?: FullPageState; __msFullPageUndo?: () => void };

/** Page height, viewport and scroll position; also finds an inner scroll container on a page that does not scroll. */
export function measurePage() {
  const g = globalThis as WithState;
  const root = document.documentElement;
  const viewportHeight = root.clientHeight || window.innerHeight;
  // The element the window scrolls: a body that scrolls itself (html overflow hidden) is not it.
  const pageHeight = (document.scrollingElement ?? root).scrollHeight;
  let scroller: HTMLElement | null = null;
  if (pageHeight <= viewportHeight + 1) {
    // An app shell (mail, chat, dashboards): the window stays put and one big element scrolls.
    let best = 0;
    const body = document.body;
    for (const el of body ? [body, ...body.querySelectorAll<HTMLElement>('*')] : []) {
      if (el.scrollHeight <= el.clientHeight + 16) continue;
      const overflow = getComputedStyle(el).overflowY;
      if (overflow !== 'auto' && overflow !== 'scroll') continue;
      const area = el.clientWidth * el.clientHeight;
      if (area > best) [best, scroller] = [area, el];
    }
    if (best < 0.25 * window.innerWidth * window.innerHeight) scroller = null;
  }
  g.__msFullPage = { ...(g.__msFullPage ?? { x: scrollX, y: scrollY, behaviour: [], hidden: null }), scroller };
  return {
    pageHeight,
    viewport: { width: window.innerWidth, height: window.innerHeight, contentHeight: viewportHeight },
    scrollY: window.scrollY,
    devicePixelRatio: window.devicePixelRatio,
    scroller: scroller ? { scrollHeight: scroller.scrollHeight, clientHeight: scroller.clientHeight } : null,
  };
}

/**
 * Remembers the scroll position, makes scrolling instant (a smooth scroll would still be moving at
 * capture time), and arms the undo that runs when the worker's port (named `watchName`) closes.
 */
export function preparePage(watchName: string) {
  const g = globalThis as WithState;
  const scroller = g.__msFullPage?.scroller ?? null;
  // A capture whose worker died before the port noticed (or in a browser whose port outlived it)
  // left its changes behind: undo them first, or their list would be lost to the new one.
  g.__msFullPageUndo?.();
  const behaviour: FullPageState['behaviour'] = [];
  for (const el of [document.documentElement, document.body]) {
    if (!el) continue;
    behaviour.push([el, el.style.getPropertyValue('scroll-behavior'), el.style.getPropertyPriority('scroll-behavior')]);
    el.style.setProperty('scroll-behavior', 'auto', 'important');
  }
  const state: FullPageState = { x: scrollX, y: scrollY, behaviour, hidden: null, scroller };
  g.__msFullPage = state;
  type Port = { disconnect(): void; onDisconnect: { addListener(fn: () => void): void } };
  const api = (g as unknown as { browser?: { runtime?: { connect?(o: object): Port } }; chrome?: { runtime?: { connect?(o: object): Port } } });
  let port: Port | null = null;
  const undo = () => {
    if (g.__msFullPageUndo !== undo) return;
    g.__msFullPageUndo = undefined;
    g.__msFullPage = undefined;
    for (const [el, value, priority] of state.hidden ?? []) {
      if (value) el.style.setProperty('visibility', value, priority);
      else el.style.removeProperty('visibility');
    }
    window.scrollTo({ left: state.x, top: state.y, behavior: 'instant' });
    for (const [el, value, priority] of state.behaviour) {
      if (value) el.style.setProperty('scroll-behavior', value, priority);
      else el.style.removeProperty('scroll-behavior');
    }
    port?.disconnect();
  };
  g.__msFullPageUndo = undo;
  try {
    port = (api.browser?.runtime ?? api.chrome?.runtime)?.connect?.({ name: watchName }) ?? null;
    port?.onDisconnect.addListener(undo);
  } catch {
    // No port (the extension was reloaded under the page): restorePage and the next prepare still undo.
  }
  return true;
}

/**
 * Scrolls to `y` and resolves once the page has painted there, with the scroll position it really
 * reached. From the second viewport on, fixed and sticky elements are hidden so that a header or
 * chat button appears once, at the top, not on every viewport.
 */
export async function scrollPageTo(y: number, hideFixed: boolean) {
  const g = globalThis as WithState;
  const state = g.__msFullPage;
  if (hideFixed && state && !state.hidden) {
    state.hidden = [];
    // Web components keep their header in a shadow root, which querySelectorAll does not enter:
    // walk every open shadow root too (closed ones are out of reach, as they are for the page).
    const all: HTMLElement[] = [];
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    if (document.body) walk(document.body);
    for (const el of all) {
      const position = getComputedStyle(el).position;
      if (position !== 'fixed' && position !== 'sticky') continue;
      state.hidden.push([el, el.style.getPropertyValue('visibility'), el.style.getPropertyPriority('visibility')]);
      // visibility, not display: the page's layout and height must not change under the capture.
      el.style.setProperty('visibility', 'hidden', 'important');
    }
  }
  window.scrollTo({ left: state?.x ?? 0, top: y, behavior: 'instant' });
  // Two frames: the first runs before the scrolled frame is painted, the second after. A hidden
  // page gets no frames (throttled), so it is captured after a short wait; a visible one waits for
  // its frames however slow they come (a busy machine took over 250 ms and the capture showed the
  // header it had just hidden), with a last-resort limit so a stalled page cannot hang the capture.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, document.visibilityState === 'hidden' ? 250 : 5000);
    requestAnimationFrame(() => requestAnimationFrame(() => (clearTimeout(timer), resolve())));
  });
  return window.scrollY;
}

/** Puts back what the capture changed: hidden elements, scroll behaviour, scroll position. */
export function restorePage() {
  const g = globalThis as WithState;
  const undo = g.__msFullPageUndo;
  // A render that failed before it took its mark off.
  document.querySelector('[data-mystery-shopper-scroller]')?.removeAttribute('data-mystery-shopper-scroller');
  // A DOM render measured the page but never prepared it: only the measurement is dropped.
  g.__msFullPage = undefined;
  undo?.();
  return undo !== undefined;
}

/** Marks the inner scroll container measurePage kept (the renderer takes the mark off again). */
export function markScroller() {
  const scroller = (globalThis as WithState).__msFullPage?.scroller;
  if (!scroller?.isConnected) return false;
  // SCROLLER_ATTRIBUTE (lib/capture/fullpage.ts) as a literal: injected functions see no imports.
  scroller.setAttribute('data-mystery-shopper-scroller', '');
  return true;
}

/** Runs the renderer that entrypoints/dom-render.ts installed in this world (isolated, or the page's in Firefox). */
export async function runDomRender() {
  const g = globalThis as { mysteryShopperDomRender?: () => Promise<unknown> };
  const render = g.mysteryShopperDomRender;
  // Gone once used: in the page's world, the page could otherwise call it.
  delete g.mysteryShopperDomRender;
  if (typeof render !== 'function') return { ok: false, error: 'the renderer did not load' };
  return render();
}

const px = z.number().finite().nonnegative().max(10_000_000);

export const PageMetricsSchema = z.object({
  pageHeight: px,
  viewport: z.object({ width: px.positive(), height: px.positive(), contentHeight: px.positive() }),
  scrollY: px,
  devicePixelRatio: z.number().positive().max(16),
  scroller: z.object({ scrollHeight: px, clientHeight: px }).nullable(),
});
export type PageMetrics = z.infer<typeof PageMetricsSchema>;

export const ScrollResultSchema = px;

// A JPEG data URL; 200 MB of text is far beyond any canvas this extension asks for.
export const DomRenderResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    dataUrl: z.string().max(200_000_000).startsWith('data:image/jpeg;base64,'),
    scale: z.number().positive().max(16),
  }),
  z.object({ ok: z.literal(false), error: z.string().transform((s) => s.slice(0, 300)) }),
]);

/** Parses what an injected function returned; a page that tampered with it gets a typed refusal. */
export function parsePageResult<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppFailure({ kind: 'capture-failed', detail: `the page returned something unexpected while ${what}` });
  return parsed.data;
}
