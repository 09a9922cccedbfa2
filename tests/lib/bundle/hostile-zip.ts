import { strToU8, zipSync, type Zippable } from 'fflate';
import { assemble, fakeImage, json, noise, partsOf, renameEntry, sampleData, type Parts } from './sample';

// Hostile bundles that attack the zip layer: cut short, damaged, badly named, bombs, garbage.
// Each case says which refusal it expects, so a case can never pass by tripping over another check.

export interface HostileCase {
  name: string;
  bytes: Uint8Array;
  expect: RegExp;
  opts?: { signal?: AbortSignal };
}

interface Layout {
  eocd: number;
  entries: Array<{ name: string; cd: number; local: number; dataStart: number; csize: number }>;
}

/** Where things are in a zip fflate wrote (no comment, no zip64): found independently of the code under test. */
export function layout(zip: Uint8Array): Layout {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  const total = view.getUint16(eocd + 10, true);
  const entries: Layout['entries'] = [];
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < total; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, cd: at, local, dataStart, csize: view.getUint32(at + 20, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { eocd, entries };
}

const flip = (zip: Uint8Array, offset: number) => {
  const out = zip.slice();
  out[offset] = out[offset]! ^ 0xff;
  return out;
};

function setU32(zip: Uint8Array, offset: number, value: number) {
  new DataView(zip.buffer, zip.byteOffset, zip.byteLength).setUint32(offset, value, true);
}

/** Sets an entry's declared inflated size in both of its headers, as a lying zip would. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const entry = layout(out).entries.find((e) => e.name === name)!;
  setU32(out, entry.local + 22, size);
  setU32(out, entry.cd + 24, size);
  return out;
}

const withParts = (change: (parts: Parts) => void) => {
  const parts = partsOf(sampleData());
  change(parts);
  return parts;
};

export async function hostileZipCases(): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add = (name: string, bytes: Uint8Array, expect: RegExp) => cases.push({ name, bytes, expect });
  const base = await assemble(partsOf(sampleData()));
  const { eocd, entries } = layout(base);

  // Cut short anywhere: the end record is what goes first.
  const cuts = new Set([0, 1, 3, 4, 5, 29, 30, 31, base.length - 1, base.length - 21, base.length - 22, base.length - 23, eocd - 1]);
  for (let i = 1; i < 40; i++) cuts.add(Math.floor((base.length * i) / 40));
  for (const cut of cuts) add(`truncated to ${cut} bytes`, base.subarray(0, cut), /truncated|not a zip file/);

  // One byte flipped in every part of the zip that carries meaning.
  for (const e of entries) {
    for (const [field, offset] of [['signature', 0], ['method', 8], ['crc', 14], ['compressed size', 18], ['size', 22], ['name', 30], ['name end', 29 + e.name.length]] as const)
      add(`flipped local ${field} of ${e.name}`, flip(base, e.local + offset), /./);
    for (const [field, offset] of [['signature', 0], ['method', 10], ['crc', 16], ['compressed size', 20], ['size', 24], ['offset', 42], ['name', 46], ['name end', 45 + e.name.length]] as const)
      add(`flipped directory ${field} of ${e.name}`, flip(base, e.cd + offset), /./);
    for (const at of [0, Math.floor(e.csize / 3), Math.floor(e.csize / 2), e.csize - 1])
      add(`flipped data byte ${at} of ${e.name}`, flip(base, e.dataStart + at), /CRC|damaged|zip bomb/);
  }
  for (const [field, offset] of [['signature', 0], ['entries on disk', 8], ['entries', 10], ['directory size', 12], ['directory offset', 16], ['comment length', 20]] as const)
    add(`flipped end record ${field}`, flip(base, eocd + offset), /truncated|damaged|disks/);

  // Entry names that would escape a folder or are not part of a bundle.
  const paths: Array<[string, RegExp]> = [
    ['../evil.json', /"\.\." is not allowed/],
    ['images/../manifest.json', /"\.\." is not allowed/],
    ['images/sh-1/../../x', /"\.\." is not allowed/],
    ['/etc/passwd', /absolute paths/],
    ['/manifest.json', /absolute paths/],
    ['C:/Windows/evil.dll', /drive letters/],
    ['c:evil', /drive letters/],
    ['images\\sh-1\\full.jpg', /backslashes/],
    ['..\\evil', /backslashes/],
    ['images/./sh-1/full.jpg', /empty or "\." path segments/],
    ['images//full.jpg', /empty or "\." path segments/],
    ['images/', /empty or "\." path segments/],
    ['evil.txt', /not a file a Mystery Shopper bundle contains/],
    ['images/sh-1/full.gif', /not a file a Mystery Shopper bundle contains/],
    ['images/sh-1/other.jpg', /not a file a Mystery Shopper bundle contains/],
    ['images/sh-1/full.jpg/x', /not a file a Mystery Shopper bundle contains/],
    ['images/.hidden/full.jpg', /not a file a Mystery Shopper bundle contains/],
    ['Manifest.json', /not a file a Mystery Shopper bundle contains/],
    ['images/sh-1/full.JPG', /not a file a Mystery Shopper bundle contains/],
    ['images/sh-1/full.jpg ', /not a file a Mystery Shopper bundle contains/],
    ['x'.repeat(201), /longer than 200/],
    ['evil\u0000.json', /control or non-ASCII/],
    ['\u00e9vil.json', /control or non-ASCII/],
  ];
  for (const [path, expect] of paths) {
    add(`extra entry named ${JSON.stringify(path)}`, await assemble(withParts((p) => p.files.set(path, json({})))), expect);
  }
  // Duplicate names are made by renaming an entry to a name of the same length that is already there.
  add('duplicate image path', renameEntry(base, 'images/sh-2/thumb.webp', 'images/sh-1/thumb.webp'), /appears twice/);
  add('duplicate sessions.json', renameEntry(await assemble(withParts((p) => p.files.set('sessions.jsox', json({})))), 'sessions.jsox', 'sessions.json'), /appears twice/);
  add('duplicate manifest.json', renameEntry(await assemble(withParts((p) => p.files.set('manifest.jsox', json({})))), 'manifest.jsox', 'manifest.json'), /appears twice/);

  // Bombs: honest about their size (refused by ratio before inflating) and lying (stopped while inflating).
  const spaces = (n: number) => new Uint8Array(n).fill(0x20);
  const records = json(partsOf(sampleData()).records);
  for (const mib of [1.5, 4, 16]) {
    const padded = new Uint8Array(records.length + mib * 1024 * 1024);
    padded.set(records);
    padded.fill(0x20, records.length);
    add(`sessions.json padded with ${mib} MiB of spaces`, await assemble(partsOf(sampleData()), { recordsBytes: padded }), /zip bomb/);
  }
  add('manifest.json padded with 3 MiB of spaces', await assemble(partsOf(sampleData()), { manifestBytes: new Uint8Array([...json({ format: 'mystery-shopper-bundle' }), ...spaces(3 * 1024 * 1024)]) }), /zip bomb/);
  const zeros = new Uint8Array(5 * 1024 * 1024);
  zeros.set(fakeImage('image/jpeg', 8, 1));
  add('an image of 5 MiB of zeros, deflated', await assemble(withParts((p) => p.files.set('images/sh-1/full.jpg', zeros)), { level: (path) => (path.endsWith('.jpg') ? 9 : 6) }), /zip bomb/);
  // The manifest tells the same lie as the zip headers, so only counting while inflating can catch it.
  const padded20 = new Uint8Array([...records, ...spaces(20 * 1024 * 1024)]);
  for (const size of [records.length, 100_000, 1024 * 1024]) {
    const lying = await assemble(partsOf(sampleData()), { recordsBytes: padded20, manifest: (m) => (m.files[0].bytes = size) });
    add(`sessions.json declares ${size} bytes but inflates to 20 MiB`, declareSize(lying, 'sessions.json', size), /inflates past/);
  }
  const lyingImage = await assemble(withParts((p) => p.files.set('images/sh-1/full.jpg', zeros)), {
    level: (path) => (path.endsWith('.jpg') ? 9 : 6),
    manifest: (m) => (m.files.find((f: { path: string }) => f.path === 'images/sh-1/full.jpg').bytes = 4000),
  });
  add('an image that declares 4000 bytes but inflates to 5 MiB', declareSize(lyingImage, 'images/sh-1/full.jpg', 4000), /inflates past/);
  add('an entry declaring 3 GiB', declareSize(base, 'sessions.json', 3 * 1024 ** 3), /more than a bundle may hold/);
  // Each passes the ratio test on its own (8 MiB that claims 1.2 GiB); together they claim too much.
  const bulky = (seed: number) => fakeImage('image/jpeg', 8 * 1024 * 1024, seed);
  const pair = await assemble(withParts((p) => (p.files.set('images/sh-1/full.jpg', bulky(1)), p.files.set('images/sh-4/full.jpg', bulky(2)))), { level: (path) => (path.endsWith('full.jpg') ? 1 : 6) });
  add('entries declaring 2.4 GiB together', declareSize(declareSize(pair, 'images/sh-1/full.jpg', 1.2 * 1024 ** 3), 'images/sh-4/full.jpg', 1.2 * 1024 ** 3), /inflate to more than 2 GiB/);
  // Within every zip limit (1.2 GiB in all, 77:1 each), but the file and what it inflates to would
  // hold more memory than an import may use: refused from the table of contents, nothing inflated.
  add('entries that would hold 1.2 GiB of memory', declareSize(declareSize(pair, 'images/sh-1/full.jpg', 0.6 * 1024 ** 3), 'images/sh-4/full.jpg', 0.6 * 1024 ** 3), /would hold \d+ MB in memory .* more than the 1024 MB an import may use/);
  const manyDeclared = base.slice();
  new DataView(manyDeclared.buffer).setUint16(eocd + 8, 20_001, true);
  new DataView(manyDeclared.buffer).setUint16(eocd + 10, 20_001, true);
  add('end record declaring 20,001 entries', manyDeclared, /at most 20000/);
  const many: Zippable = {};
  for (let i = 0; i <= 20_000; i++) many[`images/s${i}/full.jpg`] = [new Uint8Array(0), { level: 0 }];
  add('a zip of 20,001 entries', zipSync(many), /at most 20000/);
  const overlapping = base.slice();
  const [, second, third] = entries;
  setU32(overlapping, third!.cd + 42, second!.local);
  add('two entries sharing one local header', overlapping, /names a different file|overlaps/);

  // Not a bundle at all.
  for (let seed = 1; seed <= 30; seed++) {
    const bytes = noise(seed * 997, seed).map((b, i) => (b * 31 + i) & 0xff);
    add(`random garbage #${seed} (${bytes.length} bytes)`, bytes, /not a zip file/);
  }
  add('garbage starting like a zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise(500, 7)]), /truncated/);
  const fakeEnd = new Uint8Array(522);
  fakeEnd.set(noise(500, 9));
  fakeEnd.set([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 46, 0, 0, 0, 200, 0, 0, 0, 0, 0], 500);
  add('garbage with a zip end record', fakeEnd, /damaged|truncated/);
  add('an empty zip', zipSync({}), /empty/);
  add('an empty file', new Uint8Array(0), /not a zip file/);
  add('a PNG image', fakeImage('image/png', 2000, 3), /not a zip file/);
  add('a JSON file', json(partsOf(sampleData()).records), /not a zip file/);
  add('a rubric file', strToU8('{"format":"mystery-shopper-rubric","version":1,"rubric":{}}'), /not a zip file/);
  add('a zip of unrelated files', zipSync({ 'readme.txt': strToU8('hello') }), /not a file a Mystery Shopper bundle contains/);
  add('a zip without manifest.json', zipSync({ 'sessions.json': records }), /manifest\.json: is missing/);
  const emptyManifest = { format: 'mystery-shopper-bundle', version: 1, appVersion: '1', createdAt: 1, counts: { sessions: 0, steps: 0, screenshots: 0, images: 0 }, files: [] };
  add('a zip without sessions.json', zipSync({ 'manifest.json': json(emptyManifest) }), /sessions\.json: is missing/);
  return cases;
}
