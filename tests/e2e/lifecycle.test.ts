import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startShop } from '../support/server.mjs';
import { freshProfile, launchExtension, openPanel, readStore, removeProfile, runCommand, tabIdOf, type Extension } from './harness';
import { brandAlignmentScore, captureStep, expandStep, scoreByKey, startSession, step, steps, typeNote, waitForNoteSaved } from './panel';

// Path 6: pause, resume and complete; nothing is lost when the panel closes mid-word or the
// browser restarts on the same profile.

let shop: Awaited<ReturnType<typeof startShop>>;
let ext: Extension;
let shopPage: Page;
let panel: Page;
const profile = freshProfile();

async function open() {
  // The test build: the shortcut's handler is reached through its worker.
  ext = await launchExtension(profile, { build: 'e2e' });
  shopPage = ext.context.pages()[0] ?? (await ext.context.newPage());
  await shopPage.goto(shop.url('product.html'));
  panel = await openPanel(ext, shopPage);
}

beforeAll(async () => {
  shop = await startShop();
  await open();
  await startSession(panel, { title: 'Lifecycle', brand: 'Northwind Outfitters' });
  await captureStep(panel);
});

afterAll(async () => {
  await ext?.close();
  await shop?.close();
  removeProfile(profile);
});

const status = () => panel.getByRole('region', { name: 'Current session' }).locator('.status').textContent();
const noteBox = (n: number) => step(panel, n).getByRole('textbox', { name: `Note for step ${n}` });

describe('session lifecycle', () => {
  it('keeps a note typed right before the panel closes', async () => {
    await typeNote(panel, 1, 'Size guide opens in a new tab and loses the basket');
    // No wait for "Saved": the panel goes away mid-save.
    await panel.close();
    panel = await openPanel(ext, shopPage);
    await expandStep(panel, 1);
    await expect.poll(() => noteBox(1).inputValue()).toBe('Size guide opens in a new tab and loses the basket');
    await expect.poll(async () => (await readStore<any>(panel, 'steps'))[0]?.note).toBe('Size guide opens in a new tab and loses the basket');
  });

  it('pauses: capture is gone until the session resumes', async () => {
    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(status).toBe('Paused');
    expect(await panel.getByRole('button', { name: /^Capture step/ }).count()).toBe(0);
    expect((await readStore<any>(panel, 'sessions'))[0].status).toBe('paused');

    // The shortcut is refused too, and says why.
    await runCommand(ext, 'capture-step', await tabIdOf(ext, shopPage));
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/Start or resume a session/);
    expect(await readStore(panel, 'steps')).toHaveLength(1);
    await panel.getByRole('button', { name: 'Dismiss message' }).click();

    await panel.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(status).toBe('Recording');
    await captureStep(panel);
    expect(await steps(panel).count()).toBe(2);
  });

  it('shows the active session exactly as it was after a browser restart', async () => {
    await scoreByKey(panel, 2, 'Get it right', '5');
    await typeNote(panel, 2, 'Checkout button below the fold');
    await waitForNoteSaved(panel, 2);
    const before = await brandAlignmentScore(panel);

    await ext.close();
    await open();

    await expect.poll(() => steps(panel).count()).toBe(2);
    await expect.poll(status).toBe('Recording');
    await expandStep(panel, 2);
    expect(await noteBox(2).inputValue()).toBe('Checkout button below the fold');
    expect(await brandAlignmentScore(panel)).toBe(before);
    await captureStep(panel);
    expect(await readStore(panel, 'steps')).toHaveLength(3);
  });

  it('completes: the session is read-only and a new one can start', async () => {
    await panel.getByRole('button', { name: 'Complete…' }).click();
    const form = panel.getByRole('form', { name: 'Complete this session' });
    await form.getByRole('radiogroup', { name: /made it easy/ }).getByRole('radio', { name: '6 – Agree' }).click();
    await form.getByRole('textbox', { name: 'Verdict' }).fill('Keeps the promise until checkout.');
    await form.getByRole('button', { name: 'Complete session' }).click();
    await expect.poll(status).toBe('Completed');
    expect(await panel.getByRole('button', { name: /^Capture step/ }).count()).toBe(0);
    await expandStep(panel, 1);
    expect(await noteBox(1).getAttribute('readonly')).not.toBeNull();
    const [session] = await readStore<any>(panel, 'sessions');
    expect(session.status).toBe('completed');
    expect(session.completedAt).toBeGreaterThan(session.createdAt);
    expect(session.ces).toBe(6);
    expect(session.verdict).toBe('Keeps the promise until checkout.');

    await panel.getByRole('button', { name: 'New session' }).click();
    await panel.getByRole('button', { name: 'Start session' }).waitFor();
    expect(await panel.getByRole('region', { name: 'Recent sessions' }).getByText('Lifecycle').isVisible()).toBe(true);
  });
});
