import { beforeAll, expect, it } from 'vitest';
import { auditFixture, readStore, stopServiceWorker, type Audit, readImages } from './harness';
import { captureStep, startSession, step } from './panel';

// A capture commits its step and full image, replies, and only then makes the thumbnail. A worker
// stopped in that gap leaves a screenshot without one: the panel must still show the step's
// picture (the full image, scaled), and the worker's next start must make the thumbnail.

const audit = auditFixture();
let { ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ ext, shopPage, panel } = audit));

type Shot = { id: string; thumbBytes: number; thumbWidth: number };

const picture = () => step(panel, 1).getByRole('img', { name: 'Screenshot of step 1' });
const pictureWidth = () => picture().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

it('shows the full image until the thumbnail exists, and the next worker start makes a thumbnail a stopped worker left undone', async () => {
  await startSession(panel, { title: 'Thumbnail after the reply' });
  await captureStep(panel);
  // The thumbnail of a live worker follows the reply.
  await expect.poll(async () => (await readStore<Shot>(panel, 'screenshots'))[0]?.thumbBytes).toBeGreaterThan(0);
  const [shot] = await readStore<Shot>(panel, 'screenshots');
  await expect.poll(pictureWidth).toBe(shot!.thumbWidth);

  // What a worker stopped between the commit and the thumbnail leaves behind. The gap is a few
  // milliseconds, too short to stop a worker in on purpose, so the test writes that state.
  await panel.evaluate(
    async (id) => {
      // The thumbnail's file (lib/browser/opfs.ts) goes, and the record says it is still to be made.
      const dir = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('safety-copy')).getDirectoryHandle('images');
      await dir.removeEntry(`${id}.thumb`);
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onsuccess = () => {
          const tx = open.result.transaction(['screenshots'], 'readwrite');
          const shots = tx.objectStore('screenshots');
          const get = shots.get(id);
          get.onsuccess = () => shots.put({ ...get.result, thumbBytes: 0 });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      });
    },
    shot!.id,
  );
  await stopServiceWorker(ext, shopPage);

  // The panel comes back (its page description wakes the worker) and shows the full image.
  await panel.reload();
  await picture().waitFor();
  const full = (await readImages(panel)).find((i) => i.id === `${shot!.id}/full`)!;
  expect(full.blob.blobSize).toBeGreaterThan(0);

  // The worker's start sweep makes the missing thumbnail; the panel swaps it in.
  await expect.poll(async () => (await readStore<Shot>(panel, 'screenshots'))[0]?.thumbBytes, { timeout: 30_000 }).toBeGreaterThan(0);
  const images = await readImages(panel);
  expect(images.map((i) => i.variant).sort()).toEqual(['full', 'thumb']);
  await expect.poll(pictureWidth, { timeout: 30_000 }).toBe(shot!.thumbWidth);
});
