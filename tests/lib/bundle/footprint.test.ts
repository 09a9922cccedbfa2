import { describe, expect, it } from 'vitest';
import { fileFootprint, footprintProblem, MAX_IMPORT_MEMORY_BYTES } from '@/lib/bundle/footprint';
import { assemble, partsOf, sampleData } from './sample';
import { layout } from './hostile-zip';

// The panel refuses a bundle too large to import from its table of contents, before reading the
// whole file; these check the numbers it reads from a real zip.

describe('an import footprint', () => {
  it('is the file plus its deflated entries inflated, read from the tail of the file alone', async () => {
    const zip = await assemble(partsOf(sampleData()));
    // JSON is deflated (it is inflated beside the file); images are stored (read in place).
    const deflated = layout(zip).entries.filter((e) => e.name.endsWith('.json'));
    const view = new DataView(zip.buffer);
    const inflated = deflated.reduce((sum, e) => sum + view.getUint32(e.cd + 24, true), 0);
    expect(inflated).toBeGreaterThan(0);
    expect(await fileFootprint(new Blob([zip as Uint8Array<ArrayBuffer>]))).toBe(zip.length + inflated);
  });

  it('counts what a zip declares, however small the file', async () => {
    const zip = await assemble(partsOf(sampleData()));
    const manifest = layout(zip).entries.find((e) => e.name === 'manifest.json')!;
    new DataView(zip.buffer).setUint32(manifest.cd + 24, 1500 * 1024 ** 2, true);
    const held = await fileFootprint(new Blob([zip as Uint8Array<ArrayBuffer>]));
    expect(held).toBeGreaterThan(MAX_IMPORT_MEMORY_BYTES);
    expect(footprintProblem(held)).toMatch(/^importing this bundle would hold 15\d\d MB in memory .* more than the 1024 MB an import may use; export fewer sessions per bundle$/);
  });

  it('leaves a file that is not a zip to the worker, which says what is wrong', async () => {
    expect(await fileFootprint(new Blob(['not a zip']))).toBe(9);
    expect(footprintProblem(9)).toBeNull();
  });
});
