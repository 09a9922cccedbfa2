import { expect, it } from 'vitest';
import { chooseShortcutTab } from '@/lib/browser/shortcut';
import { AppFailure } from '@/lib/errors';

const OWN = 'chrome-extension://abc/';
const shop = { id: 4, url: 'https://shop.example/' };
const panel = { id: 9, url: `${OWN}sidepanel.html` };

it('takes the tab Chrome names when it is a web page', () => {
  expect(chooseShortcutTab(shop, [{ id: 5, url: 'https://other.example/' }], OWN)).toBe(4);
});

it('skips our own pages (a detached panel window holding the focus) and tabs without an id', () => {
  expect(chooseShortcutTab(panel, [panel, { url: 'https://no-id.example/' }, { id: 6, url: 'https://shop.example/cart' }], OWN)).toBe(6);
  expect(chooseShortcutTab(undefined, [shop], OWN)).toBe(4);
});

it('fails with no-tab when only our own pages are open', () => {
  expect(() => chooseShortcutTab(panel, [panel], OWN)).toThrow(new AppFailure({ kind: 'no-tab' }));
  expect(() => chooseShortcutTab(undefined, [], OWN)).toThrow(AppFailure);
});
