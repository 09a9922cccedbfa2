import { expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinParts, zipParts } from '@/lib/bundle/zip-write';
import { extractEntry, readZipDirectory } from '@/lib/bundle/zip';

const image = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 255);
const json = new TextEncoder().encode(JSON.stringify({ steps: Array(200).fill('the same note') }));
const inputs = [
  { path: 'manifest.json', data: json, level: 6 as const },
  { path: 'images/a/full.jpg', data: image },
];

it('passes each stored entry through as it is, so a Blob of the parts holds the images once', () => {
  const parts = zipParts(inputs, new Date(2026, 11, 2, 10, 30));
  expect(parts).toContain(image);
});

it('makes a zip that the bundle reader, fflate and unzip all read back byte for byte', () => {
  const zip = joinParts(zipParts(inputs, new Date(2026, 11, 2, 10, 30)));
  const entries = readZipDirectory(zip);
  expect(entries.map((e) => [e.path, e.method])).toEqual([['manifest.json', 8], ['images/a/full.jpg', 0]]);
  expect(entries[0]!.compressedSize).toBeLessThan(json.length);
  expect(extractEntry(zip, entries[0]!)).toEqual(json);
  expect(extractEntry(zip, entries[1]!)).toEqual(image);
  expect(unzipSync(zip)).toEqual({ 'manifest.json': json, 'images/a/full.jpg': image });
  let unzip = '';
  try {
    unzip = execFileSync('which', ['unzip']).toString().trim();
  } catch {
    return; // no unzip on this machine: the two readers above have spoken
  }
  const dir = mkdtempSync(join(tmpdir(), 'zip-write-'));
  try {
    writeFileSync(join(dir, 'b.zip'), zip);
    expect(execFileSync(unzip, ['-t', join(dir, 'b.zip')]).toString()).toMatch(/No errors detected/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
