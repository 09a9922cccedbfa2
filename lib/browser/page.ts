import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { AppFailure, errorText } from '../errors';
import { classifyScriptingError } from '../capture/restricted';
import { dataUrlToBlob } from '../capture/encode';
import {
  DomRenderResultSchema,
  markScroller,
  measurePage,
  PageMetricsSchema,
  parsePageResult,
  preparePage,
  restorePage,
  runDomRender,
  scrollPageTo,
  ScrollResultSchema,
  type PageMetrics,
} from '../capture/page-scripts';

// The seam between a full-page capture and the audited tab: every call runs one of the
// self-contained functions of lib/capture/page-scripts.ts and validates what it returns.

/** The bundled DOM renderer (entrypoints/dom-render.ts), injected only when a render is asked for. */
const DOM_RENDER_FILE = '/dom-render.js';

/**
 * Where the renderer runs. Chrome: the extension's isolated world, out of the page's reach.
 * Firefox refuses `document.open/write` on the renderer's iframe copy of the page from an
 * isolated world ("The operation is insecure."), so there it runs in the page's own world
 * (Firefox 128+). It touches no extension API there, and what it returns is validated like any
 * answer from the page: at worst a hostile page hands back a picture of itself.
 */
export const DOM_RENDER_WORLD: 'MAIN' | 'ISOLATED' = import.meta.env.FIREFOX ? 'MAIN' : 'ISOLATED';

/** The port a page under a full-page capture holds open to the worker (see preparePage). */
export const FULL_PAGE_WATCH = 'full-page-watch';

/**
 * Accepts the pages' watch ports. Nothing is sent on them: a port's only job is to close when this
 * worker stops, which tells the page to put itself back. Held in a set so that none is collected.
 */
export function acceptFullPageWatches(): void {
  const open = new Set<Browser.runtime.Port>();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== FULL_PAGE_WATCH || port.sender?.id !== browser.runtime.id) return;
    open.add(port);
    port.onDisconnect.addListener(() => open.delete(port));
  });
}

export interface PageSeam {
  measure(tabId: number): Promise<PageMetrics>;
  prepare(tabId: number): Promise<void>;
  /** Scrolls, waits for the paint, and answers where the page really is. */
  scrollTo(tabId: number, y: number, hideFixed: boolean): Promise<number>;
  restore(tabId: number): Promise<void>;
  /** A DOM render of the page (or of its inner scroll container) as a JPEG, and the scale it was drawn at. */
  renderDom(tabId: number): Promise<{ blob: Blob; scale: number }>;
}

async function inject<A extends unknown[], T>(tabId: number, func: (...args: A) => unknown, args: A, schema: z.ZodType<T>, what: string, world: 'MAIN' | 'ISOLATED' = 'ISOLATED'): Promise<T> {
  let raw: unknown;
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, world, func: func as () => unknown, args: args as never });
    raw = result?.result;
  } catch (e) {
    throw new AppFailure(classifyScriptingError(errorText(e), undefined));
  }
  return parsePageResult(schema, raw, what);
}

export const pageSeam: PageSeam = {
  measure: (tabId) => inject(tabId, measurePage, [], PageMetricsSchema, 'measuring it'),
  prepare: async (tabId) => {
    await inject(tabId, preparePage, [FULL_PAGE_WATCH], z.literal(true), 'preparing it');
  },
  scrollTo: (tabId, y, hideFixed) => inject(tabId, scrollPageTo, [y, hideFixed], ScrollResultSchema, 'scrolling it'),
  restore: async (tabId) => {
    await inject(tabId, restorePage, [], z.boolean(), 'restoring it');
  },
  renderDom: async (tabId) => {
    // The scroller measuring found lives in the isolated world; the DOM is what both worlds share.
    await inject(tabId, markScroller, [], z.boolean(), 'preparing it');
    try {
      await browser.scripting.executeScript({ target: { tabId }, world: DOM_RENDER_WORLD, files: [DOM_RENDER_FILE] });
    } catch (e) {
      throw new AppFailure(classifyScriptingError(errorText(e), undefined));
    }
    const result = await inject(tabId, runDomRender, [], DomRenderResultSchema, 'rendering it', DOM_RENDER_WORLD);
    if (!result.ok) throw new AppFailure({ kind: 'capture-failed', detail: `the page could not be rendered (${result.error})` });
    return { blob: dataUrlToBlob(result.dataUrl), scale: result.scale };
  },
};
