import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFixture, readStore, waitUntil, type Audit } from './harness';
import { expandStep, step as panelStep } from './panel';
import { seedThroughPanel } from './seed';

// Review and edit a session in the dashboard (issue 6): edits reach the side panel, steps reorder
// by keyboard, change stage, are deleted and restored, a text-only step is added, a completed
// session is reopened, and "Run again" starts the same journey for a competitor.

const audit = auditFixture();
let { ext, panel } = {} as Audit;
let dash: Page;

const steps = () => dash.getByRole('article', { name: /^Step \d+:/ });
const step = (n: number) => dash.getByRole('article', { name: new RegExp(`^Step ${n}:`) });
const stepIdsOnScreen = async () => (await steps().evaluateAll((els) => els.map((el) => el.id.replace('step-', '')))) as string[];
async function storedOrder(sessionId: string) {
  const rows = await readStore<{ id: string; sessionId: string; position: number }>(dash, 'steps');
  return rows.filter((r) => r.sessionId === sessionId).sort((a, b) => a.position - b.position).map((r) => r.id);
}
/** Unfolds a step for editing unless it is open already (j / k may have opened it). */
async function unfold(n: number, name = `Edit step ${n}`) {
  const toggle = step(n).getByRole('button', { name });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
async function seriousAxeViolations() {
  const result = await new AxeBuilder({ page: dash as any }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`);
}
const headings = () => dash.locator('.stage-heading').allTextContents();
const focusedStepId = () => dash.evaluate(() => document.activeElement?.closest('article')?.id.replace('step-', '') ?? null);

beforeAll(async () => {
  ({ ext, panel } = audit);
  // Session 0 is paused (the panel shows it), session 1 completed.
  await seedThroughPanel(panel, ext.profileDir, {
    sessions: 2,
    stepsPerSession: (i) => (i === 0 ? 6 : 2),
    status: (i) => (i === 0 ? 'paused' : 'completed'),
    title: (i) => (i === 0 ? 'Checkout audit' : 'Returns audit'),
    step: (i, p) =>
      i === 0 && p === 0
        ? {
            context: {
              ttfbMs: 120, domContentLoadedMs: 800, loadMs: 1500, lcpMs: 2300, cls: 0.12, errorsWatched: true,
              errors: [{ message: 'TypeError: basket is undefined', source: 'https://shop0.example.com/app.js', at: 1 }], userAgent: 'Mozilla/5.0',
            },
          }
        : {},
  });
  dash = await ext.context.newPage();
  await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#/session/seed-0000`);
  await dash.getByRole('heading', { name: 'Checkout audit', level: 1 }).waitFor();
}, 90_000);

const S = (p: number) => `seed-0000-step-${p}`;

describe('reviewing a session in the dashboard', () => {
  it('shows every step under its stage, with its screenshot, and passes an accessibility check', async () => {
    await expect.poll(() => steps().count()).toBe(6);
    expect(await headings()).toEqual(['Discover · steps 1–2', 'Choose · step 3', 'Buy · steps 4–5', 'Get help · step 6']);
    const thumb = step(1).getByRole('button', { name: 'View step 1, screenshot 1 of 1 full size' });
    await expect.poll(() => thumb.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    const annotate = step(1).getByRole('link', { name: 'Annotate step 1, screenshot 1 of 1' });
    expect(await annotate.getAttribute('href')).toBe('/annotate.html?screenshot=seed-0000-step-0-shot');
    const [editor] = await Promise.all([ext.context.waitForEvent('page'), annotate.click()]);
    await editor.getByRole('heading', { name: 'Annotate step 1: Page 1' }).waitFor();
    await editor.close();
    await dash.bringToFront();
    // The page context captured with the step: timings and the page's own errors.
    const context = step(1).getByLabel('Page context');
    expect(await context.innerText()).toMatch(/First byte\s*120 ms[\s\S]*Loaded\s*1\.5 s[\s\S]*LCP\s*2\.3 s[\s\S]*CLS\s*0\.12[\s\S]*JS errors\s*1/);
    await step(1).getByText('Show the error').click();
    await step(1).getByText('TypeError: basket is undefined').waitFor();
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review.png` });
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('opens a screenshot full size, zooms by keyboard, and Esc closes it', async () => {
    const thumb = step(1).getByRole('button', { name: 'View step 1, screenshot 1 of 1 full size' });
    await thumb.click();
    const dialog = dash.getByRole('dialog', { name: 'Step 1, screenshot 1 of 1' });
    await dialog.getByRole('img').waitFor();
    await dash.keyboard.press('0');
    await expect.poll(() => dialog.getByRole('button', { name: '100 %' }).getAttribute('aria-pressed')).toBe('true');
    await dash.keyboard.press('+');
    await expect.poll(() => dialog.getByLabel('Zoom level').innerText()).toBe('150 %');
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review-dialog.png` });
    expect(await seriousAxeViolations()).toEqual([]);
    await dash.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => thumb.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('saves a note and a score edited here, and the side panel shows them', async () => {
    await unfold(2);
    const note = step(2).getByRole('textbox', { name: 'Note for step 2' });
    await note.click();
    await note.press('End');
    await note.pressSequentially(' — the size guide hides the price');
    await step(2).getByText('Saved', { exact: true }).waitFor();
    expect(await seriousAxeViolations()).toEqual([]);
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review-edit.png` });
    const group = step(2).getByRole('radiogroup', { name: 'Get it right', exact: true });
    await group.locator('[tabindex="0"]').focus();
    await dash.keyboard.press('1');
    await expect.poll(async () => (await readStore<any>(dash, 'steps')).find((s) => s.id === S(1))?.scores['get-it-right']).toBe(1);

    // The panel's keys: Esc leaves the note, j opens the next step on its first pillar, a digit scores it.
    await note.press('Escape');
    await dash.keyboard.press('j');
    await expect.poll(() => step(3).getByRole('textbox', { name: 'Note for step 3' }).isVisible()).toBe(true);
    await expect.poll(() => dash.evaluate(() => document.activeElement?.closest('[role="radiogroup"]')?.getAttribute('aria-label'))).toBe('Get it right');
    expect(await focusedStepId()).toBe(S(2));
    await dash.keyboard.press('4');
    await expect.poll(async () => (await readStore<any>(dash, 'steps')).find((s) => s.id === S(2))?.scores['get-it-right']).toBe(4);

    await expandStep(panel, 2);
    await expect.poll(() => panelStep(panel, 2).getByRole('textbox', { name: 'Note for step 2' }).inputValue()).toBe('Step 2 of audit 1 — the size guide hides the price');
    const panelGroup = panelStep(panel, 2).getByRole('radiogroup', { name: 'Get it right', exact: true });
    await expect.poll(() => panelGroup.getByRole('radio', { name: /^1( –|$)/ }).getAttribute('aria-checked')).toBe('true');
  });

  it('reorders with Move up and Alt+arrows, keeping the focus on the moved step', async () => {
    await step(3).getByRole('button', { name: 'Move up' }).click();
    const swapped = [S(0), S(2), S(1), S(3), S(4), S(5)];
    await expect.poll(() => storedOrder('seed-0000')).toEqual(swapped);
    await expect.poll(stepIdsOnScreen).toEqual(swapped);
    await expect.poll(focusedStepId).toBe(S(2));

    await dash.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(2), S(0), S(1), S(3), S(4), S(5)]);
    await expect.poll(focusedStepId).toBe(S(2));
    // One press, its stored answer, then the next: two presses within the same few milliseconds
    // (faster than a hand) can still lose one when the second lands while the moved step's element
    // is being re-inserted; that race is open (see the closing note), and this test checks the
    // moves themselves, not a speed.
    await dash.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(0), S(2), S(1), S(3), S(4), S(5)]);
    await expect.poll(focusedStepId).toBe(S(2));
    await dash.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(0), S(1), S(2), S(3), S(4), S(5)]);
    await expect.poll(stepIdsOnScreen).toEqual([S(0), S(1), S(2), S(3), S(4), S(5)]);
    await expect.poll(focusedStepId).toBe(S(2));

    // Drag and drop: step 1 onto the lower half of step 3 lands after it.
    // Playwright's mouse drag does not reach an extension page in this headless mode, so the test
    // plays the browser's part: the same drag events, with one DataTransfer, on the same elements.
    const transfer = await dash.evaluateHandle(() => new DataTransfer());
    const box = (await step(3).boundingBox())!;
    const lowerHalf = { dataTransfer: transfer, clientX: box.x + 40, clientY: box.y + box.height - 10 };
    await step(1).locator('.drag-handle').dispatchEvent('dragstart', { dataTransfer: transfer });
    await step(3).dispatchEvent('dragover', lowerHalf);
    await step(3).dispatchEvent('drop', lowerHalf);
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(1), S(2), S(0), S(3), S(4), S(5)]);
    await step(3).getByRole('button', { name: 'Move up' }).click();
    await expect.poll(focusedStepId).toBe(S(0));
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(1), S(0), S(2), S(3), S(4), S(5)]);
    await dash.keyboard.press('Enter');
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(0), S(1), S(2), S(3), S(4), S(5)]);
  });

  it('moves a step to another stage and the stage headings regroup', async () => {
    await unfold(3);
    await step(3).getByRole('radiogroup', { name: 'Stage' }).getByRole('radio', { name: 'Buy' }).click();
    await expect.poll(headings).toEqual(['Discover · steps 1–2', 'Buy · steps 3–5', 'Get help · step 6']);
    expect((await readStore<any>(dash, 'steps')).find((s) => s.id === S(2))?.stageId).toBe('seed-0000-stage-2');
  });

  it('deletes a step and brings it back with Undo', async () => {
    await step(4).getByRole('button', { name: 'Delete step 4' }).click();
    await dash.getByRole('status').getByText('Step 4 deleted.').waitFor();
    await expect.poll(() => steps().count()).toBe(5);
    await expect.poll(() => dash.getByRole('button', { name: 'Undo' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dash.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => storedOrder('seed-0000')).toEqual([S(0), S(1), S(2), S(3), S(4), S(5)]);
    await expect.poll(stepIdsOnScreen).toEqual([S(0), S(1), S(2), S(3), S(4), S(5)]);
    await expect.poll(focusedStepId).toBe(S(3));
  });

  it('adds a text-only step at a chosen place and stage, shown in the side panel too', async () => {
    await dash.getByRole('button', { name: 'Add a text-only step' }).click();
    const form = dash.getByRole('form', { name: 'Add a text-only step' });
    await form.getByRole('textbox', { name: 'What happened' }).fill('Phone call to support');
    await form.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Get help' });
    await form.getByRole('combobox', { name: 'Place' }).selectOption({ label: 'After step 2: Page 2' });
    await form.getByRole('textbox', { name: 'Note' }).fill('Waited 20 minutes on hold');
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review-add.png` });
    await form.getByRole('button', { name: 'Add step' }).click();
    const added = step(3);
    await expect.poll(() => added.getAttribute('aria-label')).toBe('Step 3: Phone call to support');
    await added.getByText('Text-only step').waitFor();
    // Focus goes to the new step's note, to carry on writing.
    await expect.poll(() => dash.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Note for step 3');
    const stored = (await readStore<any>(dash, 'steps')).find((s) => s.pageTitle === 'Phone call to support');
    expect(stored).toMatchObject({ position: 2, url: '', stageId: 'seed-0000-stage-3', note: 'Waited 20 minutes on hold' });
    expect((await readStore<any>(dash, 'screenshots')).filter((s) => s.stepId === stored.id)).toEqual([]);
    await expect.poll(() => panelStep(panel, 3).getAttribute('aria-label')).toBe('Step 3: Phone call to support');
    if (process.env.MS_SHOTS) {
      await expandStep(panel, 3);
      await panelStep(panel, 3).scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${process.env.MS_SHOTS}/panel-text-step.png` });
    }
  });

  it('reopens a completed session to edit it', async () => {
    await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#/session/seed-0001`);
    await dash.getByRole('heading', { name: 'Returns audit', level: 1 }).waitFor();
    await unfold(1, 'Details step 1');
    const note = step(1).getByRole('textbox', { name: 'Note for step 1' });
    expect(await note.getAttribute('readonly')).not.toBeNull();
    expect(await step(1).getByRole('button', { name: 'Move down' }).count()).toBe(0);
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review-completed.png` });
    await dash.getByRole('button', { name: 'Reopen to edit' }).click();
    await expect.poll(() => note.getAttribute('readonly')).toBeNull();
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review-reopened.png` });
    expect((await readStore<any>(dash, 'sessions')).find((s) => s.id === 'seed-0001')).toMatchObject({ status: 'paused', completedAt: null });
  });

  it('runs the audit again for a competitor: same journey and rubric, now the active session', async () => {
    await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#/session/seed-0000`);
    await dash.getByRole('heading', { name: 'Checkout audit', level: 1 }).waitFor();
    await dash.getByRole('button', { name: 'Run again…' }).click();
    const form = dash.getByRole('form', { name: 'Run this audit again' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Checkout audit — Rival');
    await form.getByRole('textbox', { name: 'Brand' }).fill('Rival');
    await form.getByRole('textbox', { name: 'Start URL' }).fill('https://rival.example/');
    if (process.env.MS_SHOTS) await dash.screenshot({ path: `${process.env.MS_SHOTS}/review-again.png` });
    await form.getByRole('button', { name: 'Start the new session' }).click();
    await dash.getByRole('heading', { name: 'Checkout audit — Rival', level: 1 }).waitFor();
    const newId = decodeURIComponent(new URL(dash.url()).hash.replace('#/session/', ''));
    const sessions = await readStore<any>(dash, 'sessions');
    const original = sessions.find((s) => s.id === 'seed-0000');
    const again = sessions.find((s) => s.id === newId);
    expect(again).toMatchObject({ brand: 'Rival', startUrl: 'https://rival.example/', status: 'active' });
    for (const key of ['promise', 'persona', 'scenario', 'stages', 'rubric']) expect(again[key]).toEqual(original[key]);
    expect(original.status).toBe('paused');
    await dash.getByText('No steps in this session yet.', { exact: false }).waitFor();
    // The side panel follows: the new session is the active one.
    await waitUntil(async () => (await panel.getByRole('region', { name: 'Current session' }).innerText()).includes('Checkout audit — Rival'), 'the panel shows the new session');
  });
});
