// Element capture as the shopper does it: a Playwright click on the panel's "Element" button opens
// the picker, then the timed part: the selecting click in the page (the page's own pointerdown
// listener, registered before the picker's) to the new step's picture decoded in the panel, against
// a raw captureVisibleTab + data URL → Blob measured in the same run, interleaved. Both ends read
// epoch time: performance.timeOrigin + performance.now() in each page. Each capture's phases come
// from the worker's User Timing measures (lib/capture/marks.ts) and the panel's marks.
import { rawCapture, takeMeasures } from './capture.mjs';
import { installPanelWatch, panelMarksOf, shownAt, stepCount } from './panel-watch.mjs';
import { phaseRows, row, sleep } from './util.mjs';

// Chrome allows about two captureVisibleTab calls a second.
const SPACING_MS = 600;

export async function elementBenchmarks({ panel, worker, shopPage, shop, tab, samples }) {
  await installPanelWatch(panel);
  const elementButton = panel.getByRole('button', { name: 'Element', exact: true });
  const picker = shopPage.locator('mystery-shopper-picker');
  const element = [];
  const raw = [];
  const phases = [];
  for (let i = 0; i < samples; i++) {
    await shopPage.goto(shop.url('index.html'));
    await shopPage.evaluate(() => addEventListener('pointerdown', () => (window.benchClickAt = performance.timeOrigin + performance.now()), true));
    const target = await shopPage.getByRole('link', { name: 'Shop the collection', exact: true }).boundingBox();
    await sleep(SPACING_MS);
    raw.push(await rawCapture(panel, tab.windowId));
    await sleep(SPACING_MS);
    const number = (await stepCount(panel)) + 1;
    await takeMeasures(worker);
    await elementButton.click();
    await picker.waitFor({ state: 'attached' });
    await shopPage.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
    const shown = await shownAt(panel, number);
    const clickedAt = await shopPage.evaluate(() => window.benchClickAt);
    element.push(shown - clickedAt);
    // The picker is done (the button is back) and any thumbnail made after the reply has landed.
    await elementButton.and(panel.locator(':enabled')).waitFor();
    await sleep(SPACING_MS);
    const marks = await panelMarksOf(panel, number);
    const replyAt = await panel.evaluate(() => {
      const mark = performance.getEntriesByName('ms:reply', 'mark').at(-1);
      return mark && performance.timeOrigin + mark.startTime;
    });
    const m = await takeMeasures(worker);
    const one = (name) => m.find((x) => x.name === name);
    const end = (x) => x && x.start + x.duration;
    const [pick, capture, decode, crop, encode, commit, thumbnail] = ['pick', 'capture', 'decode', 'crop', 'encode', 'commit', 'thumbnail'].map(one);
    phases.push({
      'click → picker answered (worker)': end(pick) - clickedAt,
      'picker answered → capture start': capture && capture.start - end(pick),
      capture: capture?.duration,
      'data URL → bytes': decode?.duration,
      'crop: decode + draw': crop && crop.duration - (encode?.duration ?? 0),
      'crop: encode': encode?.duration,
      'crop → commit start': commit && commit.start - end(crop),
      commit: commit?.duration,
      reply: replyAt && replyAt - end(commit),
      'render: card listed (after the reply)': replyAt && marks.listed - replyAt,
      'render: picture source': marks.src - marks.listed,
      'render: img.decode': shown - marks.src,
      'thumbnail (after the reply)': thumbnail?.duration,
    });
  }
  return [
    row({
      name: 'element capture: selecting click in the page → step visible in the panel',
      values: element,
      baseline: raw,
      goal: '≤ 1.3× raw p50',
      start: "pointerdown in the page (the page's own listener, before the picker's), after a click on the panel's Element button",
      stop: "the new step's picture decoded in the panel",
      base: 'captureVisibleTab + data URL → Blob, interleaved',
      phases: phaseRows(phases),
    }),
  ];
}
