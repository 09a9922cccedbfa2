import { round, single } from './util.mjs';

// Which stored format? For each demo-shop page: a lossless PNG capture is the reference; each
// candidate is measured for bytes, time to produce it, and fidelity (PSNR against the PNG,
// in dB; above ~40 dB compression artefacts on text are not visible at 100 %).

const CANDIDATES = [
  { label: 'JPEG q70 (captured)', capture: { format: 'jpeg', quality: 70 } },
  { label: 'JPEG q85 (captured)', capture: { format: 'jpeg', quality: 85 } },
  { label: 'JPEG q92 (captured)', capture: { format: 'jpeg', quality: 92 } },
  { label: 'WebP q75 (PNG re-encoded)', encode: { type: 'image/webp', quality: 0.75 } },
  { label: 'WebP q85 (PNG re-encoded)', encode: { type: 'image/webp', quality: 0.85 } },
  { label: 'WebP q92 (PNG re-encoded)', encode: { type: 'image/webp', quality: 0.92 } },
];

export async function captureFormats(panel, shopPage, shop, pages, windowId) {
  const totals = new Map(CANDIDATES.map((c) => [c.label, { bytes: 0, ms: 0, psnr: 0 }]));
  let pngBytes = 0;
  for (const path of pages) {
    await shopPage.goto(shop.url(path));
    await new Promise((r) => setTimeout(r, 600));
    const result = await panel.evaluate(
      async ({ windowId, candidates }) => {
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        const toBlob = async (dataUrl) => (await fetch(dataUrl)).blob();
        const pixels = async (blob) => {
          const bmp = await createImageBitmap(blob);
          const c = new OffscreenCanvas(bmp.width, bmp.height);
          const ctx = c.getContext('2d');
          ctx.drawImage(bmp, 0, 0);
          return ctx.getImageData(0, 0, bmp.width, bmp.height).data;
        };
        const psnr = (a, b) => {
          let se = 0;
          let n = 0;
          for (let i = 0; i < a.length; i += 4) {
            for (let k = 0; k < 3; k++) {
              const d = a[i + k] - b[i + k];
              se += d * d;
              n++;
            }
          }
          const mse = se / n;
          return mse === 0 ? 99 : 10 * Math.log10((255 * 255) / mse);
        };
        const t0 = performance.now();
        const png = await toBlob(await chrome.tabs.captureVisibleTab(windowId, { format: 'png' }));
        const pngMs = performance.now() - t0;
        const reference = await pixels(png);
        const out = [];
        for (const c of candidates) {
          await sleep(600);
          let blob;
          let ms;
          if (c.capture) {
            const t = performance.now();
            blob = await toBlob(await chrome.tabs.captureVisibleTab(windowId, c.capture));
            ms = performance.now() - t;
          } else {
            const t = performance.now();
            const bmp = await createImageBitmap(png);
            const canvas = new OffscreenCanvas(bmp.width, bmp.height);
            canvas.getContext('2d').drawImage(bmp, 0, 0);
            blob = await canvas.convertToBlob(c.encode);
            ms = pngMs + performance.now() - t;
          }
          out.push({ label: c.label, bytes: blob.size, ms, psnr: psnr(reference, await pixels(blob)) });
        }
        return { pngBytes: png.size, out };
      },
      { windowId, candidates: CANDIDATES },
    );
    pngBytes += result.pngBytes;
    for (const r of result.out) {
      const t = totals.get(r.label);
      t.bytes += r.bytes;
      t.ms += r.ms;
      t.psnr += r.psnr;
    }
  }
  const n = pages.length;
  const pngKB = pngBytes / n / 1024;
  const rows = CANDIDATES.map((c) => {
    const t = totals.get(c.label);
    const kb = t.bytes / n / 1024;
    return single(`format ${c.label}: mean size over ${n} pages (PSNR ${(t.psnr / n).toFixed(1)} dB, ${(t.ms / n).toFixed(0)} ms to produce)`, round(kb), 'KB', '', {
      n,
      baselineP50: round(pngKB),
      ratio: round(kb / pngKB, 2),
      baselineIs: 'lossless PNG capture of the same page',
    });
  });
  return { pngKB, rows };
}
