import { AppFailure, type AppError } from '../errors';

/**
 * One task per tab at a time: a second one for a busy tab is refused at once with `refusal`, not
 * queued (two full-page captures of one tab, from a panel and a shortcut, would fight over its
 * scroll position). The tab is free again when the task settles, whether it succeeded or not.
 */
export function tabLock(refusal: AppError) {
  const busy = new Set<number>();
  return async function run<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    if (busy.has(tabId)) throw new AppFailure(refusal);
    busy.add(tabId);
    try {
      return await task();
    } finally {
      busy.delete(tabId);
    }
  };
}
