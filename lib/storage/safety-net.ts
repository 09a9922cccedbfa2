import type { AppDB, TrashEntry } from '../db';
import { moveRowsToFiles } from './images';
import { forgetTrashed, missingSessions, restoreFromSafetyCopy, sweepStrayFiles, syncSafetyCopy, type RestoreCounts, type SafetyStore } from './safety-copy';

// The background's care of where images and journals live, so that entrypoints/background.ts only
// wires it: the journal follows every change, one sync at a time; purged trash leaves the journal;
// at the worker's start, rows of profiles from before the image files are moved into files and
// files no record names are swept; the start screen asks what a restore would bring back.

/** A file younger than this may be a capture's or import's whose records are still being written. */
export const STRAY_FILE_AGE_MS = 10 * 60_000;

export interface SafetyNet {
  /** Call after any change to sessions (the library's summaries follow the same changes). */
  sync(): Promise<void>;
  /** Purged trash is gone for good. */
  forget(entries: Pick<TrashEntry, 'kind' | 'sessionId'>[]): Promise<void>;
  /** Moves old rows into files and sweeps stray files; run once, shortly after the worker starts. */
  sweep(): Promise<{ moved: number; removed: number }>;
  /** How many sessions the journal holds that IndexedDB lacks. */
  missing(): Promise<number>;
  /** Brings them back; null when there is no journal here (no OPFS). */
  restore(ensureRoom: (writeBytes: number) => Promise<void>): Promise<RestoreCounts | null>;
}

export function safetyNet(db: AppDB, journal: Promise<SafetyStore | null>, now: () => number, warn: (what: string, e: unknown) => void): SafetyNet {
  let syncing = Promise.resolve();
  const net: SafetyNet = {
    sync: () =>
      (syncing = syncing
        .then(async () => {
          const store = await journal;
          if (store) await syncSafetyCopy(db, store);
        })
        .catch((e) => warn('The safety journal could not be brought up to date', e))),
    async forget(entries) {
      const store = await journal;
      if (store) await forgetTrashed(store, entries);
    },
    async sweep() {
      const moved = await moveRowsToFiles(db);
      // After a sync, so that every session in IndexedDB is in a journal before files are judged.
      await net.sync();
      const removed = await sweepStrayFiles(db, await journal, now(), STRAY_FILE_AGE_MS);
      return { moved, removed };
    },
    async missing() {
      const store = await journal;
      return store ? (await missingSessions(db, store)).length : 0;
    },
    async restore(ensureRoom) {
      const store = await journal;
      return store ? restoreFromSafetyCopy(db, store, await missingSessions(db, store), ensureRoom) : null;
    },
  };
  return net;
}
