import { Inflate } from 'fflate';
import { AppFailure } from '../errors';
import {
  MAX_ENTRIES,
  MAX_ENTRY_RATIO,
  MAX_PATH_LENGTH,
  MAX_TOTAL_INFLATED_BYTES,
  RATIO_FLOOR_BYTES,
  pathProblem,
  refuse,
  shownPath,
} from './format';

// Reads a zip held in memory without trusting it. The central directory is read and checked in full
// (names, sizes, ratios, overlaps) before a single byte is inflated, and inflating counts bytes as
// they come, so a file that lies about its size is stopped within one chunk of the lie.

export interface ZipEntry {
  path: string;
  /** 0 stored, 8 deflated */
  method: 0 | 8;
  compressedSize: number;
  size: number;
  crc: number;
  headerStart: number;
  dataStart: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const NOT_A_ZIP = 'the file is not a zip file; a bundle is the .zip that Export bundle saves';
const TRUNCATED = 'the zip file is truncated or damaged';
// Small enough that one push inflates at most ~16 MB however the data is crafted (deflate tops out near 1032:1).
const INFLATE_CHUNK = 16 * 1024;

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length > MAX_TOTAL_INFLATED_BYTES) throw refuse(`the file is larger than ${MAX_TOTAL_INFLATED_BYTES / 1024 ** 3} GiB, the most a bundle may hold`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const looksLikeZip = bytes.length >= 4 && u32(0) === LOCAL_SIGNATURE;

  const eocd = findEndOfDirectory(bytes, view);
  if (eocd < 0) throw refuse(looksLikeZip ? `${TRUNCATED} (its table of contents is missing)` : NOT_A_ZIP);
  const total = u16(eocd + 10);
  const directorySize = u32(eocd + 12);
  const directoryStart = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw refuse('zip files split over several disks are not bundles');
  if (u16(eocd + 8) !== total) throw refuse(`${TRUNCATED} (its table of contents gives two different numbers of entries)`);
  if (total === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) throw refuse('ZIP64 files are not bundles (a bundle is never that large)');
  if (eocd + EOCD_SIZE + u16(eocd + 20) !== bytes.length) throw refuse(`${TRUNCATED} (it does not end where its table of contents says)`);
  if (total === 0) throw refuse('the zip file is empty; a bundle holds manifest.json and sessions.json');
  if (total > MAX_ENTRIES) throw refuse(`the zip holds ${total} files; a bundle holds at most ${MAX_ENTRIES}`);
  if (directoryStart + directorySize !== eocd) throw refuse(`${TRUNCATED} (its table of contents is not where it says)`);

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  let at = directoryStart;
  for (let i = 0; i < total; i++) {
    if (at + 46 > eocd || u32(at) !== CENTRAL_SIGNATURE) throw refuse(`${TRUNCATED} (entry ${i + 1} of its table of contents is unreadable)`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > eocd) throw refuse(`${TRUNCATED} (entry ${i + 1} of its table of contents is cut short)`);
    if (nameLength > MAX_PATH_LENGTH) throw refuse(`entry ${i + 1} of the zip has a name longer than ${MAX_PATH_LENGTH} characters`);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const path = latin1(nameBytes);
    const problem = pathProblem(path);
    if (problem) throw refuse(problem);
    const shown = shownPath(path);
    if (seen.has(path)) throw refuse(`${shown}: appears twice in the zip`);
    seen.add(path);
    if (flags & 0x41) throw refuse(`${shown}: is encrypted; bundles are never encrypted`);
    if (method !== 0 && method !== 8) throw refuse(`${shown}: uses compression method ${method}; bundles only store or deflate`);
    const entry: ZipEntry = { path, method, crc: u32(at + 16), compressedSize: u32(at + 20), size: u32(at + 24), headerStart: u32(at + 42), dataStart: 0 };
    checkSizes(entry);
    declaredTotal += entry.size;
    if (declaredTotal > MAX_TOTAL_INFLATED_BYTES) throw refuse(`the files in the zip inflate to more than ${MAX_TOTAL_INFLATED_BYTES / 1024 ** 3} GiB, the most a bundle may hold`);
    entry.dataStart = checkLocalHeader(bytes, view, nameBytes, entry, directoryStart);
    entries.push(entry);
    at = next;
  }
  if (at !== eocd) throw refuse(`the zip's table of contents holds more than the ${total} entries it declares`);
  checkNoOverlap(entries);
  return entries;
}

function findEndOfDirectory(bytes: Uint8Array, view: DataView): number {
  // The end record is followed only by a comment of at most 65,535 bytes.
  const last = bytes.length - EOCD_SIZE;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

function checkSizes(entry: ZipEntry) {
  const shown = shownPath(entry.path);
  if (entry.size > MAX_TOTAL_INFLATED_BYTES) throw refuse(`${shown}: declares ${entry.size} bytes, more than a bundle may hold`);
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw refuse(`${shown}: is stored uncompressed but its two sizes differ; the zip is damaged`);
  if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.compressedSize * MAX_ENTRY_RATIO)
    throw refuse(`${shown}: would inflate more than ${MAX_ENTRY_RATIO} times its compressed size; refusing a possible zip bomb`);
}

/** The local header must agree with the table of contents: a zip that says two things is refused. */
function checkLocalHeader(bytes: Uint8Array, view: DataView, name: Uint8Array, entry: ZipEntry, directoryStart: number): number {
  const shown = shownPath(entry.path);
  const offset = entry.headerStart;
  if (offset + 30 > directoryStart || view.getUint32(offset, true) !== LOCAL_SIGNATURE) throw refuse(`${shown}: its local header is missing; ${TRUNCATED}`);
  const flags = view.getUint16(offset + 6, true);
  const nameLength = view.getUint16(offset + 26, true);
  const dataStart = offset + 30 + nameLength + view.getUint16(offset + 28, true);
  const sameName = nameLength === name.length && name.every((b, i) => bytes[offset + 30 + i] === b);
  if (!sameName) throw refuse(`${shown}: its local header names a different file; the zip is damaged`);
  if (view.getUint16(offset + 8, true) !== entry.method) throw refuse(`${shown}: its local header disagrees on the compression method; the zip is damaged`);
  // With bit 3 set the sizes and CRC follow the data instead, and the table of contents is the authority.
  if (!(flags & 0x08)) {
    const agrees = view.getUint32(offset + 14, true) === entry.crc && view.getUint32(offset + 18, true) === entry.compressedSize && view.getUint32(offset + 22, true) === entry.size;
    if (!agrees) throw refuse(`${shown}: its local header disagrees on its size or checksum; the zip is damaged`);
  }
  if (dataStart + entry.compressedSize > directoryStart) throw refuse(`${shown}: its data is cut short; ${TRUNCATED}`);
  return dataStart;
}

/** Entries that share bytes are how the largest zip bombs multiply themselves. */
function checkNoOverlap(entries: readonly ZipEntry[]) {
  const sorted = [...entries].sort((a, b) => a.headerStart - b.headerStart);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    if (sorted[i]!.headerStart < previous.dataStart + previous.compressedSize)
      throw refuse(`${shownPath(sorted[i]!.path)}: overlaps ${shownPath(previous.path)} in the zip; refusing a possible zip bomb`);
  }
}

/** An entry's bytes, inflated under its declared size and checked against its CRC. */
export function extractEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const shown = shownPath(entry.path);
  const compressed = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = compressed;
  else {
    data = new Uint8Array(entry.size);
    let filled = 0;
    const inflate = new Inflate((chunk) => {
      if (filled + chunk.length > entry.size)
        throw refuse(`${shown}: inflates past the ${entry.size} bytes its header declares; refusing a possible zip bomb`);
      data.set(chunk, filled);
      filled += chunk.length;
    });
    try {
      for (let at = 0; at < compressed.length || at === 0; at += INFLATE_CHUNK)
        inflate.push(compressed.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= compressed.length);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw refuse(`${shown}: the compressed data is damaged (${e instanceof Error ? e.message : String(e)})`);
    }
    if (filled !== entry.size) throw refuse(`${shown}: inflates to ${filled} bytes, not the ${entry.size} its header declares; the zip is damaged`);
  }
  if (crc32(data) !== entry.crc) throw refuse(`${shown}: its contents do not match its CRC; the zip is damaged`);
  return data;
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
