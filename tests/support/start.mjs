// `npm start`: serve the demo shop and open Chromium with the freshly built extension on it.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startShop } from './server.mjs';
import { chromiumPath, extensionArgs } from './chromium.mjs';

const profile = process.env.START_PROFILE ?? fileURLToPath(new URL('../../.tmp/start-profile', import.meta.url));
mkdirSync(profile, { recursive: true });
const shop = await startShop({ port: Number(process.env.PORT ?? 0) });
console.log(`Demo shop: ${shop.origin}/`);
console.log('Chromium opens with Mystery Shopper loaded. Click its toolbar icon (puzzle piece → pin it) to open the side panel.');
console.log('Close Chromium or press Ctrl+C to stop.');

// START_HEADLESS lets the e2e suite check this very script without a display.
const headless = process.env.START_HEADLESS ? ['--headless', '--remote-debugging-port=0'] : [];
const browser = spawn(chromiumPath(), [...extensionArgs(), ...headless, `--user-data-dir=${profile}`, `${shop.origin}/index.html`], {
  stdio: 'inherit',
});
let browserExited = false;
const exited = new Promise((resolve) => browser.on('exit', () => resolve((browserExited = true))));
const stop = async () => {
  // Wait for Chromium to let go of its profile before leaving.
  if (!browserExited) browser.kill();
  await exited;
  await shop.close();
  process.exit(0);
};
browser.on('exit', stop);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
