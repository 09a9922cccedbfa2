import type { Page } from 'puppeteer-core';
import { byRole, waitUntil } from './harness';

// User actions in the sidebar page, by role and accessible name, for the Firefox tests
// (the Chromium ones, tests/e2e/panel.ts, use Playwright's locators).

/** The steps on screen: articles named "Step n: …". */
export function stepCount(panel: Page): Promise<number> {
  return panel.evaluate(() => [...document.querySelectorAll('article')].filter((a) => /^Step \d+:/.test(a.getAttribute('aria-label') ?? a.textContent ?? '')).length);
}

export async function startSession(panel: Page, title: string) {
  await byRole(panel, 'textbox', 'Title').fill(title);
  await byRole(panel, 'button', 'Start session').click();
  await byRole(panel, 'region', 'Current session').wait();
}

/** Clicks Capture step and waits until the new step is on screen. */
export async function capture(panel: Page) {
  const before = await stepCount(panel);
  // By its text: the button's accessible name also holds the shortcut it shows (Alt+Shift+S),
  // which the shopper may have changed.
  await panel.locator('button::-p-text(Capture step)').click();
  await waitUntil(async () => (await stepCount(panel)) === before + 1, `step ${before + 1} appears`);
}
