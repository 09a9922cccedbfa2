// Finds the Chromium that tests, the benchmark and `npm start` drive, and the flags they share.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
// The test build (`npm run build:e2e`): the store build plus the hooks only tests may reach, such as
// the keyboard commands' handlers (headless Chromium cannot press a browser shortcut). Only the
// tests that need a hook load it; the store build must have none (tests/e2e/store-build.test.ts).
export const E2E_EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3-e2e', import.meta.url));

// Google Chrome ignores --load-extension since version 137; Chromium honours it.
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  return found;
}

export function extensionArgs(extensionDir = EXTENSION_DIR) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}
