import type { Page } from 'playwright-core';

// Reading a stored screenshot's pixels from an extension page, for tests that check what a capture shows.

/** One column of the stored image's pixels, top to bottom, as [r, g, b]. */
export function column(p: Page, screenshotId: string, x: number): Promise<number[][]> {
  return p.evaluate(
    ({ id, x }) =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open('mystery-shopper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('images').objectStore('images').get(`${id}/full`);
          req.onsuccess = async () => {
            open.result.close();
            const bitmap = await createImageBitmap(req.result.blob);
            const canvas = new OffscreenCanvas(1, bitmap.height);
            canvas.getContext('2d')!.drawImage(bitmap, x, 0, 1, bitmap.height, 0, 0, 1, bitmap.height);
            const data = canvas.getContext('2d')!.getImageData(0, 0, 1, bitmap.height).data;
            resolve(Array.from({ length: bitmap.height }, (_, i) => [data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!]));
          };
        };
      }),
    { id: screenshotId, x },
  );
}

// JPEG shifts colours a little; solid test colours stay within this distance.
export const near = (rgb: number[], target: readonly number[]) => rgb.every((v, i) => Math.abs(v - target[i]!) <= 24);

