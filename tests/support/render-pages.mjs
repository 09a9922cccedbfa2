// Stress pages for DOM renderers (bench/renderers.mjs, and the e2e of the render's deadline):
// modern colour functions, a web font served by the test server, images from a host that never
// answers, shadow DOM, a canvas, and an inner scrolling box. Pass them to startShop as extraPages.
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A loopback port that accepts connections and never answers: what an image host that hangs
 * looks like to the page. Never a non-loopback address.
 */
export async function startBlackhole() {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// A font no page would find installed under this name: served by the test server as /bench-font.ttf.
const FONT_CANDIDATES = ['/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf', '/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf'];
const fallbackFont = fileURLToPath(new URL('../../node_modules/playwright-core/lib/vite/traceViewer/codicon.DCmgc-ay.ttf', import.meta.url));

/** The font file for webFontPage, for startShop's extraFiles. */
export function webFontFile() {
  const path = FONT_CANDIDATES.find((p) => existsSync(p)) ?? fallbackFont;
  return { '/bench-font.ttf': { type: 'font/ttf', body: new Uint8Array(readFileSync(path)) } };
}

const shell = (title, style, body) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>body{margin:0;font:14px system-ui;background:#fff}${style}</style></head><body>${body}</body></html>`;

/** ~2,000 nodes coloured with oklch() and lab(), nothing external. */
export function oklchPage() {
  const cards = Array.from({ length: 400 }, (_, i) => `<li class="card" style="background:oklch(${90 + (i % 8)}% 0.05 ${(i * 23) % 360})"><h3>Product ${i + 1}</h3><p>From <b>€${((i * 7) % 90) + 9}</b></p><span class="tag">new</span></li>`).join('');
  return shell(
    'Modern colours',
    `header{height:64px;background:oklch(55% 0.2 265);color:oklch(99% 0 0);font-size:28px;padding:12px}
.card{display:inline-block;width:150px;margin:6px;padding:8px;border:2px solid lab(60% 20 -40)}.tag{color:oklch(60% 0.18 30)}ul{padding:8px;margin:0}`,
    `<header>Modern colours</header><ul>${cards}</ul>`,
  );
}

export function webFontPage() {
  const paras = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i + 1}: the delivery estimate is hidden until the basket. Ångström, naïve, €${i}.</p>`).join('');
  return shell('Web font', `@font-face{font-family:BenchWebFont;src:url(/bench-font.ttf) format("truetype")}body{font:22px/1.4 BenchWebFont, monospace;padding:16px}h1{font-size:48px;margin:0}`, `<h1>Web font headline</h1>${paras}`);
}

/** Twelve images from `imageUrl(i)`, which never answers, around ordinary content. */
export function unreachableImagesPage(imageUrl) {
  const items = Array.from({ length: 12 }, (_, i) => `<figure style="display:inline-block;margin:8px;width:280px"><img alt="Product ${i + 1}" width="280" height="160" style="background:#e4e7ec" src="${imageUrl(`p${i}.jpg`)}"><figcaption>Product ${i + 1}</figcaption></figure>`).join('');
  return shell('Images that never load', 'header{height:60px;background:#175cd3;color:#fff;font-size:24px;padding:12px}', `<header>Catalogue</header>${items}`);
}

export function shadowDomPage() {
  const hosts = Array.from({ length: 40 }, (_, i) => `<price-card data-i="${i}"></price-card>`).join('');
  return shell(
    'Shadow DOM',
    'price-card{display:inline-block;margin:6px}',
    `<h1 style="margin:8px">Shadow DOM cards</h1>${hosts}<script>
customElements.define('price-card', class extends HTMLElement { connectedCallback() {
  const i = Number(this.dataset.i);
  this.attachShadow({ mode: 'open' }).innerHTML = '<style>.c{width:140px;height:90px;padding:8px;border-radius:8px;background:hsl(' + (i * 29 % 360) + ' 70% 85%);border:3px solid hsl(' + (i * 29 % 360) + ' 70% 35%);font:16px system-ui}</style><div class="c"><b>Plan ' + (i + 1) + '</b><br>€' + (i * 3 + 5) + '/mo</div>';
} });</script>`,
  );
}

export function canvasPage() {
  return shell(
    'Canvas',
    'canvas{display:block;margin:16px}',
    `<h1 style="margin:16px">Sales chart</h1><canvas id="c" width="1000" height="600"></canvas><script>
const g = document.getElementById('c').getContext('2d');
const grad = g.createLinearGradient(0, 0, 1000, 600); grad.addColorStop(0, '#f04438'); grad.addColorStop(1, '#2e90fa');
g.fillStyle = grad; g.fillRect(0, 0, 1000, 600);
for (let i = 0; i < 20; i++) { g.fillStyle = 'hsl(' + (i * 18) + ' 80% 45%)'; g.fillRect(40 + i * 46, 560 - i * 25, 36, i * 25); }
g.fillStyle = '#fff'; g.font = 'bold 40px system-ui'; g.fillText('Q3 revenue', 40, 60);</script>`,
  );
}

/** The window does not scroll; a box does (re-exported shape of fullpage-pages' innerScrollPage, with more to draw). */
export function innerScrollBoxPage() {
  const rows = Array.from({ length: 150 }, (_, i) => `<p style="margin:0;padding:10px;border-bottom:1px solid #ddd;background:${i % 2 ? '#f9fafb' : '#fff'}">Message ${i + 1} — order #${1000 + i} shipped</p>`).join('');
  return shell(
    'Inner scroller',
    'html,body{height:100%;overflow:hidden}.app{display:flex;flex-direction:column;height:100vh}.top{height:56px;background:#1d2939;color:#fff;font-size:22px;padding:12px}.scroller{flex:1;overflow-y:auto}',
    `<div class="app"><div class="top">Inbox</div><div class="scroller" aria-label="Messages">${rows}</div></div>`,
  );
}
