import { describe, expect, it } from 'vitest';
import { auditFixture } from './harness';
import { startSession } from './panel';

// The toolbar button is what the shopper sees on every page: it must say when a session records.

const audit = auditFixture();

async function button() {
  const page = audit.panel;
  return page.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
}

describe('toolbar button', () => {
  it('shows REC while a session records, and nothing while it is paused', async () => {
    await expect.poll(async () => (await button()).text).toBe('');
    await startSession(audit.panel, { title: 'Badge check', brand: 'Northwind Outfitters' });
    await expect.poll(button).toEqual({ text: 'REC', title: 'Mystery Shopper: recording “Badge check”' });

    await audit.panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(button).toEqual({ text: '', title: 'Mystery Shopper' });

    await audit.panel.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => (await button()).text).toBe('REC');
  });
});
