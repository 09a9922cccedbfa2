/**
 * A queue that runs tasks one after another, in the order they were given. A task that fails
 * rejects its own promise only: the next task still runs. Used wherever two overlapping runs
 * would fight (the browser's capture quota, auto-capture's stored state, a reorder, the summaries).
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const turn = tail.then(task);
    tail = turn.catch(() => undefined);
    return turn;
  };
}

/**
 * A queue that runs at most `n` tasks at once, each as soon as a place frees, in the order given.
 * A slow task holds only its own place (unlike n serial lanes, where it holds up its whole lane);
 * a failed one rejects its own promise only. serialQueue is this with n = 1.
 */
export function limitedQueue(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        let turn: Promise<T>;
        try {
          turn = task();
        } catch (e) {
          // A task that throws before it returns a promise still frees its place.
          turn = Promise.reject(e);
        }
        turn.then(resolve, reject).finally(release);
      };
      if (running < n) start();
      else waiting.push(start);
    });
}

/**
 * Runs `task` over every item, at most `n` at once (started in the order given), and answers the
 * results in that order. When tasks fail, the failure reported is the lowest index's, the one a
 * loop running them one after another would have met first, however the tasks' times fall: each
 * item below a known failure still runs (it may fail first), none above it starts. It settles only
 * once every task started has, so nothing of the batch is still running when its caller cleans up.
 */
export async function inOrder<T, R>(items: readonly T[], n: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const queue = limitedQueue(n);
  let failedAt = Infinity;
  const skipped = Symbol('skipped');
  const settled = await Promise.allSettled(
    items.map((item, i) =>
      queue(async () => {
        if (i > failedAt) return skipped;
        try {
          return await task(item, i);
        } catch (e) {
          failedAt = Math.min(failedAt, i);
          throw e;
        }
      }),
    ),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}
