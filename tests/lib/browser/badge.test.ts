import { describe, expect, it, vi } from 'vitest';
import { badgeLook, toolbarBadge, startToolbarBadge, type ToolbarButton } from '@/lib/browser/badge';
import type { AppDB } from '@/lib/db';
import { AppFailure, type AppError } from '@/lib/errors';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

// What the toolbar button shows is the shopper's only sign, outside our pages, that a session records.

function fakeButton() {
  const shown = { text: '', color: '', title: '' };
  const button: ToolbarButton = {
    setBadgeText: async ({ text }) => void (shown.text = text),
    setBadgeBackgroundColor: async ({ color }) => void (shown.color = color),
    setTitle: async ({ title }) => void (shown.title = title),
  };
  return { button, shown };
}

describe('toolbar badge', () => {
  it('says REC, with the session in the tooltip, while a session records, and nothing once it stops', async () => {
    const { button, shown } = fakeButton();
    const badge = toolbarBadge(button);
    await badge.recording('Checkout audit');
    expect(shown).toMatchObject({ text: 'REC', title: 'Mystery Shopper: recording “Checkout audit”' });
    await badge.recording(null);
    expect(shown).toMatchObject({ text: '', title: 'Mystery Shopper' });
  });

  it('shows a failed shortcut capture over recording until a later one succeeds', async () => {
    const { button, shown } = fakeButton();
    const badge = toolbarBadge(button);
    await badge.recording('Checkout audit');
    await badge.failed();
    expect(shown.text).toBe('!');
    await badge.succeeded();
    expect(shown.text).toBe('REC');
  });

  it('draws the last state last when changes come quickly', async () => {
    const { button, shown } = fakeButton();
    const badge = toolbarBadge(button);
    void badge.recording('A');
    void badge.recording(null);
    await badge.recording('B');
    expect(shown.text).toBe('REC');
    expect(shown.title).toContain('“B”');
  });

  it('uses white on a red that passes 4.5:1', () => {
    const look = badgeLook({ recording: 'x', failed: false });
    const lum = (hex: string) => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    expect(1.05 / (lum(look.color) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('toolbar badge wiring (what the background starts)', () => {
  let db: AppDB;
  let clock: TestClock;
  // Deleting the database after each test also ends the query the badge follows.
  useFreshDb((fresh) => ({ db, clock } = fresh));

  it('follows the recording session in the database: REC while one records, nothing once it is paused', async () => {
    const { button, shown } = fakeButton();
    startToolbarBadge(db, button, () => undefined);
    const session = await startSession(db, newSessionInput('Checkout audit'), environment, clock);
    await vi.waitFor(() => expect(shown).toMatchObject({ text: 'REC', title: 'Mystery Shopper: recording “Checkout audit”' }));
    await setSessionStatus(db, session.id, 'paused', clock.now());
    await vi.waitFor(() => expect(shown).toMatchObject({ text: '', title: 'Mystery Shopper' }));
  });

  it('shows REC for a session already recording when the worker starts', async () => {
    await startSession(db, newSessionInput('Returns journey'), environment, clock);
    const { button, shown } = fakeButton();
    startToolbarBadge(db, button, () => undefined);
    await vi.waitFor(() => expect(shown).toMatchObject({ text: 'REC', title: 'Mystery Shopper: recording “Returns journey”' }));
  });

  it("tells open pages why a shortcut capture failed and shows '!' until a later one works", async () => {
    await startSession(db, newSessionInput('Checkout audit'), environment, clock);
    const { button, shown } = fakeButton();
    const told: AppError[] = [];
    const shortcut = startToolbarBadge(db, button, (error) => told.push(error));
    await vi.waitFor(() => expect(shown.text).toBe('REC'));
    await shortcut(() => Promise.reject(new AppFailure({ kind: 'no-tab' })));
    expect(shown.text).toBe('!');
    expect(told).toEqual([{ kind: 'no-tab' }]);
    await shortcut(() => Promise.resolve());
    expect(shown.text).toBe('REC');
    expect(told).toHaveLength(1);
  });
});
