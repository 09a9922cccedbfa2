import { beforeAll, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { auditFixture, readStore, type Audit, waitUntil, readImages } from './harness';
import { captureStep, startSession, steps } from './panel';

// Path 7: pages Chrome will not let an extension capture give one clear sentence and create nothing.

// The smallest PDF Chrome's viewer opens: one empty page.
const PDF = `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj
trailer<</Root 1 0 R>>
%%EOF
`;

const audit = auditFixture({ slowMs: 300, extraFiles: { '/terms.pdf': { type: 'application/pdf', body: PDF } } });
let { shop, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, shopPage, panel } = audit));
beforeAll(async () => {
  await startSession(panel, { title: 'Restricted pages' });
  await captureStep(panel);
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function expectRefusal(reason: RegExp) {
  const alert = panel.getByRole('alert');
  await panel.getByRole('button', { name: /^Capture step/ }).click();
  await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/^This page can't be captured: /);
  expect(await alert.textContent()).toMatch(reason);
  expect(await steps(panel).count()).toBe(1);
  expect(await readStore(panel, 'steps')).toHaveLength(1);
  expect(await readStore(panel, 'screenshots')).toHaveLength(1);
  // The earlier step's thumbnail follows its commit in a second transaction.
  await expect.poll(async () => (await readImages(panel)).length).toBe(2);
  await panel.getByRole('button', { name: 'Dismiss message' }).click();
}

it('refuses chrome://extensions', async () => {
  await shopPage.goto('chrome://extensions/');
  await expectRefusal(/browser page/);
});

it('refuses the new-tab page', async () => {
  // Chrome swaps chrome://newtab for its own new-tab page, which aborts Playwright's goto.
  await shopPage.goto('chrome://newtab/').catch(() => undefined);
  await shopPage.waitForURL(/^chrome:\/\/new-tab-page/);
  await expectRefusal(/browser page \(chrome:\/\/…\)/);
});

it('refuses a page that failed to load', async () => {
  // A port that was just free and is closed again: the connection is refused and the tab
  // shows Chrome's own error page.
  const url = `http://127.0.0.1:${await closedPort()}/checkout`;
  await shopPage.goto(url).catch(() => undefined);
  // Wait until the error page has replaced the new-tab page, or the probe may still see that.
  // (Playwright rejects waitForURL for a failed navigation, so poll the committed URL.)
  await waitUntil(() => shopPage.url() === url || shopPage.url().startsWith('chrome-error:'), 'the error page shows');
  await expectRefusal(/did not load/);
});

it('refuses a PDF shown in the browser\'s viewer', async () => {
  await shopPage.goto(shop.url('terms.pdf')).catch(() => undefined);
  await waitUntil(() => shopPage.url() === shop.url('terms.pdf'), 'the PDF shows');
  await expectRefusal(/PDF viewer/);
});

it('refuses a view-source page', async () => {
  // Playwright never sees a view-source page finish loading: wait for the commit only.
  await shopPage.goto(`view-source:${shop.url('help.html')}`, { waitUntil: 'commit' });
  await expectRefusal(/view-source page/);
});

it('captures again once the shopper is back on a real page', async () => {
  await shopPage.goto(shop.url('help.html'));
  await captureStep(panel);
  expect(await readStore(panel, 'steps')).toHaveLength(2);
});

it('auto-capture passes over such pages silently and takes the next real one', async () => {
  await panel.getByRole('switch', { name: /^Auto-capture each page/ }).check();
  // The page open when it is switched on is taken first.
  await waitUntil(async () => (await steps(panel).count()) === 3, 'the open page is taken');
  await shopPage.goto(shop.url('terms.pdf')).catch(() => undefined);
  await waitUntil(() => shopPage.url() === shop.url('terms.pdf'), 'the PDF shows');
  await shopPage.goto(`view-source:${shop.url('cart.html')}`, { waitUntil: 'commit' });
  // Not straight from view-source to the cart: Chromium may reuse the view-source page's process,
  // where no extension script ever answers (see README, Auto-capture, "Not covered").
  await shopPage.goto('chrome://version/');
  await shopPage.goto(shop.url('cart.html'));
  // On failure, say what auto-capture was still waiting for.
  await waitUntil(async () => (await steps(panel).count()) === 4, 'the cart is taken').catch(async (e) => {
    const diag = await panel.evaluate(async () => JSON.stringify({ s: await chrome.storage.session.get(null), note: document.querySelector('.auto-note')?.textContent, alert: document.querySelector('[role=alert]')?.textContent }));
    throw new Error(`${e} ${diag}`);
  });
  expect((await readStore<{ url: string; position: number }>(panel, 'steps')).sort((a, b) => a.position - b.position).map((s) => s.url).slice(-2)).toEqual([
    shop.url('help.html'),
    shop.url('cart.html'),
  ]);
  expect((await panel.getByRole('alert').allTextContents()).join('')).toBe('');
});
