import { beforeAll, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { auditFixture, readStore, type Audit, waitUntil } from './harness';
import { captureStep, startSession, steps } from './panel';

// Path 7: pages Chrome will not let an extension capture give one clear sentence and create nothing.

const audit = auditFixture({ slowMs: 300 });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));
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
  expect(await readStore(panel, 'images')).toHaveLength(2);
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

it('captures again once the shopper is back on a real page', async () => {
  await shopPage.goto(shop.url('help.html'));
  await captureStep(panel);
  expect(await readStore(panel, 'steps')).toHaveLength(2);
});
