import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { auditFixture, readStore, stopServiceWorker, type Audit, readImages } from './harness';
import { startSession, steps } from './panel';
import { longPage } from '../support/fullpage-pages.mjs';

// A full-page capture takes seconds and goes over a runtime port (lib/channel.ts). Chrome may
// stop the worker in the middle: the port closes, and the panel must say so at once, not leave
// "viewport 3 of 22" on screen for a minute.

const audit = auditFixture({ extraPages: { '/very-long.html': longPage(22) } });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));

const fullPage = () => panel.getByRole('group', { name: 'More ways to capture' }).getByRole('button', { name: 'Full page' });
const progress = () => panel.getByRole('status').filter({ hasText: /^Full page: viewport \d+ of \d+$/ });
const viewportShown = async () => Number(/viewport (\d+)/.exec((await progress().textContent().catch(() => '')) ?? '')?.[1] ?? 0);

it('says the background stopped when the worker is stopped mid-capture, saves nothing, and captures again afterwards', async () => {
  await startSession(panel, { title: 'Stopped worker' });
  await shopPage.goto(shop.url('very-long.html'));
  await fullPage().click();
  await expect.poll(viewportShown).toBeGreaterThanOrEqual(3);
  await stopServiceWorker(ext, shopPage);

  // Within the poll timeout (10 s), in words, and the progress is gone.
  await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/^Mystery Shopper's background stopped before it finished, so nothing was saved\. Try again\./);
  await expect(progress().count()).resolves.toBe(0);
  if (process.env.MS_SHOTS) await panel.screenshot({ path: join(process.env.MS_SHOTS, 'panel-background-stopped.png') });
  expect(await readStore(panel, 'steps')).toHaveLength(0);
  expect(await readImages(panel)).toHaveLength(0);

  // The next press wakes a new worker; progress comes over its port again and the step is saved.
  await fullPage().click();
  await expect.poll(viewportShown).toBeGreaterThanOrEqual(2);
  await expect.poll(() => steps(panel).count(), { timeout: 60_000 }).toBe(1);
  const [shot] = await readStore<any>(panel, 'screenshots');
  expect(shot.kind).toBe('full-page');
  expect(await panel.getByRole('alert').textContent()).toBe('');
});
