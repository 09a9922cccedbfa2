import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditFixture, readStore, type Audit } from './harness';
import { brandAlignmentScore, steps } from './panel';

// Issue 4's acceptance path: the client's own rubric, written in the editor, drives a keyboard
// audit of six steps over three stages; SEQ and CES are answered; every summary figure is the
// one this test computes itself; and editing the rubric afterwards changes no old score.

const audit = auditFixture({ slowMs: 100 });
let { ext, shop, shopPage, panel } = {} as Audit;
let editor: Page;
beforeAll(() => void ({ ext, shop, shopPage, panel } = audit));

const WEIGHTS = [3, 1, 1]; // Effortless counts three times as much as Transparent and Human.
// page, pillar keys (Effortless, Transparent, Human), severity, stage key (1 Discover … 4 Get help)
const plan = [
  ['index.html', '455', '0', '1'],
  ['products.html', '43n', '1', '1'],
  ['product.html', '234', '2', '2'],
  ['cart.html', '1n2', '3', '2'],
  ['checkout.html', '122', '4', '3'],
  ['help.html', '545', '0', '3'],
] as const;
const STAGES = ['Discover', 'Choose', 'Buy'];
const SEQ = { Discover: '6', Choose: '3', Buy: '2' } as const;

const norm = (k: string) => (Number(k) - 1) / 4;
function alignment(keys: string, weights: readonly number[]) {
  let sum = 0;
  let total = 0;
  [...keys].forEach((k, i) => {
    if (k === 'n') return;
    sum += norm(k) * weights[i]!;
    total += weights[i]!;
  });
  return (sum / total) * 100;
}
const bas = (weights: readonly number[]) => plan.reduce((s, p) => s + alignment(p[1], weights), 0) / plan.length;

async function openEditor() {
  editor = await ext.context.newPage();
  await editor.goto(`chrome-extension://${ext.extensionId}/rubrics.html`);
  await editor.getByRole('heading', { name: 'Saved rubrics' }).waitFor();
}

it("writes the client's rubric in the editor", async () => {
  await openEditor();
  await editor.getByText('No saved rubrics yet.').waitFor();
  await editor.getByRole('button', { name: 'Copy Brand promise' }).click();
  await editor.getByRole('textbox', { name: 'Rubric name' }).fill('Northwind promise');
  await editor.getByRole('group', { name: 'Pillar 1', exact: true }).getByRole('textbox', { name: 'Weight' }).fill(String(WEIGHTS[0]));
  await editor.getByRole('button', { name: 'Save rubric' }).click();
  await editor.getByText('Saved “Northwind promise”.').waitFor();
});

it('audits six steps over three stages by keyboard, answering each stage’s SEQ', async () => {
  // The editor opened as a tab over the panel; a hidden page barely renders.
  await panel.bringToFront();
  await panel.getByRole('textbox', { name: 'Title' }).fill('Northwind, gift purchase');
  await panel.getByRole('combobox', { name: 'Rubric' }).selectOption({ label: 'Northwind promise' });
  await panel.getByRole('button', { name: 'Start session' }).click();
  await panel.getByRole('region', { name: 'Current session' }).waitFor();

  for (const [i, [page, pillars, severity, stage]] of plan.entries()) {
    await shopPage.goto(shop.url(page));
    await panel.keyboard.press('c');
    await expect.poll(() => steps(panel).count()).toBe(i + 1);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.closest('[role="radiogroup"]')?.getAttribute('aria-label'))).toBe('Effortless');
    for (const key of [...pillars, severity, stage]) await panel.keyboard.press(key);
    // Moving into a new stage ends the previous one: its SEQ is asked, and answered by keyboard.
    const ended = i > 0 && plan[i - 1]![3] !== stage ? STAGES[Number(plan[i - 1]![3]) - 1]! : null;
    if (ended) {
      const prompt = panel.getByRole('region', { name: `Single Ease Question for ${ended}` });
      await prompt.waitFor();
      await panel.keyboard.press('q');
      await panel.keyboard.press(SEQ[ended as keyof typeof SEQ]);
      await prompt.waitFor({ state: 'detached' });
    }
  }
  await expect.poll(() => brandAlignmentScore(panel)).toBe(String(Math.round(bas(WEIGHTS))));
});

it('completes with the last stage’s SEQ, the CES and a verdict', async () => {
  await panel.getByRole('button', { name: 'Complete…' }).click();
  const form = panel.getByRole('form', { name: 'Complete this session' });
  await form.getByRole('radiogroup', { name: /“Buy”/ }).getByRole('radio', { name: `${SEQ.Buy} – Difficult` }).click();
  await form.getByRole('radiogroup', { name: /made it easy/ }).getByRole('radio', { name: '3 – Somewhat disagree' }).click();
  await form.getByRole('textbox', { name: 'Verdict' }).fill('Checkout breaks the promise of effortlessness.');
  await form.getByRole('button', { name: 'Complete session' }).click();
  await expect.poll(() => panel.locator('.session-header .status').textContent()).toBe('Completed');
});

it('shows a summary whose every figure matches the entered values', async () => {
  await panel.getByRole('tab', { name: 'Summary' }).click();
  const pillarNames = ['Effortless', 'Transparent', 'Human'];
  for (const [j, name] of pillarNames.entries()) {
    const values = plan.map((p) => p[1][j]!).filter((k) => k !== 'n');
    const mean = (values.reduce((s, k) => s + norm(k), 0) / values.length) * 100;
    expect(await panel.getByLabel(new RegExp(`^${name}: `)).getAttribute('aria-label')).toBe(`${name}: ${Math.round(mean)}`);
  }
  const row = (stage: string) => panel.locator('table.heat tbody tr', { has: panel.getByRole('rowheader', { name: stage, exact: true }) });
  for (const [s, stage] of STAGES.entries()) {
    const inStage = plan.filter((p) => p[3] === String(s + 1));
    const values = inStage.map((p) => p[1][0]!).filter((k) => k !== 'n');
    const effortless = (values.reduce((sum, k) => sum + norm(k), 0) / values.length) * 100;
    expect(await row(stage).getByRole('cell').nth(0).textContent()).toBe(String(Math.round(effortless)));
    expect(await row(stage).getByRole('cell').nth(3).textContent()).toBe(SEQ[stage as keyof typeof SEQ]);
  }
  const figure = (name: string) => panel.locator('.figures div', { hasText: name }).locator('dd').textContent();
  expect(await figure('Steps')).toBe('6');
  expect(await figure('CES')).toBe('3');
  expect(await figure('Major')).toBe(String(plan.filter((p) => p[2] === '3').length));
  expect(await figure('Blocker')).toBe(String(plan.filter((p) => p[2] === '4').length));
  const lowest = plan.map((p, i) => ({ n: i + 1, v: alignment(p[1], WEIGHTS) })).sort((a, b) => a.v - b.v || a.n - b.n)[0]!;
  expect(await panel.locator('.lows li').first().textContent()).toContain(`Step ${lowest.n} — ${Math.round(lowest.v)}`);
});

it('keeps the session’s score when the rubric is edited afterwards', async () => {
  const before = await brandAlignmentScore(panel);
  const newWeights = [1, 1, 1];
  // The edit must matter, or this test could not fail.
  expect(Math.round(bas(newWeights))).not.toBe(Math.round(bas(WEIGHTS)));

  await editor.bringToFront();
  await editor.getByRole('button', { name: 'Edit Northwind promise' }).click();
  // The editor re-mounts the form for the rubric it opens; type only once it says so.
  await editor.getByText('Editing “Northwind promise”.').waitFor();
  await editor.getByRole('group', { name: 'Pillar 1', exact: true }).getByRole('textbox', { name: 'Weight' }).fill('1');
  await editor.getByRole('button', { name: 'Save rubric' }).click();
  await expect.poll(async () => (await readStore<any>(editor, 'rubrics'))[0]?.pillars[0].weight).toBe(1);

  // A fresh panel shows no completed session by default: open it from the recent list.
  await panel.bringToFront();
  await panel.reload();
  await panel.getByRole('region', { name: 'Recent sessions' }).getByRole('button', { name: 'Northwind, gift purchase' }).click();
  await panel.getByRole('region', { name: 'Current session' }).waitFor();
  await expect.poll(() => brandAlignmentScore(panel)).toBe(before);
  const [session] = await readStore<any>(panel, 'sessions');
  expect(session.rubric.pillars.map((p: any) => p.weight)).toEqual(WEIGHTS);
});
