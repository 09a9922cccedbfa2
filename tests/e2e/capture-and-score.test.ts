import { beforeAll, describe, expect, it } from 'vitest';
import { auditFixture, readStore, runCommand, tabIdOf, type Audit, readImages } from './harness';
import {
  alignmentOf,
  brandAlignmentScore,
  captureStep,
  scoreByKey,
  startSession,
  step,
  steps,
  typeNote,
  waitForNoteSaved,
} from './panel';

// Paths 2–5 of the walking skeleton: start a session, capture by button and by shortcut,
// note and score by keyboard, and read the step's and the session's scores.

// The test build: the shortcut's handler is reached through its worker.
const audit = auditFixture({ slowMs: 300, build: 'e2e' });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));

describe('a consultant audits the demo shop', () => {
  it('starts a session with the current page prefilled and the rubric snapshotted', async () => {
    await expect.poll(() => panel.getByRole('textbox', { name: 'Site / start URL' }).inputValue()).toBe(shop.url('index.html'));
    await startSession(panel, {
      title: 'Gift purchase',
      brand: 'Northwind Outfitters',
      promise: 'Gear you can trust, help when you need it.',
      rubric: 'Five Principles of Good CX',
    });
    const [session] = await readStore<any>(panel, 'sessions');
    expect(session.status).toBe('active');
    expect(session.startUrl).toBe(shop.url('index.html'));
    expect(session.rubric.pillars.map((p: any) => p.name)).toEqual([
      'Get it right',
      'Communicate',
      'Take on the stress',
      'No near-misses',
      'Every customer elite',
    ]);
    expect(session.environment.viewport).toEqual({ width: 1280, height: 800 });
    expect(session.environment.devicePixelRatio).toBe(1);
    expect(session.environment.browser).toMatch(/Chrom/);
    expect(session.createdAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('captures the visible tab as a step with thumbnail, URL, title and time', async () => {
    await captureStep(panel);
    const first = step(panel, 1);
    const title = await shopPage.title();
    await expect.poll(() => first.getAttribute('aria-label')).toBe(`Step 1: ${title}`);
    await expect.poll(() => first.getByText('127.0.0.1').first().isVisible()).toBe(true);
    await expect.poll(() => first.getByText('first step', { exact: false }).isVisible()).toBe(true);
    // The thumbnail is a decoded image, not a broken placeholder.
    const thumb = first.getByRole('img', { name: 'Screenshot of step 1' });
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);

    const [stored] = await readStore<any>(panel, 'steps');
    expect(stored.url).toBe(shop.url('index.html'));
    expect(stored.pageTitle).toBe(title);
    // The thumbnail is stored a moment after the reply (the card shows the panel's own 320 px
    // picture meanwhile, so its width alone does not say the thumbnail landed).
    await expect.poll(async () => (await readImages(panel)).map((i) => i.variant).sort()).toEqual(['full', 'thumb']);
    const images = await readImages(panel);
    expect(images.every((i) => i.blob.blobSize > 500)).toBe(true);
  });

  it('captures by keyboard shortcut, with the time since the previous step', async () => {
    await shopPage.goto(shop.url('products.html'));
    // Chrome hands the command listener the active tab of the focused window; so do we.
    await runCommand(ext, 'capture-step', await tabIdOf(ext, shopPage));
    await expect.poll(() => steps(panel).count()).toBe(2);
    await expect.poll(() => step(panel, 2).getAttribute('aria-label')).toBe(`Step 2: ${await shopPage.title()}`);
    await expect.poll(() => step(panel, 2).getByText(/\+\d+ s/).isVisible()).toBe(true);
  });

  it('saves notes as typed and scores pillars with number keys', async () => {
    await typeNote(panel, 1, 'Hero promises free returns; no price on featured items.');
    await waitForNoteSaved(panel, 1);
    await scoreByKey(panel, 1, 'Get it right', '4');
    await scoreByKey(panel, 1, 'Communicate', '2');
    await scoreByKey(panel, 1, 'Take on the stress', 'n');
    const severity = step(panel, 1).getByRole('radiogroup', { name: 'Friction severity' });
    await severity.getByRole('radio', { name: '2 – Minor' }).click();

    // Scale 1–5 maps onto 0–100: 4 → 75, 2 → 25; N/A is left out.
    const expectedStep1 = ((4 - 1) / 4 + (2 - 1) / 4) / 2 * 100;
    await expect.poll(() => alignmentOf(panel, 1)).toBe(String(Math.round(expectedStep1)));

    await scoreByKey(panel, 2, 'Get it right', '5');
    const expectedStep2 = 100;
    await expect.poll(() => alignmentOf(panel, 2)).toBe(String(expectedStep2));
    await expect.poll(() => brandAlignmentScore(panel)).toBe(String(Math.round((expectedStep1 + expectedStep2) / 2)));

    const stored = await readStore<any>(panel, 'steps');
    const s1 = stored.find((s) => s.position === 0);
    expect(s1.note).toBe('Hero promises free returns; no price on featured items.');
    expect(s1.scores).toEqual({ 'get-it-right': 4, communicate: 2, 'take-on-the-stress': 'na' });
    expect(s1.severity).toBe(2);
  });

  it('deletes a step with its images after confirmation', async () => {
    await step(panel, 2).getByRole('button', { name: 'Delete step 2' }).click();
    await step(panel, 2).getByRole('button', { name: 'Confirm: delete step 2' }).click();
    await expect.poll(() => steps(panel).count()).toBe(1);
    expect(await readStore(panel, 'steps')).toHaveLength(1);
    await expect.poll(() => brandAlignmentScore(panel)).toBe('50');
    // The images wait in place for the 30 s undo window, then the purge frees them.
    await expect.poll(() => readImages(panel).then((i) => i.length), { timeout: 60_000, interval: 1_000 }).toBe(2);
  });
});
