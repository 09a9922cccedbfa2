import { expect, it } from 'vitest';
import { tabLock } from '@/lib/capture/tab-lock';

const refusal = { kind: 'capture-failed', detail: 'a full-page capture of this tab is already running' } as const;

it('refuses a second task for a busy tab at once, with the refusal, and runs other tabs meanwhile', async () => {
  const run = tabLock(refusal);
  let finish!: () => void;
  const first = run(7, () => new Promise<string>((resolve) => (finish = () => resolve('first'))));
  const second = run(7, async () => 'second');
  await expect(second).rejects.toMatchObject({ error: refusal });
  expect(await run(8, async () => 'other tab')).toBe('other tab');
  finish();
  expect(await first).toBe('first');
});

it('frees the tab when the task ends, whether it succeeded or failed', async () => {
  const run = tabLock(refusal);
  await expect(run(3, async () => Promise.reject(new Error('page closed')))).rejects.toThrow('page closed');
  expect(await run(3, async () => 'again')).toBe('again');
  expect(await run(3, async () => 'and again')).toBe('and again');
});
