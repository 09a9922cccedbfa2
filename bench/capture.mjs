// The visible capture, timed where the shopper's wait starts and stops.
//   click    : a real Playwright click on "Capture step" in the panel (the click event's
//              timeStamp) → the new step's picture decoded in the panel (bench/panel-watch.mjs).
//   shortcut : the command handler called in the worker (keyboard commands cannot be fired
//              headless) → the same stop.
//   raw      : captureVisibleTab of the same tab from the panel page plus the data-URL → Blob
//              conversion the product pays (Uint8Array.fromBase64), nothing else.
//   floor    : the raw capture's data URL shown in a 320 px <img> in the panel, img.decode() awaited.
// The four are interleaved, in a rotating order, so drift in the machine's load hits each alike.
// Each capture's phases come from the worker's User Timing measures (lib/capture/marks.ts).
import { installPanelWatch, panelMarksOf, shownAt, stepCount } from './panel-watch.mjs';
import { phaseRows, row, sleep } from './util.mjs';

// Chrome allows about two captureVisibleTab calls a second; stay clear of the quota.
const SPACING_MS = 600;

/** Raw captureVisibleTab + data URL → Blob, timed in the panel page. */
export const rawCapture = (panel, windowId) =>
  panel.evaluate(async (windowId) => {
    const t0 = performance.now();
    const url = await chrome.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 85 });
    const text = url.slice(url.indexOf(',') + 1);
    const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    new Blob([bytes], { type: 'image/jpeg' });
    return performance.now() - t0;
  }, windowId);

/**
 * The floor under the click figure, measured: the same raw capture, its pixels given to an <img>
 * in the panel (thumbnail-sized, as a card shows it) and img.decode() awaited — the stop the
 * click figure uses, with no request, no storage and no card. img.decode() of an attached image
 * resolves after the page's next frame, so this floor holds a frame that the raw figure does not.
 */
export const rawShownCapture = (panel, windowId) =>
  panel.evaluate(async (windowId) => {
    const t0 = performance.now();
    const url = await chrome.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 85 });
    const img = new Image();
    img.style.cssText = 'position:fixed;left:0;bottom:0;width:320px;z-index:9';
    img.src = url;
    document.body.append(img);
    await img.decode();
    const ms = performance.now() - t0;
    img.remove();
    return ms;
  }, windowId);

/** The worker's measures since the last call (epoch start, duration), then cleared. */
export const takeMeasures = (worker) =>
  worker.evaluate(() => {
    const found = performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('ms:'))
      .map((e) => ({ name: e.name.slice(3), start: performance.timeOrigin + e.startTime, duration: e.duration }));
    performance.clearMeasures();
    return found;
  });

export async function captureBenchmarks({ panel, worker, shopPage, shop, pages, tab, samples }) {
  await installPanelWatch(panel);
  const panelOrigin = await panel.evaluate(() => performance.timeOrigin);
  const capture = panel.getByRole('button', { name: /^Capture step/ });
  await takeMeasures(worker);

  const raw = [];
  const rawShown = [];
  const click = [];
  const shortcut = [];
  const phases = [];
  const clickOnce = async () => {
    const number = (await stepCount(panel)) + 1;
    const clicks = await panel.evaluate(() => window.__bench.clicks.length);
    await capture.click();
    const shown = await shownAt(panel, number);
    const marks = await panelMarksOf(panel, number);
    const { clickedAt, replyAt, previewAt, panelCapture } = await panel.evaluate((i) => {
      const at = (name) => {
        const mark = performance.getEntriesByName(name).at(-1);
        return mark ? performance.timeOrigin + mark.startTime : undefined;
      };
      // The panel takes the pixels itself (its own 'ms:capture' measure); the worker only when it could not.
      const own = performance.getEntriesByName('ms:capture', 'measure').at(-1);
      return {
        clickedAt: performance.timeOrigin + window.__bench.clicks[i],
        replyAt: at('ms:reply'),
        previewAt: at('ms:preview'),
        panelCapture: own && { start: performance.timeOrigin + own.startTime, duration: own.duration },
      };
    }, clicks);
    // Each capture's marks only: a capture without a preview leaves its phase out.
    await panel.evaluate(() => {
      performance.clearMarks('ms:preview');
      performance.clearMeasures('ms:capture');
    });
    click.push(shown - clickedAt);
    // Let the thumbnail land (its measure is part of this capture's record) before reading.
    await panel.waitForFunction((n) => document.querySelector(`img.thumb[alt="Screenshot of step ${n}"]`) !== null, number);
    await sleep(150);
    const m = await takeMeasures(worker);
    const one = (name) => m.find((x) => x.name === name) ?? (name === 'capture' ? panelCapture : undefined);
    const commit = one('commit');
    phases.push({
      message: one('handler').start - clickedAt,
      probe: one('probe')?.duration,
      'capture start (after the click)': one('capture').start - clickedAt,
      capture: one('capture')?.duration,
      decode: one('decode')?.duration,
      // The pixels posted to the panel as soon as the capture returns, decoded there during the commit.
      'preview: capture → pixels in the panel': previewAt === undefined ? undefined : previewAt - (one('capture').start + one('capture').duration),
      // The panel's own capture: its pixels posted to the worker, then turned into bytes there.
      'pixels: capture returned → in the worker': one('pixels') && one('capture') === panelCapture ? one('pixels').start + one('pixels').duration - (panelCapture.start + panelCapture.duration) : undefined,
      'pixels → commit start (worker)': commit.start - (one('capture').start + one('capture').duration),
      commit: commit.duration,
      reply: replyAt - (commit.start + commit.duration),
      render: shown - replyAt,
      // render, split: reply → the card in the DOM, → its picture given a source, → decoded.
      'render: card listed': marks.listed - replyAt,
      'render: picture source': marks.src - marks.listed,
      'render: img.decode': shown - marks.src,
      thumbnail: one('thumbnail')?.duration,
    });
  };
  const shortcutOnce = async () => {
    const number = (await stepCount(panel)) + 1;
    const startedAt = await worker.evaluate(async (t) => {
      const at = performance.timeOrigin + performance.now();
      void globalThis.mysteryShopperTestHooks.commands['capture-step'](t);
      return at;
    }, tab);
    shortcut.push((await shownAt(panel, number)) - startedAt);
    await sleep(150);
    await takeMeasures(worker);
  };
  const order = [async () => raw.push(await rawCapture(panel, tab.windowId)), clickOnce, shortcutOnce, async () => rawShown.push(await rawShownCapture(panel, tab.windowId))];
  for (let i = 0; i < samples; i++) {
    await shopPage.goto(shop.url(pages[i % pages.length]));
    for (let k = 0; k < order.length; k++) {
      await sleep(SPACING_MS);
      await order[(i + k) % order.length]();
    }
  }
  void panelOrigin;

  return {
    rows: [
      row({
        name: 'capture: click → step visible in the panel',
        values: click,
        baseline: raw,
        goal: '≤ 1.3× raw p50, ≤ 1.5× raw p95',
        start: 'click event timeStamp of a Playwright click on "Capture step" (panel in its own window)',
        stop: "the new step's picture (thumbnail, or the full image until it lands) has finished img.decode() in the panel",
        base: 'captureVisibleTab of the same tab + data URL → Blob, from the panel page, interleaved',
      }),
      row({
        name: 'capture: shortcut handler → step visible (handler called directly: commands cannot be fired headless)',
        values: shortcut,
        baseline: raw,
        goal: '≤ 1.3× raw p50',
        start: "the worker's command handler called over CDP (its own clock, epoch-aligned)",
        stop: "the new step's picture decoded in the panel",
        base: 'as above',
      }),
      row({
        name: '  same click vs the floor: raw capture shown in an <img> (decoded)',
        values: click,
        baseline: rawShown,
        goal: 'for reference',
        start: 'as above',
        stop: 'as above',
        base: 'captureVisibleTab from the panel page, its data URL in a 320 px <img> attached to the panel, img.decode() resolved; interleaved',
      }),
      row({ name: 'raw capture shown in an <img>, decoded (floor)', values: rawShown, goal: 'floor', start: 'before the call, panel page', stop: 'img.decode() resolved' }),
      row({ name: 'raw captureVisibleTab + data URL → Blob (baseline)', values: raw, goal: 'baseline', start: 'before the call, panel page', stop: 'Blob made' }),
    ],
    phases: phaseRows(phases),
  };
}
