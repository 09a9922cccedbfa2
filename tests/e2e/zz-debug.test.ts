import { beforeAll, it } from 'vitest';
import { auditFixture, waitUntil, type Audit } from './harness';
import { expandStep, startSession, step, steps } from './panel';
const BROKEN = `<!doctype html><title>Broken promo</title><h1>Spring sale</h1><script>
addEventListener('load', () => setTimeout(() => { throw new Error('Promo widget failed: <b>price</b> is undefined'); }, 50));
</script>`;
const audit = auditFixture({ slowMs: 300, extraPages: { '/broken.html': BROKEN } });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));
it('shots', async () => {
  await panel.getByRole('textbox', { name: 'Title' }).fill('Spring sale audit');
  await panel.getByRole('switch', { name: /^Auto-capture each page/ }).check();
  await panel.getByRole('button', { name: 'Start session' }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: '/tmp/ac-start.png' });
  await panel.getByRole('button', { name: 'Start session' }).click();
  await waitUntil(async () => (await steps(panel).count()) === 1, '1');
  await shopPage.goto(shop.url('broken.html'));
  await waitUntil(async () => (await steps(panel).count()) === 2, '2');
  await expandStep(panel, 2);
  await step(panel, 2).locator('.page-context summary').click();
  await step(panel, 2).locator('.page-context').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await panel.screenshot({ path: '/tmp/ac-context.png' });
  await panel.evaluate(() => window.scrollTo(0, 0));
  await panel.screenshot({ path: '/tmp/ac-bar.png' });
});
