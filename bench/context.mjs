// Page context cost: what the capture's probe costs with the page-context scripts beside it
// (web-vitals file + error read, as lib/browser/tabs.ts runs them) against the bare probe,
// measured from the panel page on the same tab, same run. First read of a page (web-vitals
// injected and waiting for its buffered reports) and a repeat read (already there) separately.

import { row } from './util.mjs';

export async function contextBenchmarks({ panel, shopPage, shop, pages, tabId, samples = 20 }) {
  const probe = (withContext) =>
    panel.evaluate(
      async ({ tabId, withContext }) => {
        const t0 = performance.now();
        const bare = chrome.scripting.executeScript({
          target: { tabId },
          func: () => ({ url: location.href, title: document.title, w: innerWidth, h: innerHeight, dpr: devicePixelRatio, ct: document.contentType }),
        });
        const extra = withContext
          ? [
              chrome.scripting.executeScript({ target: { tabId }, files: ['/page-context.js'] }),
              chrome.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: () => (window.__mysteryShopperErrors ?? null) }),
            ]
          : [];
        await Promise.all([bare, ...extra]);
        return performance.now() - t0;
      },
      { tabId, withContext },
    );
  const bare = [];
  const first = [];
  const repeat = [];
  for (let i = 0; i < samples; i++) {
    await shopPage.goto(shop.url(pages[i % pages.length]));
    // Alternate which goes first: the first script into a fresh page pays for waking it.
    if (i % 2 === 0) bare.push(await probe(false));
    first.push(await probe(true));
    if (i % 2 === 1) bare.push(await probe(false));
    repeat.push(await probe(true));
  }
  const how = { start: 'before the probe scripts are sent, panel page', stop: 'all of them answered', base: 'the bare probe alone, same tab, alternating order' };
  return [
    row({ name: 'probe with page context, first read of a page', values: first, baseline: bare, goal: 'runs beside captureVisibleTab', ...how }),
    row({ name: 'probe with page context, repeat read', values: repeat, baseline: bare, ...how }),
  ];
}
