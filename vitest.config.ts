import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/lib/**/*.test.ts', 'tests/components/**/*.test.ts?(x)'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          // Vitest's 5 s default is a speed limit: the property tests and the real-Apache ones ran
          // past it beside the e2e browsers on two busy cores. No test here may depend on speed.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Policy gates over the built extension (npm test builds Chrome and Firefox first): permissions,
        // forbidden code, size budgets. Each prints what it measured.
        test: { name: 'policy', include: ['tests/policy/**/*.test.ts'], environment: 'node' },
      },
      {
        // e2e files also render reports with lib/ directly, so they need lib's import alias.
        resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // The network gate: counts every request the e2e browsers made and fails on one that left.
          globalSetup: ['./tests/e2e/requests-gate.ts'],
          // Each file launches its own Chromium; CI has two cores, so one file at a time.
          fileParallelism: false,
          // A state that is right is usually right within milliseconds; CI's two busy cores can
          // make it take seconds. Polls wait up to 10 s for it (they return as soon as it holds).
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
        test: {
          name: 'firefox',
          include: ['tests/firefox/**/*.test.ts'],
          // Each file launches its own firefox-esr over WebDriver BiDi (tests/firefox/harness.ts);
          // one at a time, and Firefox starting on two busy cores can take a minute. Group 1: after
          // the unit and Chromium projects (group 0), never beside a Chromium.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
