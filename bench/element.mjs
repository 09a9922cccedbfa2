// Element capture, timed from the shopper's selecting click in the page (the page's own
// pointerdown listener, registered before the picker's) to the new step's picture decoded in the
// panel, against a raw captureVisibleTab + data URL → Blob measured in the same run, interleaved.
// Both ends read epoch time: performance.timeOrigin + performance.now() in each page.
import { rawCapture } from './capture.mjs';
import { installPanelWatch, shownAt, stepCount } from './panel-watch.mjs';
import { readAll, row, sleep } from './util.mjs';

// Chrome allows about two captureVisibleTab calls a second.
const SPACING_MS = 600;

export async function elementBenchmarks({ panel, shopPage, shop, tab, samples }) {
  await installPanelWatch(panel);
  const sessionId = (await readAll(panel, 'sessions')).find((s) => s.status === 'active').id;
  const element = [];
  const raw = [];
  for (let i = 0; i < samples; i++) {
    await shopPage.goto(shop.url('index.html'));
    await shopPage.evaluate(() => addEventListener('pointerdown', () => (window.benchClickAt = performance.timeOrigin + performance.now()), true));
    const target = await shopPage.getByRole('link', { name: 'Shop the collection', exact: true }).boundingBox();
    await sleep(SPACING_MS);
    raw.push(await rawCapture(panel, tab.windowId));
    await sleep(SPACING_MS);
    const number = (await stepCount(panel)) + 1;
    const reply = panel.evaluate(async (payload) => {
      const answer = await chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'step.captureElement', payload });
      if (!answer?.ok) throw new Error(JSON.stringify(answer?.error));
    }, { tabId: tab.id, sessionId, mode: 'element' });
    await shopPage.locator('mystery-shopper-picker').waitFor({ state: 'attached' });
    await shopPage.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
    await reply;
    const shown = await shownAt(panel, number);
    element.push(shown - (await shopPage.evaluate(() => window.benchClickAt)));
  }
  return [
    row({
      name: 'element capture: selecting click in the page → step visible in the panel',
      values: element,
      baseline: raw,
      goal: '≤ 1.3× raw p50',
      start: "pointerdown in the page (the page's own listener, before the picker's)",
      stop: "the new step's picture decoded in the panel",
      base: 'captureVisibleTab + data URL → Blob, interleaved',
    }),
  ];
}
