import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, stopServiceWorker, type Audit, readImages } from './harness';
import { alignmentOf, brandAlignmentScore, captureStep, expandStep, scoreByKey, startSession, step, steps, typeNote, waitForNoteSaved } from './panel';

// Chrome stops an idle MV3 worker after ~30 s and may kill it at any time. Here it is stopped
// between every single action of a 5-step audit; nothing the shopper did may be lost.

const audit = auditFixture({ slowMs: 300 });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));

const journey = ['index.html', 'products.html', 'product.html', 'cart.html', 'checkout.html'];
// [Get it right, Communicate] per step: varied so that a lost score changes the total.
const scores: Array<[number, number]> = [[4, 3], [5, 2], [2, 2], [3, 5], [1, 4]];

it('loses nothing when the service worker stops between every action', async () => {
  const stop = () => stopServiceWorker(ext, shopPage);

  await stop();
  await startSession(panel, { title: 'Worker restarts', brand: 'Northwind Outfitters' });
  for (const [i, path] of journey.entries()) {
    const n = i + 1;
    await stop();
    await shopPage.goto(shop.url(path));
    await captureStep(panel);
    await stop();
    await typeNote(panel, n, `Note ${n} on ${path}`);
    await waitForNoteSaved(panel, n);
    await stop();
    await scoreByKey(panel, n, 'Get it right', String(scores[i]![0]));
    await stop();
    await scoreByKey(panel, n, 'Communicate', String(scores[i]![1]));
    await stop();
  }

  // Read back in a freshly loaded panel: what is shown is what was committed.
  await panel.reload();
  await expect.poll(() => steps(panel).count()).toBe(5);
  const stored = (await readStore<any>(panel, 'steps')).sort((a, b) => a.position - b.position);
  expect(stored.map((s) => s.url)).toEqual(journey.map((p) => shop.url(p)));
  expect(stored.map((s) => s.note)).toEqual(journey.map((p, i) => `Note ${i + 1} on ${p}`));
  expect(stored.map((s) => [s.scores['get-it-right'], s.scores.communicate])).toEqual(scores);
  // A full image per step at once; a thumbnail the stopped worker did not make is made at its next start.
  await expect.poll(async () => (await readImages(panel)).length, { timeout: 30_000 }).toBe(10);

  const expected = scores.map(([a, b]) => (((a - 1) / 4 + (b - 1) / 4) / 2) * 100);
  for (const [i, value] of expected.entries()) {
    expect(await alignmentOf(panel, i + 1)).toBe(String(Math.round(value)));
  }
  const mean = expected.reduce((x, y) => x + y, 0) / expected.length;
  expect(await brandAlignmentScore(panel)).toBe(String(Math.round(mean)));
  await expandStep(panel, 3);
  expect(await step(panel, 3).getByRole('textbox', { name: 'Note for step 3' }).inputValue()).toBe('Note 3 on product.html');
});
