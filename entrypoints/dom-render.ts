import { snapdom } from '@zumer/snapdom';
import { domRenderScale, SCROLLER_ATTRIBUTE } from '@/lib/capture/fullpage';

// Injected into the audited tab only when a DOM render is asked for (scripting.executeScript with
// this file); never a content script on every page. It installs one function, which the
// background then calls once: in the extension's isolated world in Chrome, in the page's own world
// in Firefox (see DOM_RENDER_WORLD in lib/browser/page.ts). @zumer/snapdom, chosen by
// bench/renderers.mjs (README, "Which DOM renderer"): the fastest and most faithful of the three
// compared on the stress pages; it draws through an SVG foreignObject and never writes into an
// iframe's document (html2canvas-pro does, which Firefox refuses from an isolated world).
// html2canvas 1.4.1 throws on oklch()/lab() colours. The background gives up on a render after
// RENDER_DEADLINE_MS (lib/capture/full-page-step.ts): a page image that never loads cannot hang it.

type Rendered = { ok: true; dataUrl: string; scale: number } | { ok: false; error: string };

export default defineUnlistedScript(() => {
  (globalThis as { mysteryShopperDomRender?: () => Promise<Rendered> }).mysteryShopperDomRender = render;
});

/**
 * Lets an inner scroll container and its ancestors grow to its whole content while the renderer
 * works (it sizes its picture from the live element, not from its copy); returns the undo. The
 * page shows the grown layout for the render's duration, as a scrolling capture shows its scrolling.
 */
function growScroller(scroller: HTMLElement, height: number): () => void {
  const saved: Array<[HTMLElement, string | null]> = [];
  for (let el: HTMLElement | null = scroller; el; el = el.parentElement) {
    saved.push([el, el.getAttribute('style')]);
    el.style.setProperty('overflow', 'visible', 'important');
    el.style.setProperty('max-height', 'none', 'important');
    el.style.setProperty('height', el === scroller ? `${height}px` : 'auto', 'important');
    if (el === scroller) el.style.setProperty('flex', 'none', 'important');
  }
  return () => {
    for (const [el, style] of saved) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
  };
}

async function render(): Promise<Rendered> {
  // markScroller (lib/capture/page-scripts.ts) marked the inner scroll container, if any.
  const scroller = document.querySelector<HTMLElement>(`[${SCROLLER_ATTRIBUTE}]`);
  scroller?.removeAttribute(SCROLLER_ATTRIBUTE);
  const target = scroller ?? document.documentElement;
  const width = scroller ? scroller.clientWidth : Math.max(document.documentElement.scrollWidth, innerWidth);
  const height = scroller ? scroller.scrollHeight : Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0);
  const scale = domRenderScale(width, height, devicePixelRatio);
  const restore = scroller ? growScroller(scroller, height) : () => undefined;
  try {
    const canvas = await snapdom.toCanvas(target, { scale, dpr: 1, backgroundColor: '#ffffff' });
    return { ok: true, dataUrl: canvas.toDataURL('image/jpeg', 0.85), scale };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    restore();
  }
}
