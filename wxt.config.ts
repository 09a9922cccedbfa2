import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Permissions are the minimum the features need; README explains each one.
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Mystery Shopper',
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
    // A fixed add-on id: Firefox keys storage (and the e2e tests the extension's UUID) by it.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'mystery-shopper@mystery-shopper.app' } } } : {}),
    action: { default_title: 'Mystery Shopper' },
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
