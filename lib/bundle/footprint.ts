// How much memory an import holds, known from the zip's table of contents before anything is
// inflated: the file itself plus every deflated entry inflated beside it (a stored entry is read in
// place). The panel asks before it reads the file (from two small slices of it), the worker asks
// again before it inflates anything. Pure.

/** The most memory one import may hold: the file and what it inflates to, together. */
export const MAX_IMPORT_MEMORY_BYTES = 1024 ** 3;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
/** The end record is followed only by a comment of at most 65,535 bytes. */
export const TAIL_BYTES = EOCD_SIZE + 0xffff;

const mb = (bytes: number) => Math.ceil(bytes / 1024 ** 2);

/** Why an import that would hold `held` bytes is refused, or null when it fits. */
export function footprintProblem(held: number): string | null {
  if (held <= MAX_IMPORT_MEMORY_BYTES) return null;
  return `importing this bundle would hold ${mb(held)} MB in memory (the file and its inflated contents), more than the ${mb(MAX_IMPORT_MEMORY_BYTES)} MB an import may use; export fewer sessions per bundle`;
}

/** Where the table of contents is, from the file's last TAIL_BYTES; null when no end record is found. */
export function findDirectory(tail: Uint8Array): { start: number; size: number } | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return { start: view.getUint32(at + 16, true), size: view.getUint32(at + 12, true) };
  }
  return null;
}

/** Bytes that inflating the entries listed in `directory` would allocate; stops at the first unreadable entry (the worker reports it). */
export function inflatedBytes(directory: Uint8Array): number {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  let total = 0;
  for (let at = 0; at + 46 <= directory.length && view.getUint32(at, true) === CENTRAL_SIGNATURE; ) {
    if (view.getUint16(at + 10, true) !== 0) total += view.getUint32(at + 24, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/**
 * The footprint of importing `file`, read from its tail and table of contents only (a few MB at
 * most), so that a bundle too large to import is refused before the whole file is in memory.
 */
export async function fileFootprint(file: Blob): Promise<number> {
  const tailStart = Math.max(0, file.size - TAIL_BYTES);
  const where = findDirectory(new Uint8Array(await file.slice(tailStart).arrayBuffer()));
  // Not a zip, or a damaged one: the worker's reading says exactly what is wrong.
  if (!where || where.start + where.size > file.size) return file.size;
  return file.size + inflatedBytes(new Uint8Array(await file.slice(where.start, where.start + where.size).arrayBuffer()));
}
