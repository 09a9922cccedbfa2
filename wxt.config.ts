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
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: ['<all_urls>'],
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
