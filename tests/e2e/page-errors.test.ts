import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, type Audit } from './harness';
import { captureStep, expandStep, startSession, step } from './panel';

// Issue 12: a single-page app opened before the session started. Its load-time error happened
// before anyone listened, so no step may claim "no JS errors"; from the session's start on, the
// errors it throws are seen, without the page ever reloading.

const SPA = `<!doctype html><title>One-page shop</title><h1>Shop</h1>
<button type="button" onclick="history.pushState({}, '', '/spa/cart'); document.querySelector('h1').textContent = 'Cart'; setTimeout(() => { throw new Error('Cart widget failed'); })">Go to cart</button>
<script>setTimeout(() => { throw new Error('Thrown while loading'); });</script>`;

const audit = auditFixture({ extraPages: { '/spa.html': SPA }, firstPage: 'spa.html' });
let { shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shopPage, panel } = audit));

const storedSteps = async () => (await readStore<{ position: number; context: any }>(panel, 'steps')).sort((a, b) => a.position - b.position);

async function summaryOf(n: number) {
  await expandStep(panel, n);
  return step(panel, n).getByText(/JS error/).first();
}

it('says errors were not watched before the session began, then sees those thrown after', async () => {
  const started = Date.now();
  await startSession(panel, { title: 'SPA opened first' });
  await captureStep(panel);
  const [first] = await storedSteps();
  expect(first!.context.errorsWatched).toBe(true);
  expect(first!.context.errors).toEqual([]);
  expect(first!.context.errorsWatchedSince).toBeGreaterThanOrEqual(started - 1000);
  await expect.poll(async () => (await summaryOf(1)).textContent()).toMatch(/JS errors not watched before \d{1,2}:\d{2}:\d{2}/);
  expect(await step(panel, 1).getByText(/no JS errors/).count()).toBe(0);

  // A route of the app, no reload: its error is seen.
  await shopPage.getByRole('button', { name: 'Go to cart' }).click();
  await expect.poll(() => shopPage.locator('h1').textContent()).toBe('Cart');
  await captureStep(panel);
  const second = (await storedSteps())[1]!;
  expect(second.context.errors.map((e: { message: string }) => e.message)).toEqual([expect.stringContaining('Cart widget failed')]);
  await expect.poll(async () => (await summaryOf(2)).textContent()).toMatch(/1 JS error \(not watched before \d{1,2}:\d{2}:\d{2}( [AP]M)?\)/);
});
