// Test-only pages for full-page capture and DOM render, shared by the e2e tests and the benchmark
// (pass them to startShop as extraPages). Colours are solid and unique so tests can count pixels.

export const HEADER_RGB = [255, 0, 170];
export const MARKER_RGB = [0, 200, 80];

/** A page `viewports` screens tall (at `viewportHeight` CSS px) with a sticky, magenta header. */
export function longPage(viewports, viewportHeight = 800) {
  const height = viewports * viewportHeight;
  const bands = Array.from({ length: viewports * 4 }, (_, i) => `<section style="height:${viewportHeight / 4 - 2}px;border-bottom:2px solid #ccd;background:hsl(${(i * 37) % 360} 30% 92%)"><h2 style="margin:0;padding:8px">Band ${i + 1}</h2></section>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Long page</title>
<style>html{scroll-behavior:smooth}body{margin:0;font:16px system-ui}
header{position:sticky;top:0;height:60px;background:rgb(${HEADER_RGB});z-index:2}
.chat{position:fixed;right:16px;bottom:16px;width:80px;height:40px;background:#123;border-radius:8px}</style></head>
<body><header aria-label="Site header"></header><main style="height:${height - 60}px;overflow:hidden">${bands}</main><div class="chat"></div></body></html>`;
}

/** An app-like page: the window never scrolls; a div does, and a green marker sits at its very bottom. */
export function innerScrollPage() {
  const rows = Array.from({ length: 120 }, (_, i) => `<p style="margin:0;padding:10px;border-bottom:1px solid #ddd">Message ${i + 1}</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Inner scroller</title>
<style>html,body{margin:0;height:100%;overflow:hidden;font:16px system-ui}
.app{display:flex;flex-direction:column;height:100vh}.top{height:56px;background:#1d2939;color:#fff}
.scroller{flex:1;overflow-y:auto}.marker{height:80px;background:rgb(${MARKER_RGB})}</style></head>
<body><div class="app"><div class="top">Inbox</div><div class="scroller" aria-label="Messages">${rows}<div class="marker"></div></div></div></body></html>`;
}

/**
 * ~2,000 nodes styled with oklch() and lab() colours (html2canvas 1.4.1 cannot parse them) and an
 * image from another origin (served without CORS headers).
 */
export function modernColoursPage(crossOriginImageUrl) {
  const cards = Array.from({ length: 400 }, (_, i) =>
    `<li class="card"><h3>Product ${i + 1}</h3><p>From <b>€${(i * 7) % 90 + 9}</b></p><span class="tag">new</span></li>`,
  ).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Modern colours</title>
<style>body{margin:0;font:14px system-ui;background:oklch(97% 0.01 250)}
header{height:64px;background:oklch(55% 0.2 265);color:oklch(99% 0 0)}
.card{display:inline-block;width:150px;margin:6px;padding:8px;border:1px solid lab(80% 0 -10);background:lab(98% 2 4)}
.tag{color:oklch(60% 0.18 30)}ul{padding:8px;margin:0}</style></head>
<body><header>Modern colours</header><img alt="Partner logo" width="120" height="60" src="${crossOriginImageUrl}"><ul>${cards}</ul></body></html>`;
}

/**
 * A page `viewports` screens tall whose magenta header is `position: fixed` inside a web
 * component's open shadow root, as web-component shops (Polymer, Lit) build them.
 */
export function shadowHeaderPage(viewports, viewportHeight = 800) {
  const bands = Array.from({ length: viewports * 4 }, (_, i) => `<section style="height:${viewportHeight / 4}px;background:hsl(${(i * 37) % 360} 30% 92%)"></section>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shadow header</title>
<style>body{margin:0}</style></head>
<body><shop-app></shop-app><main style="padding-top:60px">${bands}</main>
<script>
customElements.define('shop-app', class extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<style>header{position:fixed;top:0;left:0;right:0;height:60px;background:rgb(${HEADER_RGB});z-index:2}</style><header aria-label="Shop header"></header>';
  }
});
</script></body></html>`;
}
