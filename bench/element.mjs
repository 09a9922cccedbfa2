// Element capture, timed from the shopper's selecting click in the page to the step committed
// (the reply reaching the panel), against a raw captureVisibleTab measured in the same run.
// Both ends read the same clock: performance.timeOrigin + performance.now() in each page.

import { quantile, round, sleep, readAll } from './util.mjs';

// Chrome allows about two captureVisibleTab calls a second.
const SPACING_MS = 600;

export async function elementBenchmarks({ panel, shopPage, shop, tab, samples }) {
  const sessionId = (await readAll(panel, 'sessions')).find((s) => s.status === 'active').id;
  const rawCapture = () =>
    panel.evaluate(async (windowId) => {
      const t0 = performance.now();
      await chrome.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 85 });
      return performance.now() - t0;
    }, tab.windowId);

  const element = [];
  const raw = [];
  for (let i = 0; i < samples; i++) {
    await shopPage.goto(shop.url('index.html'));
    // The page's own listener, registered before the picker's, sees the click first.
    await shopPage.evaluate(() => addEventListener('pointerdown', () => (window.benchClickAt = performance.timeOrigin + performance.now()), true));
    const target = await shopPage.getByRole('link', { name: 'Shop the collection', exact: true }).boundingBox();
    await sleep(SPACING_MS);
    raw.push(await rawCapture());
    await sleep(SPACING_MS);
    const reply = panel.evaluate(async (payload) => {
      const answer = await chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'step.captureElement', payload });
      if (!answer?.ok) throw new Error(JSON.stringify(answer?.error));
      return performance.timeOrigin + performance.now();
    }, { tabId: tab.id, sessionId, mode: 'element' });
    await shopPage.locator('mystery-shopper-picker').waitFor({ state: 'attached' });
    await shopPage.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
    const committedAt = await reply;
    element.push(committedAt - (await shopPage.evaluate(() => window.benchClickAt)));
  }
  const row = (q, label) => {
    const value = quantile(element, q);
    const base = quantile(raw, q);
    return { figure: `element capture click → step committed, ${label}`, value: round(value), unit: 'ms', baseline: round(base), ratio: round(value / base, 2), goal: q === 0.5 ? 'baseline = raw captureVisibleTab, same run' : '' };
  };
  return [row(0.5, 'p50'), row(0.95, 'p95')];
}
