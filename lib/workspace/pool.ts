// A few requests at a time: one file after another leaves the connection idle for a round trip per
// file, which for hundreds of small files is most of the time; a handful in flight fills it without
// crowding a small server (Apache's default serves 16 at once, Nextcloud far fewer per user).

export const IN_FLIGHT = 4;

/**
 * Runs `work` over `items` with at most `limit` at once. The first failure stops new work from
 * starting and is thrown once the ones already running have settled (no request is left behind).
 */
export async function eachLimited<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>, limit = IN_FLIGHT): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await work(items[i]!, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
}
