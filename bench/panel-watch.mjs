// Installed in the side panel by the bench (page.evaluate; nothing ships): the time each step's
// picture — its thumbnail, or the full image shown until the thumbnail lands — has finished
// img.decode(), and the timeStamp of each click on "Capture step". All in the panel's clock.

export function installPanelWatch(panel) {
  return panel.evaluate(() => {
    if (window.__bench) return;
    // listed: the step's card first in the DOM; src: its picture first given a source; shown: decoded.
    const bench = (window.__bench = { clicks: [], shown: {}, listed: {}, src: {} });
    document.addEventListener(
      'click',
      (e) => {
        if (e.target instanceof Element && e.target.closest('button.capture')) bench.clicks.push(e.timeStamp);
      },
      true,
    );
    const tried = new Set();
    const look = () => {
      const now = performance.now();
      for (const card of document.querySelectorAll('article[aria-label^="Step "]')) {
        const number = /^Step (\d+):/.exec(card.getAttribute('aria-label'))?.[1];
        if (number) bench.listed[number] ??= now;
      }
      for (const img of document.querySelectorAll('img.thumb')) {
        const number = /^Screenshot of step (\d+)$/.exec(img.alt)?.[1];
        if (!number || !img.src || bench.shown[number] !== undefined || tried.has(`${number} ${img.src}`)) continue;
        bench.src[number] ??= now;
        tried.add(`${number} ${img.src}`);
        img.decode().then(
          () => (bench.shown[number] ??= performance.now()),
          () => undefined,
        );
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
    look();
  });
}

/** Waits for step `number`'s picture to be decoded in the panel; its time as epoch ms. */
export async function shownAt(panel, number) {
  await panel.waitForFunction((n) => window.__bench.shown[n] !== undefined, number, { timeout: 60_000 });
  return panel.evaluate((n) => performance.timeOrigin + window.__bench.shown[n], number);
}

/** When step `number`'s card was first listed and its picture first given a source, epoch ms. */
export const panelMarksOf = (panel, number) =>
  panel.evaluate((n) => ({ listed: performance.timeOrigin + window.__bench.listed[n], src: performance.timeOrigin + window.__bench.src[n] }), number);

/** How many steps the panel lists now. */
export const stepCount = (panel) => panel.evaluate(() => document.querySelectorAll('article[aria-label^="Step "]').length);

/**
 * Sends a full-page capture request from the panel page (as its buttons do) and waits for the new
 * step's picture there; ms from the request sent to the picture decoded.
 */
export async function fullPageToShown(panel, tabId, method) {
  const number = (await stepCount(panel)) + 1;
  const sentAt = await panel.evaluate(
    ({ tabId, method }) => {
      const at = performance.timeOrigin + performance.now();
      window.__benchFullPage = chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'step.captureFullPage', payload: { tabId, method } });
      return at;
    },
    { tabId, method },
  );
  const reply = await panel.evaluate(() => window.__benchFullPage);
  if (!reply?.ok) throw new Error(JSON.stringify(reply?.error));
  return (await shownAt(panel, number)) - sentAt;
}
