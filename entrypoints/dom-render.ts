import html2canvas from 'html2canvas-pro';
import { domRenderScale, SCROLLER_ATTRIBUTE } from '@/lib/capture/fullpage';

// Injected into the audited tab only when a DOM render is asked for (scripting.executeScript with
// this file); never a content script on every page. It installs one function, which the
// background then calls once: in the extension's isolated world in Chrome, in the page's own world
// in Firefox (see DOM_RENDER_WORLD in lib/browser/page.ts). html2canvas-pro, not html2canvas 1.4.1: the
// latter throws on oklch()/lab() colours, which modern CSS (Tailwind 4) uses everywhere; see
// bench/fullpage.mjs.

type Rendered = { ok: true; dataUrl: string; scale: number } | { ok: false; error: string };

export default defineUnlistedScript(() => {
  (globalThis as { mysteryShopperDomRender?: () => Promise<Rendered> }).mysteryShopperDomRender = render;
});

async function render(): Promise<Rendered> {
  // markScroller (lib/capture/page-scripts.ts) marked the inner scroll container, if any.
  const scroller = document.querySelector<HTMLElement>(`[${SCROLLER_ATTRIBUTE}]`);
  scroller?.removeAttribute(SCROLLER_ATTRIBUTE);
  const target = scroller ?? document.documentElement;
  const width = scroller ? scroller.clientWidth : Math.max(document.documentElement.scrollWidth, innerWidth);
  const height = scroller ? scroller.scrollHeight : Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0);
  const scale = domRenderScale(width, height, devicePixelRatio);
  try {
    const canvas = await html2canvas(target, {
      scale,
      logging: false,
      // Cross-origin images without CORS headers are left blank rather than tainting the canvas.
      useCORS: false,
      backgroundColor: '#ffffff',
      width,
      height,
      windowHeight: Math.max(innerHeight, height),
      scrollX: 0,
      scrollY: 0,
      onclone: (_doc, clone) => {
        if (!scroller) return;
        // Let the scroller's clone grow to its whole content, and every ancestor with it.
        for (let el: HTMLElement | null = clone; el; el = el.parentElement) {
          el.style.setProperty('overflow', 'visible', 'important');
          el.style.setProperty('max-height', 'none', 'important');
          el.style.setProperty('height', el === clone ? `${height}px` : 'auto', 'important');
          if (el === clone) el.style.setProperty('flex', 'none', 'important');
        }
      },
    });
    return { ok: true, dataUrl: canvas.toDataURL('image/jpeg', 0.85), scale };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
