import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, type Audit } from './harness';
import { captureStep, expandStep, scoreByKey, step } from './panel';

// Session set-up (persona, scenario, own stages, tags), per-step stage, emotion, moment of
// truth and friction tags, and the Summary tab whose figures the test computes itself.

const audit = auditFixture({ slowMs: 100 });
let { shop, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, shopPage, panel } = audit));

// [page, stage, Get it right, Communicate, emotion index (0 = −2 … 4 = +2)]
const plan = [
  ['index.html', 'Browse', '4', '4', 3],
  ['product.html', 'Browse', '3', '1', 1],
  ['cart.html', 'Pay', '2', '1', 0],
  ['index.html', 'Pay', '5', '3', 2],
] as const;

it('sets up a session with its persona, scenario, own stages and tags', async () => {
  await panel.getByRole('textbox', { name: 'Title' }).fill('Stages and summary');
  await panel.getByRole('textbox', { name: 'Persona' }).fill('Returning customer');
  await panel.getByRole('textbox', { name: 'Scenario' }).fill('Re-order a beanie');
  await panel.getByText('Journey stages and tags').click();
  await panel.getByRole('textbox', { name: 'Journey stages (one per line)' }).fill('Browse\nPay\n\nAfter');
  await panel.getByRole('textbox', { name: 'Tags (comma-separated)' }).fill('Mobile, q4, mobile');
  await panel.getByRole('button', { name: 'Start session' }).click();
  await panel.getByRole('region', { name: 'Current session' }).waitFor();
  expect(await panel.getByText('Returning customer').isVisible()).toBe(true);
  const [session] = await readStore<any>(panel, 'sessions');
  expect(session.stages.map((s: any) => s.name)).toEqual(['Browse', 'Pay', 'After']);
  expect(session.tags).toEqual(['mobile', 'q4']);
  expect(session.scenario).toBe('Re-order a beanie');
});

it('tags each step with its stage, emotion, friction and moment of truth', async () => {
  for (const [i, [page, stage, a, b, emotion]] of plan.entries()) {
    const n = i + 1;
    await shopPage.goto(shop.url(page));
    await captureStep(panel);
    const stageGroup = step(panel, n).getByRole('radiogroup', { name: 'Stage' });
    // A new step starts in the previous step's stage.
    if (n > 1) expect(await stageGroup.getByRole('radio', { name: plan[i - 1]![1] }).getAttribute('aria-checked')).toBe('true');
    await stageGroup.getByRole('radio', { name: stage }).click();
    await expect.poll(() => stageGroup.getByRole('radio', { name: stage }).getAttribute('aria-checked')).toBe('true');
    await scoreByKey(panel, n, 'Get it right', a);
    await scoreByKey(panel, n, 'Communicate', b);
    const emotionRadio = step(panel, n).getByRole('radiogroup', { name: 'Emotion' }).getByRole('radio').nth(emotion);
    await emotionRadio.click();
    await expect.poll(() => emotionRadio.getAttribute('aria-checked')).toBe('true');
  }
  await expandStep(panel, 3);
  await step(panel, 3).getByRole('button', { name: 'dead end' }).click();
  await step(panel, 3).getByRole('textbox', { name: 'Add your own tag to step 3' }).fill('Coupon field');
  await step(panel, 3).getByRole('textbox', { name: 'Add your own tag to step 3' }).press('Enter');
  await step(panel, 3).getByRole('checkbox', { name: 'Moment of truth' }).click();
  await expect.poll(async () => (await readStore<any>(panel, 'steps')).find((s) => s.position === 2)?.tags).toEqual(['dead end', 'coupon field']);
  const third = (await readStore<any>(panel, 'steps')).find((s) => s.position === 2);
  expect(third.momentOfTruth).toBe(true);
  expect(third.emotion).toBe(-2);
  expect(await step(panel, 3).getByRole('button', { name: 'coupon field' }).getAttribute('aria-pressed')).toBe('true');
});

it('asks the Single Ease Question once a stage has ended', async () => {
  const prompt = panel.getByRole('region', { name: 'Single Ease Question for Browse' });
  await prompt.getByRole('radio', { name: '5 – Somewhat easy' }).click();
  await prompt.waitFor({ state: 'detached' });
  const [session] = await readStore<any>(panel, 'sessions');
  const browse = session.stages.find((s: any) => s.name === 'Browse');
  expect(session.seq).toEqual({ [browse.id]: 5 });
});

it('summarises pillars, stages, effort and the lowest moments with the right figures', async () => {
  await panel.getByRole('tab', { name: 'Summary' }).click();
  const norm = (s: string) => (Number(s) - 1) / 4;
  const align = plan.map(([, , a, b]) => ((norm(a) + norm(b)) / 2) * 100);
  const pillarMean = (k: 2 | 3) => (plan.reduce((sum, row) => sum + norm(row[k]), 0) / plan.length) * 100;
  expect(await panel.getByLabel(/^Get it right: /).getAttribute('aria-label')).toBe(`Get it right: ${Math.round(pillarMean(2))}`);
  expect(await panel.getByLabel(/^Communicate: /).getAttribute('aria-label')).toBe(`Communicate: ${Math.round(pillarMean(3))}`);

  const heat = panel.getByRole('table').filter({ has: panel.getByRole('columnheader', { name: 'Stage' }) }).first();
  const cell = (stage: string, col: number) => heat.getByRole('row', { name: new RegExp(`^${stage}`) }).getByRole('cell').nth(col).textContent();
  const stageMean = (stage: string, k: 2 | 3) => {
    const rows = plan.filter((r) => r[1] === stage);
    return Math.round((rows.reduce((sum, r) => sum + norm(r[k]), 0) / rows.length) * 100);
  };
  expect(await cell('Browse', 0)).toBe(String(stageMean('Browse', 2)));
  expect(await cell('Pay', 1)).toBe(String(stageMean('Pay', 3)));
  expect(await cell('After', 0)).toBe('–');
  expect(await cell('Browse', 5)).toBe('5'); // SEQ column, after the five pillars

  // index.html is seen again after other pages: one back-and-forth.
  const figure = async (name: string) => panel.locator('.figures div', { hasText: name }).locator('dd').textContent();
  expect(await figure('Steps')).toBe(String(plan.length));
  expect(await figure('Page views')).toBe('4');
  expect(await figure('Back-and-forth')).toBe('1');
  // Per stage: Browse holds steps 1–2, Pay steps 3–4; index.html comes back only across stages,
  // so neither stage has a back-and-forth of its own.
  const effortRow = (stage: string) => panel.getByRole('table', { name: 'Effort by stage' }).getByRole('row', { name: new RegExp(`^${stage}`) });
  expect(await effortRow('Browse').getByRole('cell').allTextContents()).toEqual(['2', expect.stringMatching(/s$/), '2', '0']);
  expect(await effortRow('Pay').getByRole('cell').allTextContents()).toEqual(['2', expect.stringMatching(/s$/), '2', '0']);

  const sorted = align.map((v, i) => ({ v, n: i + 1 })).sort((x, y) => x.v - y.v || x.n - y.n);
  const lows = panel.locator('.lows li');
  expect(await lows.count()).toBe(3);
  expect(await lows.first().textContent()).toContain(`Step ${sorted[0]!.n} — ${Math.round(sorted[0]!.v)}`);
  expect(await lows.first().textContent()).toContain('moment of truth');

  // The chart's points are keyboard buttons that open their step.
  const point = panel.getByRole('button', { name: new RegExp(`^Step 2: alignment ${Math.round(align[1]!)}, emotion -1`) });
  await point.focus();
  await panel.keyboard.press('Enter');
  await expect.poll(() => panel.getByRole('tab', { name: /^Steps/ }).getAttribute('aria-selected')).toBe('true');
  await step(panel, 2).getByRole('textbox', { name: 'Note for step 2' }).waitFor();
});
