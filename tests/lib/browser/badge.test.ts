import { describe, expect, it } from 'vitest';
import { badgeLook, toolbarBadge, type ToolbarButton } from '@/lib/browser/badge';

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
