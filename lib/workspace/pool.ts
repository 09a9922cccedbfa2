import { limitedQueue } from '../serial';
import type { Http } from './http';

// A few requests at a time: one file after another leaves the connection idle for a round trip per
// file, which for hundreds of small files is most of the time. Six is what Chromium opens to one
// host over HTTP/1.1, so more would only wait in the browser; it is within what a small server serves
// at once (Apache's default is 16 workers; bench/workspace.mjs measured 4 against 6).

export const IN_FLIGHT = 6;

/**
 * The HTTP seam with one limiter per server (origin): uploads, downloads and thumbnails together
 * never ask the browser for more than IN_FLIGHT connections to it, so none of them waits unseen in
 * Chromium's own queue, and a slow request holds only its own place (lib/serial.ts limitedQueue).
 * A request holds its place until its answer is read whole; no request waits for another inside it,
 * so the places cannot all be held by requests that wait for a place.
 */
export function limitedPerHost(http: Http, limit = IN_FLIGHT): Http {
  const hosts = new Map<string, ReturnType<typeof limitedQueue>>();
  return (req) => {
    const origin = new URL(req.url).origin;
    let queue = hosts.get(origin);
    if (!queue) hosts.set(origin, (queue = limitedQueue(limit)));
    return queue(() => http(req));
  };
}

/**
 * Runs `work` over `items`, `window` at a time, in order. The window bounds how much is read ahead
 * of the network (the requests themselves wait for a place at limitedPerHost), and the first failure
 * stops new work from starting; it is thrown once the ones already running have settled (no request
 * is left behind).
 */
export async function eachLimited<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>, window = IN_FLIGHT): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await work(items[i]!, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
  if (failed) throw (failed as { error: unknown }).error;
}
