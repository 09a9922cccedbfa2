import { deflateSync } from 'fflate';
import { crc32 } from './zip';

// Writes a zip as a list of parts instead of one array: an entry's bytes are passed through as
// they are (a view, never copied), so the caller can make a Blob of the parts and the page holds
// the images once, not once more as the zip (fflate's zipSync copies every entry into its output).
// Only what bundles need: stored or deflated entries, ASCII names, no ZIP64 (a bundle is at most
// 2 GiB and 20,000 files), no data descriptors. zip.ts reads it back.

export interface ZipInput {
  path: string;
  data: Uint8Array;
  /** Deflated at this level; 0 (or none) stores the bytes as they are. */
  level?: 0 | 6;
}

const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const EOCD_SIZE = 22;

/** MS-DOS time and date (local time, as zip tools read them), from a time within 1980–2099. */
function dosTime(mtime: Date): { time: number; date: number } {
  return {
    time: (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1),
    date: ((mtime.getFullYear() - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate(),
  };
}

export function zipParts(inputs: readonly ZipInput[], mtime: Date): Uint8Array[] {
  const { time, date } = dosTime(mtime);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = new TextEncoder().encode(input.path);
    const deflated = (input.level ?? 0) > 0;
    const data = deflated ? deflateSync(input.data, { level: input.level }) : input.data;
    const crc = crc32(input.data);
    // The fields the local header and its central entry share, from "version needed" on.
    const common = (view: DataView, at: number) => {
      view.setUint16(at, 20, true);
      view.setUint16(at + 2, 0, true);
      view.setUint16(at + 4, deflated ? 8 : 0, true);
      view.setUint16(at + 6, time, true);
      view.setUint16(at + 8, date, true);
      view.setUint32(at + 10, crc, true);
      view.setUint32(at + 14, data.length, true);
      view.setUint32(at + 18, input.data.length, true);
      view.setUint16(at + 22, name.length, true);
    };
    const local = new Uint8Array(LOCAL_SIZE + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    common(lv, 4);
    local.set(name, LOCAL_SIZE);
    const entry = new Uint8Array(CENTRAL_SIZE + name.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    common(cv, 6);
    cv.setUint32(42, offset, true);
    entry.set(name, CENTRAL_SIZE);
    parts.push(local, data);
    central.push(entry);
    offset += local.length + data.length;
  }
  const directorySize = central.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(EOCD_SIZE);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, inputs.length, true);
  ev.setUint16(10, inputs.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return [...parts, ...central, end];
}

/** The parts as one array (tests, and callers that need the bytes themselves). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
