import { expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_EXTENSION_DIR, EXTENSION_DIR } from '../support/chromium.mjs';

// The store build must carry no test hook: the keyboard commands' handlers are handed to tests
// only by the test build (`wxt build --mode e2e`). A grep of every built file, after the build
// that `npm test` makes; the test build is grepped too, so a renamed hook cannot make this pass
// by finding nothing anywhere.

const HOOK = 'mysteryShopperTestHooks';
const OUTPUT = fileURLToPath(new URL('../../.output/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(js|mjs|html|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const mentions = (dir: string) => filesUnder(dir).filter((f) => readFileSync(f, 'utf8').includes(HOOK));
// A global the worker sets is how a test would reach into it (0.1.0 set `mysteryShopper` so);
// the store worker sets none. Injected page scripts may: they live in the page, not the worker.
const workerGlobals = (dir: string) => [...readFileSync(join(dir, 'background.js'), 'utf8').matchAll(/globalThis\.([\w$]+)\s*=(?!=)/g)].map((m) => m[1]);

it('ships no test hook in any store build', () => {
  expect(existsSync(join(EXTENSION_DIR, 'manifest.json')), 'build the extension first (npm test does)').toBe(true);
  // Chrome's build and any other browser's production build that was made (e.g. firefox-mv2).
  const storeBuilds = readdirSync(OUTPUT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[a-z]+-mv\d$/.test(e.name))
    .map((e) => join(OUTPUT, e.name));
  expect(storeBuilds).toContain(EXTENSION_DIR.replace(/\/$/, ''));
  for (const dir of storeBuilds) {
    expect(mentions(dir), dir).toEqual([]);
    if (existsSync(join(dir, 'background.js'))) expect(workerGlobals(dir), dir).toEqual([]);
  }
});

it('finds the hook where it belongs: in the test build only', () => {
  expect(mentions(E2E_EXTENSION_DIR).map((f) => f.slice(E2E_EXTENSION_DIR.length + 1))).toEqual(['background.js']);
  expect(workerGlobals(E2E_EXTENSION_DIR)).toEqual([HOOK]);
});
