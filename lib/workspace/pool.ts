import { limitedQueue } from '../serial';

// A few requests at a time: one file after another leaves the connection idle for a round trip per
// file, which for hundreds of small files is most of the time. Six is what Chromium opens to one
// host over HTTP/1.1, so more would only wait in the browser; it is within what a small server serves
// at once (Apache's default is 16 workers; bench/workspace.mjs measured 4 against 6).

export const IN_FLIGHT = 6;

/**
 * Runs `work` over `items` with at most `limit` at once. The first failure stops new work from
 * starting and is thrown once the ones already running have settled (no request is left behind).
 */
export async function eachLimited<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>, limit = IN_FLIGHT): Promise<void> {
  const run = limitedQueue(limit);
  let failed: { error: unknown } | null = null;
  await Promise.all(
    items.map((item, i) =>
      run(async () => {
        if (failed) return;
        try {
          await work(item, i);
        } catch (error) {
          failed ??= { error };
        }
      }),
    ),
  );
  if (failed) throw (failed as { error: unknown }).error;
}
