import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

// Automated accessibility checks (axe-core) of the extension's pages, for the e2e tests. axe
// finds about a third of real problems (contrast, names, roles, landmarks); the e2e tests'
// habit of driving everything by role and accessible name covers much of the rest.

const BLOCKING = new Set(['serious', 'critical']);
let axeSource: string | undefined;

async function analyse(page: Page, exclude: readonly string[]): Promise<AxeResults> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  for (const selector of exclude) builder.exclude(selector);
  try {
    return await builder.analyze();
  } catch (error) {
    // AxeBuilder drives frames through its own protocol; should that fail on an extension page,
    // run axe in the page directly (evaluate is not subject to the page's CSP).
    console.warn('AxeBuilder failed, running axe-core in the page instead:', error);
    axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    return page.evaluate(
      (exc) => (window as any).axe.run({ exclude: exc.map((s: string) => [s]) }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
      [...exclude],
    );
  }
}

/** One line per failing node: rule, impact, where, and what axe says to do. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((v) => v.nodes.map((n) => `- [${v.impact}] ${v.id}: ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`))
    .join('\n');
}

/**
 * The serious and critical violations on the page as it is now (an empty list passes). Lesser
 * ones are printed, not failed, so they stay visible without blocking.
 */
export async function seriousViolations(page: Page, what: string, options: { exclude?: readonly string[] } = {}): Promise<Result[]> {
  const { violations, passes, incomplete } = await analyse(page, options.exclude ?? []);
  if (process.env.AXE_DEBUG) console.info(`axe, ${what}: ${passes.length} rules pass; to review by hand: ${incomplete.map((r) => `${r.id}×${r.nodes.length}`).join(', ')}\n${incomplete.flatMap((r) => r.nodes.map((n) => `  ${r.id} ${n.target.join(' ')}: ${n.any.map((c) => c.message).join('; ')}`)).join('\n')}`);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const minor = violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (minor.length) console.info(`axe, ${what}: ${minor.length} moderate/minor rule(s) (not failing):\n${describeViolations(minor)}`);
  if (blocking.length) console.error(`axe, ${what}: serious or critical violations:\n${describeViolations(blocking)}`);
  return blocking;
}

/** A readable assertion message: the rule ids and targets, so a failing run says what to fix. */
export const summary = (violations: readonly Result[]) => violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.help}`);

/**
 * The same check in the light and the dark scheme (prefers-color-scheme), so that contrast is
 * verified in both. With MS_SHOTS=<dir> it also saves a screenshot of each, to look at.
 */
export async function seriousViolationsInBothSchemes(page: Page, what: string, options: { exclude?: readonly string[] } = {}): Promise<Result[]> {
  const found: Result[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Wait for the scheme to be in effect before axe reads the colours.
    await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, colorScheme);
    if (process.env.MS_SHOTS) await page.screenshot({ path: `${process.env.MS_SHOTS}/${what.replace(/\W+/g, '-')}-${colorScheme}.png`, fullPage: true });
    found.push(...(await seriousViolations(page, `${what} (${colorScheme})`, options)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
