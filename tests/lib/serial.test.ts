import { expect, it } from 'vitest';
import { inOrder, limitedQueue, serialQueue } from '@/lib/serial';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

it('runs tasks one after another, in the order given, even when the first is slower', async () => {
  const serially = serialQueue();
  const log: string[] = [];
  const first = gate();
  const a = serially(async () => {
    log.push('a starts');
    await first.opened;
    log.push('a ends');
    return 'a';
  });
  const b = serially(async () => {
    log.push('b runs');
    return 'b';
  });
  await Promise.resolve();
  expect(log).toEqual(['a starts']);
  first.open();
  expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  expect(log).toEqual(['a starts', 'a ends', 'b runs']);
});

it('a failed task rejects its own promise only; the next one still runs', async () => {
  const serially = serialQueue();
  const failed = serially(async () => {
    throw new Error('quota');
  });
  const next = serially(async () => 42);
  await expect(failed).rejects.toThrow('quota');
  expect(await next).toBe(42);
});

it('two queues do not wait for each other', async () => {
  const one = serialQueue();
  const other = serialQueue();
  const stuck = gate();
  void one(() => stuck.opened);
  expect(await other(async () => 'free')).toBe('free');
  stuck.open();
});

it('a limited queue runs at most n at once, starts the next the moment any one ends, and survives failures', async () => {
  const limit = limitedQueue(2);
  const gates = [gate(), gate(), gate(), gate()];
  const started: number[] = [];
  const runs = gates.map((g, i) =>
    limit(async () => {
      started.push(i);
      await g.opened;
      if (i === 1) throw new Error('cut');
      return i;
    }),
  );
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  // The second ends first (failing): the third starts although the first is still running.
  gates[1]!.open();
  await expect(runs[1]).rejects.toThrow('cut');
  await Promise.resolve();
  expect(started).toEqual([0, 1, 2]);
  gates[2]!.open();
  expect(await runs[2]).toBe(2);
  await Promise.resolve();
  expect(started).toEqual([0, 1, 2, 3]);
  gates[0]!.open();
  gates[3]!.open();
  expect(await Promise.all([runs[0], runs[3]])).toEqual([0, 3]);
});

it('a task that throws before returning its promise rejects its own call and frees its place', async () => {
  const queue = limitedQueue(1);
  const thrown = queue((() => {
    throw new Error('at once');
  }) as () => Promise<never>);
  await expect(thrown).rejects.toThrow('at once');
  // Had the place stayed taken, this one would wait for ever.
  await expect(queue(async () => 'next')).resolves.toBe('next');
});

it('inOrder runs a few at a time and reports the lowest failing index, even when a later one fails first', async () => {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const gates = Array.from({ length: 8 }, gate);
  const run = inOrder([0, 1, 2, 3, 4, 5, 6, 7], 3, async (i) => {
    started.push(i);
    most = Math.max(most, ++running);
    try {
      await gates[i]!.opened;
      if (i === 2 || i === 4) throw new Error(`item ${i} failed`);
      return i;
    } finally {
      running--;
    }
  });
  const outcome = run.catch((e: Error) => e.message);
  // 4 fails first, while 0, 1 and 2 are still running: 2's failure must be the one reported.
  gates[4]!.open();
  for (const i of [0, 1, 3]) gates[i]!.open();
  await new Promise((r) => setTimeout(r, 0));
  gates[2]!.open();
  for (const g of gates) g.open();
  expect(await outcome).toBe('item 2 failed');
  expect(most).toBeLessThanOrEqual(3);
  // Nothing past a known failure starts.
  expect(started.filter((i) => i > 4)).toEqual([]);
  expect(running).toBe(0);
});

it('inOrder answers every result in the order of the items, whatever order they finish in', async () => {
  const results = await inOrder([30, 0, 10, 20], 2, (ms, i) => new Promise<string>((r) => setTimeout(() => r(`${i}:${ms}`), ms)));
  expect(results).toEqual(['0:30', '1:0', '2:10', '3:20']);
});
