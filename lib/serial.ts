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
