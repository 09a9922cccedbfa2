import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations, summary } from './a11y';
import { auditFixture, type Audit } from './harness';
import { captureStep, expandStep, startSession } from './panel';
import { seedThroughPanel } from './seed';
import { BRAND_PROMISE, FIVE_PRINCIPLES } from '@/lib/rubric/builtin';

// Issue 6's quality bar: axe-core finds no serious or critical violation in the side panel, the
// dashboard's views and the rubric editor, each in the state a user works in.

const audit = auditFixture({ slowMs: 100 });
let { ext, shop, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ ext, shop, shopPage, panel } = audit));
let page: Page;
const url = (path: string) => `chrome-extension://${ext.extensionId}/${path}`;

describe('side panel', () => {
  it('start screen', async () => {
    await panel.getByRole('button', { name: 'Start session' }).waitFor();
    expect(summary(await seriousViolations(panel, 'panel start screen'))).toEqual([]);
  });

  it('a session with a step expanded', async () => {
    await startSession(panel, { title: 'Accessible audit', brand: 'Northwind' });
    await shopPage.goto(shop.url('product.html'));
    await captureStep(panel);
    await expandStep(panel, 1);
    expect(summary(await seriousViolations(panel, 'panel with a step expanded'))).toEqual([]);
  });

  it('the Summary tab', async () => {
    await panel.getByRole('tab', { name: 'Summary' }).click();
    await panel.getByRole('heading', { name: 'Pillars' }).waitFor();
    expect(summary(await seriousViolations(panel, 'panel Summary tab'))).toEqual([]);
  });
});

describe('dashboard and rubric editor', () => {
  beforeAll(async () => {
    // Seeding imports through the panel's start screen: leave the session first.
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByRole('button', { name: 'New session' }).click();
    await panel.getByLabel('Bundle file (.zip) exported by Mystery Shopper').waitFor({ state: 'attached' });
    await seedThroughPanel(panel, mkdtempSync(join(tmpdir(), 'ms-a11y-')), {
      sessions: 4,
      stepsPerSession: (i) => 3 + i,
      rubric: (i) => (i === 3 ? BRAND_PROMISE : FIVE_PRINCIPLES),
    });
    page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('library', async () => {
    await page.goto(url('dashboard.html#/'));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(summary(await seriousViolations(page, 'dashboard library'))).toEqual([]);
  });

  it('review', async () => {
    await page.goto(url('dashboard.html#/session/seed-0000'));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(summary(await seriousViolations(page, 'dashboard review'))).toEqual([]);
  });

  it('compare, with the chart table open', async () => {
    await page.goto(url('dashboard.html#/compare/seed-0000,seed-0001,seed-0002'));
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    await page.getByText('Chart as a table').click();
    expect(summary(await seriousViolations(page, 'dashboard compare'))).toEqual([]);
  });

  it('compare across rubrics, and the session picker', async () => {
    await page.goto(url('dashboard.html#/compare/seed-0000,seed-0003'));
    await page.getByRole('region', { name: 'Not compared' }).waitFor();
    expect(summary(await seriousViolations(page, 'dashboard compare across rubrics'))).toEqual([]);
    await page.goto(url('dashboard.html#/compare/'));
    await page.getByRole('checkbox').first().waitFor();
    expect(summary(await seriousViolations(page, 'dashboard compare picker'))).toEqual([]);
  });

  it('rubric editor, with a template copied into the form', async () => {
    await page.goto(url('rubrics.html'));
    await page.getByRole('button', { name: 'Copy Brand promise' }).click();
    await page.getByRole('textbox', { name: 'Rubric name' }).waitFor();
    expect(summary(await seriousViolations(page, 'rubric editor'))).toEqual([]);
  });
});
