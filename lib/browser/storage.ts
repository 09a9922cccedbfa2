import { browser } from 'wxt/browser';
import { AppFailure } from '../errors';
import { diskLowerBound, diskRoom, refusalFor, type DiskRoom, type StorageEstimate } from '../storage/reserve';

// The browser side of the disk reserve (lib/storage/reserve.ts): the estimate, and the user's
// setting with the largest disk size seen, in storage.local. storage.local lives in its own
// LevelDB, apart from IndexedDB, so the setting survives a store Chromium deleted.

const KEY = 'diskReserve';
interface Stored {
  userMb: number | null;
  largestSeen: number;
}

async function estimate(): Promise<StorageEstimate | null> {
  try {
    const e = await navigator.storage?.estimate?.();
    return e && typeof e.quota === 'number' && typeof e.usage === 'number' ? { quota: e.quota, usage: e.usage } : null;
  } catch {
    // Not reported here (an old browser, a private window): the reserve cannot act, errors still say "storage full".
    return null;
  }
}

async function stored(): Promise<Stored> {
  const value = (await browser.storage.local.get(KEY))[KEY] as Partial<Stored> | undefined;
  return { userMb: typeof value?.userMb === 'number' ? value.userMb : null, largestSeen: typeof value?.largestSeen === 'number' ? value.largestSeen : 0 };
}

/** The room left and the reserve in force; remembers a larger disk size when it sees one. */
export async function readDiskRoom(): Promise<DiskRoom> {
  const [now, saved] = await Promise.all([estimate(), stored()]);
  if (now && diskLowerBound(now, saved.largestSeen) > saved.largestSeen)
    await browser.storage.local.set({ [KEY]: { ...saved, largestSeen: diskLowerBound(now, saved.largestSeen) } });
  return diskRoom(now, saved.userMb, saved.largestSeen);
}

/** null goes back to the default. Already checked by the message schema. */
export async function setReserveMb(userMb: number | null): Promise<DiskRoom> {
  await browser.storage.local.set({ [KEY]: { ...(await stored()), userMb } });
  return readDiskRoom();
}

/** Throws storage-full, before anything is written, when `writeBytes` would cross the reserve. */
export async function ensureRoom(writeBytes: number): Promise<void> {
  (await roomCheck())(writeBytes);
}

/**
 * The same in two halves: the room is read now (beside a capture, whose size is not known yet),
 * and the check that throws storage-full is made once the bytes are.
 */
export async function roomCheck(): Promise<(writeBytes: number) => void> {
  const room = await readDiskRoom();
  return (writeBytes) => {
    const refusal = refusalFor(room, writeBytes);
    if (refusal) throw new AppFailure(refusal);
  };
}
