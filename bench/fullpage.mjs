// Full-page capture of N viewports (scroll, capture, stitch, commit), from the request sent in
// the panel to the new step's picture decoded there, against its floor measured in the same run,
// interleaved: N captureVisibleTab calls (+ data URL → Blob) spaced as Chrome's quota and the
// product's queue space them (510 ms from one start to the next), from the panel page.
import { startShop } from '../tests/support/server.mjs';
import { longPage } from '../tests/support/fullpage-pages.mjs';
import { fullPageToShown, installPanelWatch } from './panel-watch.mjs';
import { progress, row, sleep } from './util.mjs';

const SAMPLES = Number(process.env.BENCH_FULLPAGE_SAMPLES ?? 4);
const VIEWPORTS = [4, 8, 16];

/** N spaced captures, first start → last Blob, ms. */
const spacedCaptures = (panel, windowId, n) =>
  panel.evaluate(
    async ({ windowId, n }) => {
      const t0 = performance.now();
      let last = -Infinity;
      for (let i = 0; i < n; i++) {
        const wait = last + 510 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        last = performance.now();
        const url = await chrome.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 85 });
        new Blob([Uint8Array.fromBase64(url.slice(url.indexOf(',') + 1))], { type: 'image/jpeg' });
      }
      return performance.now() - t0;
    },
    { windowId, n },
  );

/** @param {(shop: object) => Promise<{ panel: any, shopPage: any, tab: any, close: () => Promise<void> }>} launch */
export async function fullPageBenchmarks(launch) {
  const pages = Object.fromEntries(VIEWPORTS.map((n) => [`/long-${n}.html`, longPage(n)]));
  const shop = await startShop({ extraPages: pages });
  const { panel, shopPage, tab, close } = await launch(shop);
  try {
    await panel.getByRole('textbox', { name: 'Title' }).fill('Full-page benchmark');
    await panel.getByRole('button', { name: 'Start session' }).click();
    await panel.getByRole('region', { name: 'Current session' }).waitFor();
    await installPanelWatch(panel);
    const rows = [];
    for (const n of VIEWPORTS) {
      progress(`full page: ${n} viewports, ${SAMPLES} samples`);
      const times = [];
      const floor = [];
      for (let i = 0; i < SAMPLES; i++) {
        await shopPage.goto(shop.url(`long-${n}.html`));
        // Each starts with Chrome's capture quota free, as a shopper's first press would.
        await sleep(600);
        floor.push(await spacedCaptures(panel, tab.windowId, n));
        await sleep(600);
        times.push(await fullPageToShown(panel, tab.id, 'scroll'));
      }
      rows.push(
        row({
          name: `full page of ${n} viewports → step visible`,
          values: times,
          baseline: floor,
          goal: '≤ 1.2× floor',
          start: 'the request sent from the panel page',
          stop: "the new step's picture decoded in the panel",
          base: `${n} captureVisibleTab calls spaced 510 ms apart (the quota), measured, interleaved`,
        }),
      );
    }
    return rows;
  } finally {
    await close();
    await shop.close();
  }
}
