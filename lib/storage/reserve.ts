// lib/storage/ — what protects the store from the disk: how much room is left and what may be
// written (reserve.ts, pure: numbers in, verdicts out; fed by lib/browser/storage.ts), where the
// images live (images.ts: once, as files outside IndexedDB), the safety journal beside them
// (safety-copy.ts) and the background's care of both (safety-net.ts); the files go through
// lib/browser/opfs.ts. May import core (schemas, errors), db/ and its peer step/ (for the
// pending-thumbnail mark); never capture/, browser/, messages or the UI.
//
// Why a reserve at all: Chromium marks an IndexedDB store corrupt when a write fails with "no space
// left" and deletes it, every session with it, at the next open (electron/electron#41877). So a
// write must never reach a full disk: we refuse before writing while the disk still has room.

import type { AppError } from '../errors';

export const MB = 1_000_000;
export const RESERVE_MIN_MB = 50;
export const RESERVE_MAX_MB = 100_000;
const DEFAULT_FLOOR = 500 * MB;
const DEFAULT_CAP = 2_000 * MB;
const DEFAULT_SHARE = 0.05;
/** The panel and dashboard warn from twice the reserve down. */
export const WARN_FACTOR = 2;

/** What `navigator.storage.estimate()` answers; null where it answers nothing. */
export interface StorageEstimate {
  usage: number;
  quota: number;
}

/**
 * Free room on the disk. Chromium gives an extension holding `unlimitedStorage` a quota of its own
 * usage plus the disk's free space (measured on a 400 MB tmpfs: quota 416,468,784 = usage 286,512 +
 * df's available 416,145,408 + 37,136 of rounding), so quota − usage is what df calls available.
 * Firefox's quota is a share of the disk instead, so there the number means less (see README).
 */
export const freeBytes = (estimate: StorageEstimate) => Math.max(0, estimate.quota - estimate.usage);

/**
 * The disk's size, as well as it can be known: no web API reports it. Usage + free is our data plus
 * what nobody uses, a lower bound of the disk that shrinks as other programs fill it; the largest
 * value ever seen is the best lower bound, and it does not let the reserve shrink as the disk fills.
 */
export const diskLowerBound = (estimate: StorageEstimate, largestSeen = 0) => Math.max(largestSeen, estimate.quota);

/** The larger of 500 MB and 5 % of the disk, at most 2 GB. */
export const defaultReserveBytes = (diskBytes: number) => Math.min(DEFAULT_CAP, Math.max(DEFAULT_FLOOR, Math.round(diskBytes * DEFAULT_SHARE)));

/** The reserve in force: the user's choice when set, else the default for this disk. */
export const reserveBytes = (userMb: number | null, diskBytes: number) => (userMb === null ? defaultReserveBytes(diskBytes) : userMb * MB);

export type DiskLevel = 'ok' | 'low' | 'full' | 'unknown';

export interface DiskRoom {
  level: DiskLevel;
  /** null where the browser does not report its storage. */
  freeBytes: number | null;
  reserveBytes: number;
  /** The user's setting in MB; null means the default. */
  userMb: number | null;
  defaultBytes: number;
}

export function diskRoom(estimate: StorageEstimate | null, userMb: number | null, largestSeen: number): DiskRoom {
  if (!estimate || !(estimate.quota > 0)) {
    const defaultBytes = defaultReserveBytes(largestSeen);
    return { level: 'unknown', freeBytes: null, reserveBytes: reserveBytes(userMb, largestSeen), userMb, defaultBytes };
  }
  const disk = diskLowerBound(estimate, largestSeen);
  const reserve = reserveBytes(userMb, disk);
  const free = freeBytes(estimate);
  const level = free <= reserve ? 'full' : free <= reserve * WARN_FACTOR ? 'low' : 'ok';
  return { level, freeBytes: free, reserveBytes: reserve, userMb, defaultBytes: defaultReserveBytes(disk) };
}

/**
 * Whether `writeBytes` more may be written: not when the free room would end inside the reserve.
 * Unknown room lets the write go (the browser's own error is then recognised as storage full).
 */
export function refusalFor(room: DiskRoom, writeBytes: number): AppError | null {
  if (room.freeBytes === null) return null;
  return room.freeBytes - writeBytes < room.reserveBytes ? { kind: 'storage-full', freeBytes: room.freeBytes } : null;
}

/** A reserve the user typed, in whole MB, or a sentence saying what is wrong with it. */
export function parseReserveMb(text: string): { ok: true; mb: number } | { ok: false; problem: string } {
  const mb = Number(text.trim());
  if (!text.trim() || !Number.isInteger(mb)) return { ok: false, problem: 'Enter the reserve as a whole number of MB.' };
  if (mb < RESERVE_MIN_MB || mb > RESERVE_MAX_MB) return { ok: false, problem: `The reserve must be between ${RESERVE_MIN_MB} and ${RESERVE_MAX_MB.toLocaleString('en')} MB.` };
  return { ok: true, mb };
}
