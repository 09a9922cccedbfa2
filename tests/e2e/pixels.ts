import type { Page } from 'playwright-core';
import { imageColumnInPage } from '../support/idb-reads';

// Reading a stored screenshot's pixels from an extension page, for tests that check what a capture shows.

/** One column of the stored image's pixels, top to bottom, as [r, g, b]. */
export function column(p: Page, screenshotId: string, x: number): Promise<number[][]> {
  return p.evaluate(imageColumnInPage, { id: screenshotId, x });
}

// JPEG shifts colours a little; solid test colours stay within this distance.
export const near = (rgb: number[], target: readonly number[]) => rgb.every((v, i) => Math.abs(v - target[i]!) <= 24);
