import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, stopServiceWorker, waitUntil, type Audit } from './harness';
import { startSession, step, steps } from './panel';

// Issue 15, "Capture at the speed of the browser": the panel's capture sends its pixels ahead of
// the commit, so the panel decodes them while the background stores them, and the reply carries
// the stored records. What the shopper must see: a step only once it is stored (a refused commit
// shows its error and no card, though its pixels reached the panel), and the new step's picture
// on screen without the worker (stopped right after the reply).

const audit = auditFixture();
let { ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ ext, shopPage, panel } = audit));

const capture = () => panel.getByRole('button', { name: /^Capture step/ }).click();
/** The picture of step n has pixels decoded: its natural width, 0 until then. */
const pictureWidth = (n: number) =>
  step(panel, n)
    .getByRole('img', { name: `Screenshot of step ${n}` })
    .evaluate(async (img: HTMLImageElement) => {
      await img.decode().catch(() => undefined);
      return img.complete ? img.naturalWidth : 0;
    });

async function setReserve(text: string) {
  await panel.getByText('Disk reserve', { exact: true }).click();
  await panel.getByRole('spinbutton', { name: 'Disk reserve in MB' }).fill(text);
  await panel.getByRole('button', { name: 'Save reserve' }).click();
  await panel.getByRole('status').filter({ hasText: 'Reserve saved.' }).waitFor();
}

it("shows the new step's picture with the worker stopped right after the reply", async () => {
  await startSession(panel, { title: 'Picture without the worker' });
  await capture();
  await step(panel, 1).waitFor();
  // Stopped at once: the thumbnail is not made yet, nor any read served by the worker.
  await stopServiceWorker(ext, shopPage);
  await expect.poll(() => pictureWidth(1), { timeout: 30_000 }).toBeGreaterThan(0);
  // What was shown is what was stored: after a reload the panel reads it back from disk.
  await panel.reload();
  await expect.poll(() => pictureWidth(1), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await readStore(panel, 'screenshots')).toHaveLength(1);
});

it("still makes the step when the panel cannot take the pixels itself (the browser's per-second quota is spent)", async () => {
  // The panel takes the pixels at the click; Chrome allows about two captures a second, so two
  // just before leave it none: the background then captures, waiting for the quota, and stores.
  await panel.evaluate(async () => {
    const { windowId } = await chrome.tabs.get(Number(new URL(location.href).searchParams.get('tab')));
    for (let i = 0; i < 2; i++) await chrome.tabs.captureVisibleTab(windowId, { format: 'jpeg' }).catch(() => undefined);
  });
  await capture();
  await step(panel, 2).waitFor();
  await expect.poll(() => pictureWidth(2), { timeout: 30_000 }).toBeGreaterThan(0);
  // No error said (the alert region is always there, empty).
  expect((await panel.getByRole('alert').allTextContents()).filter((t) => t.trim())).toEqual([]);
  expect(await readStore(panel, 'screenshots')).toHaveLength(2);
});

it('shows no step for a capture whose commit is refused, though its pixels reached the panel', async () => {
  await panel.getByRole('button', { name: 'Pause' }).click();
  await panel.getByRole('button', { name: 'New session' }).click();
  // A reserve larger than any disk here: the commit, which runs after the pixels went to the
  // panel, refuses to write (the disk-room check of issue 12).
  await setReserve('100000');
  await startSession(panel, { title: 'Refused for room' });
  await capture();
  await panel.getByRole('alert').filter({ hasText: /almost full|Storage full/ }).waitFor();
  // Nothing listed, nothing stored for this session: the first session's steps are all there are.
  await waitUntil(async () => !(await panel.getByRole('button', { name: /^Capture step/ }).isDisabled()), 'the capture has ended');
  expect(await steps(panel).count()).toBe(0);
  expect(await readStore(panel, 'steps')).toHaveLength(2);
  expect(await readStore(panel, 'screenshots')).toHaveLength(2);
});
