import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { zodWithoutJsonSchema } from './build/zod-without-json-schema';

// Permissions are the minimum the features need; README explains each one.
export default defineConfig({
  vite: () => ({ plugins: [preact(), zodWithoutJsonSchema()] }),
  // PNGs at 16/32/48/128 are drawn from the one SVG source at build time (sharp); README, Icons.
  modules: ['@wxt-dev/auto-icons'],
  autoIcons: { baseIconPath: 'assets/icon.svg', developmentIndicator: false },
  manifest: ({ browser }) => ({
    name: 'Mystery Shopper',
    // Chrome 116: sidePanel.open. Firefox 140: data_collection_permissions (128 would do for
    // MAIN-world scripting and storage.session; web-ext lint wants 140 with the key).
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // A fixed add-on id: Firefox keys storage (and the e2e tests the extension's UUID) by it.
              id: 'mystery-shopper@mystery-shopper.app',
              strict_min_version: '140.0',
              // Nothing is collected: audits stay on the device (PRIVACY.md).
              data_collection_permissions: { required: ['none'] },
            },
            // Desktop only (Android has no sidebar); stated so the key above has its minimum there too.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '116' }),
    description: 'Walk a website as a customer, capture each step, and score it against the brand promise.',
    permissions: [
      'scripting',
      'unlimitedStorage',
      // Auto-capture: page loads and in-page route changes of the audited tab, and storage.session
      // for the page waiting to settle while the worker may be stopped (README, Permissions).
      'webNavigation',
      'storage',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Mystery Shopper', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    commands: {
      'capture-step': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Capture the visible page as a new step',
      },
      // No suggested key: Chrome allows four, and the shopper picks one at chrome://extensions/shortcuts.
      'capture-full-page': {
        description: 'Capture the whole page, top to bottom, as a new step',
      },
    },
  }),
});
