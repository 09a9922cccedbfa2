import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, type Audit } from './harness';
import { brandAlignmentScore, startSession, steps } from './panel';

// Issue 4: a consultant captures and scores a journey without touching the mouse.

const audit = auditFixture({ slowMs: 100 });
let { shop, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, shopPage, panel } = audit));

// Per step: page, five pillar keys (Five Principles), severity, stage key (1–4), emotion key (1–5).
const plan = [
  ['index.html', '45n54', '0', '1', '4'],
  ['products.html', '4433n', '1', '2', '3'],
  ['product.html', '3n222', '2', '2', '2'],
  ['cart.html', '21112', '3', '3', '1'],
  ['checkout.html', '12n11', '4', '3', '1'],
  ['help.html', '55454', '0', '4', '5'],
] as const;

it('captures and scores six steps across stages by keyboard alone', async () => {
  await startSession(panel, { title: 'Keyboard audit' });
  const focusedName = () => panel.evaluate(() => document.activeElement?.closest('[role="radiogroup"]')?.getAttribute('aria-label'));
  for (const [i, [page, pillars, severity, stage, emotion]] of plan.entries()) {
    await shopPage.goto(shop.url(page));
    await panel.keyboard.press('c');
    await expect.poll(() => steps(panel).count()).toBe(i + 1);
    // Focus lands on the new step's first pillar; each key scores and moves on.
    await expect.poll(focusedName).toBe('Get it right');
    for (const key of pillars) await panel.keyboard.press(key);
    await expect.poll(focusedName).toBe('Friction severity');
    await panel.keyboard.press(severity);
    await expect.poll(focusedName).toBe('Stage');
    await panel.keyboard.press(stage);
    await expect.poll(focusedName).toBe('Emotion');
    await panel.keyboard.press(emotion);
    // Leave the scales (Esc on a radio does nothing; j/k/c work from anywhere but text fields).
  }
  // Moment of truth on the checkout step: k moves back one step.
  await panel.keyboard.press('k');
  await panel.keyboard.press('m');

  const pillarIds = ['get-it-right', 'communicate', 'take-on-the-stress', 'no-near-misses', 'every-customer-elite'];
  const expectScores = (keys: string) => Object.fromEntries([...keys].map((k, j) => [pillarIds[j], k === 'n' ? 'na' : Number(k)]));
  await expect
    .poll(async () => (await readStore<any>(panel, 'steps')).find((s) => s.position === 4)?.momentOfTruth)
    .toBe(true);
  const stored = (await readStore<any>(panel, 'steps')).sort((a, b) => a.position - b.position);
  const [session] = await readStore<any>(panel, 'sessions');
  expect(stored.map((s) => s.scores)).toEqual(plan.map((p) => expectScores(p[1])));
  expect(stored.map((s) => s.severity)).toEqual(plan.map((p) => Number(p[2])));
  expect(stored.map((s) => session.stages.findIndex((st: any) => st.id === s.stageId) + 1)).toEqual(plan.map((p) => Number(p[3])));
  expect(stored.map((s) => s.emotion)).toEqual(plan.map((p) => Number(p[4]) - 3));

  const alignment = (keys: string) => {
    const nums = [...keys].filter((k) => k !== 'n').map((k) => (Number(k) - 1) / 4);
    return (nums.reduce((a, b) => a + b, 0) / nums.length) * 100;
  };
  const mean = plan.reduce((sum, p) => sum + alignment(p[1]), 0) / plan.length;
  expect(await brandAlignmentScore(panel)).toBe(String(Math.round(mean)));

  // The cheat-sheet opens with ? and closes with Esc.
  await panel.keyboard.press('?');
  await panel.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await panel.keyboard.press('Escape');
  await panel.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });

  // t switches to the summary.
  await panel.keyboard.press('t');
  await expect.poll(() => panel.getByRole('tab', { name: 'Summary' }).getAttribute('aria-selected')).toBe('true');

  // Single-key shortcuts can be turned off (WCAG 2.1.4): then t and c do nothing.
  await panel.keyboard.press('?');
  const dialog = panel.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.getByRole('checkbox', { name: /^Single-key shortcuts/ }).uncheck();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await panel.keyboard.press('t');
  await panel.keyboard.press('c');
  expect(await panel.getByRole('tab', { name: 'Summary' }).getAttribute('aria-selected')).toBe('true');
  // One capture by the button now makes exactly one more step, captured after this moment:
  // so the c pressed while the shortcuts were off made none.
  const reenabledAt = Date.now();
  await panel.getByRole('button', { name: /^Capture step/ }).click();
  await expect.poll(async () => (await readStore(panel, 'steps')).length).toBe(plan.length + 1);
  const newest = (await readStore<any>(panel, 'steps')).sort((a, b) => b.position - a.position)[0];
  expect(newest.capturedAt).toBeGreaterThanOrEqual(reenabledAt);
});
