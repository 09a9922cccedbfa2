// Structural sharing for live reads: a live query reads every record again whenever anything in
// its range changes (a capture rereads all the session's steps and screenshots), so each read
// brings new objects even for records that did not change. Keeping the previous object where the
// new one is equal lets a view skip what did not change (the side panel redraws only the new
// step's card, not the whole list). Records are plain data (IndexedDB's structured clones).

/** Deep equality of plain data: objects, arrays, primitives; Blobs and Dates compare by identity. */
export function equalData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => equalData(v, other[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equalData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * `next`, with every record equal to the previous one of the same id replaced by that previous
 * object; `prev` itself when nothing changed at all (same records, same order).
 */
export function shareRecords<T extends { id: string }>(prev: readonly T[], next: readonly T[]): T[] {
  const before = new Map(prev.map((r) => [r.id, r]));
  let same = prev.length === next.length;
  const out = next.map((record, i) => {
    const old = before.get(record.id);
    const kept = old !== undefined && equalData(old, record) ? old : record;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return same ? (prev as T[]) : out;
}

/** The same for records grouped by a key (screenshots by step): unchanged groups keep their array. */
export function shareGroups<T extends { id: string }>(prev: ReadonlyMap<string, T[]>, next: ReadonlyMap<string, T[]>): Map<string, T[]> {
  let same = prev.size === next.size;
  const out = new Map<string, T[]>();
  for (const [key, list] of next) {
    const old = prev.get(key);
    const kept = old ? shareRecords(old, list) : list;
    if (kept !== old) same = false;
    out.set(key, kept);
  }
  return same ? (prev as Map<string, T[]>) : out;
}
