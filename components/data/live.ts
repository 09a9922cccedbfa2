import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

// components/data/ — the pages' only way into the database: live hooks (useSession.ts,
// useLibrary.ts, useWorkspace.ts) and one-off reads (reads.ts) over lib/db/queries.ts. Views and entry points
// import these, never lib/db/ or dexie themselves (tests/lib/layout.test.ts checks). The popup
// uses none of them: it asks the background, so it ships without Dexie.

/**
 * Subscribes to a Dexie query and re-renders when the data changes, including changes the
 * background commits (Dexie relays them between contexts of the same origin).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T, share?: (prev: T, next: T) => T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      // `share` keeps what did not change (components/data/share.ts): an unchanged read re-renders nothing.
      next: share ? (next) => setValue((prev) => share(prev, next)) : setValue,
      error: (e) => console.error('Live query failed', e),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
