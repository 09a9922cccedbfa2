import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, stopServiceWorker, waitUntil, type Audit } from './harness';
import { captureStep, expandStep, startSession, step, steps } from './panel';

// Auto-capture: every page the shopper stops on in the audited tab becomes exactly one step, a
// server redirect included, an in-page route change too, and a worker stopped mid-journey loses
// and doubles nothing.

const BROKEN = `<!doctype html><title>Broken promo</title><h1>Spring sale</h1><script>
addEventListener('load', () => setTimeout(() => { window.threwAt = Date.now(); throw new Error('Promo widget failed: <b>price</b> is undefined'); }, 50));
</script>`;

const audit = auditFixture({ slowMs: 300, redirects: { '/go/product': '/product.html' }, extraPages: { '/broken.html': BROKEN } });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));

const storedSteps = async () => (await readStore<{ url: string; position: number; context: any }>(panel, 'steps')).sort((a, b) => a.position - b.position);
async function waitForSteps(n: number) {
  await waitUntil(async () => (await steps(panel).count()) === n, `${n} steps are shown`);
}

it('turns a 5-page journey with a redirect and a route change into exactly 6 steps', async () => {
  await startSession(panel, { title: 'Auto journey', autoCapture: true });
  // The page already open when auto-capture starts is the first step.
  await waitForSteps(1);

  await shopPage.goto(shop.url('products.html'));
  await waitForSteps(2);

  // Stopped between pages: the next navigation wakes the worker.
  await stopServiceWorker(ext, shopPage);
  await shopPage.goto(shop.url('go/product'));
  expect(shopPage.url()).toBe(shop.url('product.html'));
  await waitForSteps(3);

  // Stopped while the page settles: the page's own watch wakes the worker to take it.
  await shopPage.goto(shop.url('cart.html'));
  await stopServiceWorker(ext, shopPage);
  await waitForSteps(4);

  await shopPage.goto(shop.url('checkout.html'));
  await waitForSteps(5);

  // What a single-page app's router does on a click: a new URL and new content, same document.
  await shopPage.evaluate(() => {
    history.pushState({}, '', '/checkout.html?step=payment');
    document.querySelector('h1')!.textContent = 'Payment';
  });
  await waitForSteps(6);

  // A manual capture afterwards is step 7: no late duplicate slipped in before it.
  await captureStep(panel);
  const stored = await storedSteps();
  expect(stored.map((s) => s.url)).toEqual([
    ...['index.html', 'products.html', 'product.html', 'cart.html', 'checkout.html', 'checkout.html?step=payment'].map((p) => shop.url(p)),
    shop.url('checkout.html?step=payment'),
  ]);
  await step(panel, 7).getByRole('button', { name: 'Delete step 7' }).click();
  await step(panel, 7).getByRole('button', { name: 'Confirm: delete step 7' }).click();
  await waitForSteps(6);
});

it('records timing and the JavaScript error a page threw, shown on the step', async () => {
  await shopPage.goto(shop.url('broken.html'));
  await waitForSteps(7);
  const context = (await storedSteps())[6]!.context;
  expect(context.errorsWatched).toBe(true);
  // On a busy machine the listener can arrive after the page threw: then the step must not claim
  // "no errors" but say from when it watched, and that moment must really be after the throw.
  const threwAt = await shopPage.evaluate(() => (window as unknown as { threwAt?: number }).threwAt ?? null);
  const missed = context.errors.length === 0;
  if (missed) expect(context.errorsWatchedSince).toBeGreaterThan(threwAt!);
  else {
    expect(context.errors).toHaveLength(1);
    expect(context.errors[0].message).toContain('Promo widget failed: <b>price</b> is undefined');
  }
  expect(context.ttfbMs).toEqual(expect.any(Number));
  expect(context.loadMs).toEqual(expect.any(Number));
  expect(context.lcpMs).toEqual(expect.any(Number));
  expect(context.cls).toEqual(expect.any(Number));

  await expandStep(panel, 7);
  const summary = step(panel, 7).getByText(/^TTFB \d+ ms · /);
  // On a busy machine the listener can arrive after the page's first script ran: the step then
  // says from when errors were watched, which is the truth, and still counts the one it saw.
  if (missed) {
    await expect.poll(() => summary.textContent()).toMatch(/not watched before [^)]+/);
    return;
  }
  await expect.poll(() => summary.textContent()).toMatch(/^TTFB \d+ ms · .*1 JS error( \(not watched before [^)]+\))?$/);
  await summary.click();
  // Page text is shown as text, never as markup.
  await step(panel, 7).getByRole('list', { name: 'JavaScript errors of step 7' }).getByText('<b>price</b>', { exact: false }).waitFor();
});

it('leaves out a page that settles while the audited tab is hidden, and says so', async () => {
  // Another tab in front, in the shop's window: a capture now would show that tab's pixels.
  const otherTab = await panel.evaluate(async (url) => {
    const [shopTab] = await chrome.tabs.query({ url });
    return (await chrome.tabs.create({ windowId: shopTab!.windowId, url: 'about:blank', active: true })).id!;
  }, shopPage.url());
  await shopPage.goto(shop.url('help.html'));
  const note = panel.getByText(/^Auto-capture left out /);
  await note.waitFor();
  expect(await note.textContent()).toBe(`Auto-capture left out 127.0.0.1:${new URL(shop.url('/')).port}/help.html: the audited tab was not the visible one.`);
  expect(await steps(panel).count()).toBe(7);
  await panel.evaluate((id) => chrome.tabs.remove(id), otherTab);
});

it('stops taking pages once switched off', async () => {
  await panel.getByRole('switch', { name: /^Auto-capture each page/ }).uncheck();
  await expect.poll(async () => (await readStore<{ autoCapture?: boolean }>(panel, 'sessions'))[0]?.autoCapture).toBe(false);
  await shopPage.goto(shop.url('help.html'));
  // A manual capture is the barrier: had help.html been taken automatically, it would be 8 and 9.
  await captureStep(panel);
  expect((await storedSteps()).map((s) => s.url).slice(-2)).toEqual([shop.url('broken.html'), shop.url('help.html')]);
});
