import type { Page } from 'playwright-core';
import { waitUntil } from './harness';

// User actions in the side panel, by role and accessible name, shared by the e2e tests.

export async function startSession(panel: Page, fields: { title: string; brand?: string; promise?: string; rubric?: string; autoCapture?: boolean }) {
  await panel.getByRole('textbox', { name: 'Title' }).fill(fields.title);
  if (fields.brand) await panel.getByRole('textbox', { name: 'Brand', exact: true }).fill(fields.brand);
  if (fields.promise) await panel.getByRole('textbox', { name: 'Brand promise' }).fill(fields.promise);
  if (fields.rubric) await panel.getByRole('combobox', { name: 'Rubric' }).selectOption({ label: fields.rubric });
  if (fields.autoCapture) await panel.getByRole('switch', { name: /^Auto-capture each page/ }).check();
  await panel.getByRole('button', { name: 'Start session' }).click();
  await panel.getByRole('region', { name: 'Current session' }).waitFor();
}

export const steps = (panel: Page) => panel.getByRole('article', { name: /^Step \d+:/ });
export const step = (panel: Page, n: number) => panel.getByRole('article', { name: new RegExp(`^Step ${n}:`) });

/** Waits until the panel lists the session's stored steps (a panel just opened reads them first). */
export async function stepsListed(panel: Page) {
  await panel.locator('#panel-steps[aria-busy="false"]').waitFor({ state: 'attached' });
}

/** Clicks Capture and waits until the new step is on screen. */
export async function captureStep(panel: Page) {
  await stepsListed(panel);
  const before = await steps(panel).count();
  await panel.getByRole('button', { name: /^Capture step/ }).click();
  await waitUntil(async () => (await steps(panel).count()) === before + 1, `step ${before + 1} appears`);
}

/**
 * Opens a step's details if they are folded. A step that just appeared opens itself a moment
 * later, so look again before each click rather than trusting one look.
 */
export async function expandStep(panel: Page, n: number) {
  const box = step(panel, n).getByRole('textbox', { name: `Note for step ${n}` });
  const head = step(panel, n).locator('.step-head');
  await waitUntil(async () => {
    if (await box.isVisible()) return true;
    if ((await head.getAttribute('aria-expanded')) === 'false') await head.click({ timeout: 2_000 }).catch(() => undefined);
    return box.isVisible();
  }, `step ${n} is open`);
}

/** Types into a step's note and waits until the panel says it is saved. */
export async function typeNote(panel: Page, n: number, text: string) {
  await expandStep(panel, n);
  const box = step(panel, n).getByRole('textbox', { name: `Note for step ${n}` });
  await box.click();
  await box.pressSequentially(text);
}

export async function waitForNoteSaved(panel: Page, n: number) {
  await step(panel, n).getByText('Saved', { exact: true }).waitFor();
}

/** Scores a pillar the keyboard way: focus its group, press the digit (or `n` for N/A). */
export async function scoreByKey(panel: Page, n: number, pillar: string, key: string) {
  await expandStep(panel, n);
  const group = step(panel, n).getByRole('radiogroup', { name: pillar, exact: true });
  await group.getByRole('radio').and(group.locator('[tabindex="0"]')).focus();
  await panel.keyboard.press(key);
  const label = key === 'n' ? 'Not applicable' : new RegExp(`^${key}( –|$)`);
  const radio = group.getByRole('radio', { name: label });
  await waitUntil(async () => (await radio.getAttribute('aria-checked')) === 'true', `${pillar} is scored ${key}`);
}

export async function alignmentOf(panel: Page, n: number): Promise<string | null> {
  const badge = step(panel, n).getByLabel(new RegExp(`^Step ${n} alignment:`));
  return (await badge.getAttribute('aria-label'))?.split(': ')[1] ?? null;
}

export async function brandAlignmentScore(panel: Page): Promise<string | null> {
  const badge = panel.getByLabel(/^Brand Alignment Score:/);
  return (await badge.getAttribute('aria-label'))?.split(': ')[1] ?? null;
}
