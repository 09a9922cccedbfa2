import { describe, expect, it } from 'vitest';
import { readDraft, saveDraft } from '@/lib/notes/drafts';
import { createNoteSaver, NOTE_DEBOUNCE_MS, reconcileDraft, type NoteState, type SendResult } from '@/lib/notes/saver';
import { MemoryStore } from '../fixtures';

interface Task {
  fn: () => void;
  ms: number;
  cancelled: boolean;
  ran: boolean;
}

/** Lets every pending promise callback run (the saver's sends are async). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A saver wired to fakes: scheduled callbacks are collected and run by hand, `send` answers
 * from `outcomes` in order ('saved' once they run out), and every call is recorded.
 */
function harness(outcomes: Array<SendResult | Promise<SendResult>> = []) {
  const store = new MemoryStore();
  const tasks: Task[] = [];
  const sent: Array<[string, string]> = [];
  const states: Array<[string, NoteState]> = [];
  const clock = { time: 1_000 };
  const saver = createNoteSaver({
    store,
    send: async (stepId, note) => {
      sent.push([stepId, note]);
      return outcomes.shift() ?? 'saved';
    },
    onState: (stepId, state) => states.push([stepId, state]),
    schedule: (fn, ms) => {
      const task: Task = { fn, ms, cancelled: false, ran: false };
      tasks.push(task);
      return task;
    },
    cancel: (handle) => {
      (handle as Task).cancelled = true;
    },
    now: () => clock.time,
  });
  const live = () => tasks.filter((t) => !t.cancelled && !t.ran);
  /** Runs every callback scheduled so far (not those they schedule), then lets the sends finish. */
  async function runScheduled() {
    for (const task of live()) {
      task.ran = true;
      task.fn();
    }
    await settle();
  }
  const lastState = (stepId: string) => states.filter(([id]) => id === stepId).at(-1)?.[1];
  return { store, tasks, sent, states, clock, saver, live, runScheduled, lastState };
}

describe('reconcileDraft', () => {
  it('settles when the stored note is the draft or already contains it', () => {
    expect(reconcileDraft('Slow checkout', 'Slow checkout')).toEqual({ action: 'settle' });
    expect(reconcileDraft('Slow checkout, hidden fees', 'Slow checkout')).toEqual({ action: 'settle' });
    expect(reconcileDraft('Slow', '')).toEqual({ action: 'settle' });
  });

  it('sends the draft when it extends the stored note', () => {
    expect(reconcileDraft('Slow', 'Slow checkout')).toEqual({ action: 'send', note: 'Slow checkout' });
    expect(reconcileDraft('', 'Anything')).toEqual({ action: 'send', note: 'Anything' });
  });

  it('keeps both texts when they diverged, stored first', () => {
    const stored = 'A';
    const draft = 'B';
    expect(reconcileDraft(stored, draft)).toEqual({ action: 'send', note: `${stored}\n\n${draft}` });
  });
});

describe('createNoteSaver', () => {
  it('debounces typing into one send carrying the last text', async () => {
    const h = harness();
    for (const text of ['S', 'Sl', 'Slow']) h.saver.input('s1', text);
    expect(h.sent).toEqual([]);
    expect(h.live()).toHaveLength(1);
    expect(h.live()[0]!.ms).toBe(NOTE_DEBOUNCE_MS);
    expect(h.tasks.filter((t) => t.cancelled)).toHaveLength(2);

    await h.runScheduled();
    expect(h.sent).toEqual([['s1', 'Slow']]);
    expect(h.states).toEqual([
      ['s1', 'saving'],
      ['s1', 'saving'],
      ['s1', 'saving'],
      ['s1', 'saved'],
    ]);
    expect(h.live()).toHaveLength(0);
  });

  it('keeps separate steps apart', async () => {
    const h = harness();
    h.saver.input('s1', 'one');
    h.saver.input('s2', 'two');
    await h.runScheduled();
    expect([...h.sent].sort()).toEqual([
      ['s1', 'one'],
      ['s2', 'two'],
    ]);
  });

  it('journals the draft synchronously on input and settles it after a successful send', async () => {
    const h = harness();
    h.clock.time = 4_242;
    h.saver.input('s1', 'Slow checkout');
    // No await: the journal is written before input() returns.
    expect(readDraft(h.store, 's1')).toEqual({ stepId: 's1', note: 'Slow checkout', at: 4_242 });
    await h.runScheduled();
    expect(readDraft(h.store, 's1')).toBeNull();
  });

  it('a failed send reports error, keeps the draft, retries by itself and then reports saved', async () => {
    const h = harness(['failed', 'saved']);
    h.saver.input('s1', 'Slow checkout');
    await h.runScheduled();
    expect(h.sent).toEqual([['s1', 'Slow checkout']]);
    expect(h.lastState('s1')).toBe('error');
    expect(readDraft(h.store, 's1')?.note).toBe('Slow checkout');
    expect(h.saver.pending('s1')).toBe('Slow checkout');
    // The retry is already scheduled: nobody has to type again or reopen the panel.
    expect(h.live()).toHaveLength(1);

    await h.runScheduled();
    expect(h.sent).toEqual([
      ['s1', 'Slow checkout'],
      ['s1', 'Slow checkout'],
    ]);
    expect(h.lastState('s1')).toBe('saved');
    expect(readDraft(h.store, 's1')).toBeNull();
    expect(h.live()).toHaveLength(0);
  });

  it('stops retrying after a while but still keeps the draft', async () => {
    const failures = 50;
    const h = harness(Array.from({ length: failures }, () => 'failed' as const));
    h.saver.input('s1', 'x');
    let rounds = 0;
    while (h.live().length > 0 && rounds < failures) {
      await h.runScheduled();
      rounds++;
    }
    expect(rounds).toBeLessThan(failures);
    expect(h.live()).toHaveLength(0);
    expect(h.lastState('s1')).toBe('error');
    expect(readDraft(h.store, 's1')?.note).toBe('x');
  });

  it('a failure of an older send stays silent when newer text is queued, and the newer text is saved', async () => {
    const first = deferred<SendResult>();
    const h = harness([first.promise, 'saved']);
    h.saver.input('s1', 'Slow');
    await h.runScheduled(); // the send of 'Slow' is now in flight
    h.saver.input('s1', 'Slow checkout');
    first.resolve('failed');
    await settle();
    expect(h.lastState('s1')).toBe('saving');
    expect(readDraft(h.store, 's1')?.note).toBe('Slow checkout');

    await h.runScheduled();
    expect(h.sent.at(-1)).toEqual(['s1', 'Slow checkout']);
    expect(h.lastState('s1')).toBe('saved');
    expect(readDraft(h.store, 's1')).toBeNull();
  });

  it('flush() sends pending text at once and cancels the debounce', async () => {
    const h = harness();
    h.saver.input('s1', 'Half a wo');
    h.saver.input('s2', 'Other');
    h.saver.flush();
    await settle();
    expect([...h.sent].sort()).toEqual([
      ['s1', 'Half a wo'],
      ['s2', 'Other'],
    ]);
    expect(h.live()).toHaveLength(0);
    await h.runScheduled();
    expect(h.sent).toHaveLength(2);
    expect(readDraft(h.store, 's1')).toBeNull();
  });

  it('pending() returns text not yet stored, from memory or from the journal', async () => {
    const h = harness();
    expect(h.saver.pending('s1')).toBeUndefined();
    h.saver.input('s1', 'Typed');
    expect(h.saver.pending('s1')).toBe('Typed');
    await h.runScheduled();
    expect(h.saver.pending('s1')).toBeUndefined();

    // Journaled by an earlier panel that died before sending.
    saveDraft(h.store, { stepId: 's2', note: 'From before', at: 1 });
    expect(h.saver.pending('s2')).toBe('From before');
  });

  it("a 'gone' result settles the draft", async () => {
    const h = harness(['gone']);
    h.saver.input('s1', 'Note for a deleted step');
    await h.runScheduled();
    expect(readDraft(h.store, 's1')).toBeNull();
    expect(h.live()).toHaveLength(0);
  });
});

describe('createNoteSaver replay', () => {
  it('sends a journaled draft when the stored note is its prefix, then settles it', async () => {
    const h = harness();
    saveDraft(h.store, { stepId: 's1', note: 'Slow checkout', at: 1 });
    await h.saver.replay(async () => 'Slow');
    expect(h.sent).toEqual([['s1', 'Slow checkout']]);
    expect(readDraft(h.store, 's1')).toBeNull();
  });

  it('settles without sending when the stored note already contains the draft', async () => {
    const h = harness();
    saveDraft(h.store, { stepId: 's1', note: 'Slow checkout', at: 1 });
    saveDraft(h.store, { stepId: 's2', note: 'Same', at: 1 });
    const stored: Record<string, string> = { s1: 'Slow checkout, hidden fees', s2: 'Same' };
    await h.saver.replay(async (id) => stored[id]);
    expect(h.sent).toEqual([]);
    expect(readDraft(h.store, 's1')).toBeNull();
    expect(readDraft(h.store, 's2')).toBeNull();
  });

  it('keeps both texts when they diverged', async () => {
    const h = harness();
    saveDraft(h.store, { stepId: 's1', note: 'B', at: 1 });
    await h.saver.replay(async () => 'A');
    expect(h.sent).toEqual([['s1', 'A\n\nB']]);
    expect(readDraft(h.store, 's1')).toBeNull();
  });

  it('journals the merged text before sending, so a failed send loses neither side', async () => {
    const h = harness(['failed']);
    saveDraft(h.store, { stepId: 's1', note: 'B', at: 1 });
    await h.saver.replay(async () => 'A');
    expect(readDraft(h.store, 's1')?.note).toBe('A\n\nB');
    expect(h.lastState('s1')).toBe('error');
  });

  it('skips a step being typed in this saver right now', async () => {
    const h = harness();
    h.saver.input('s1', 'typing');
    const asked: string[] = [];
    await h.saver.replay(async (id) => {
      asked.push(id);
      return '';
    });
    expect(asked).not.toContain('s1');
    expect(h.sent).toEqual([]);
    await h.runScheduled();
    expect(h.sent).toEqual([['s1', 'typing']]);
  });

  it('drops drafts of steps that no longer exist', async () => {
    const h = harness();
    saveDraft(h.store, { stepId: 'deleted', note: 'Orphan', at: 1 });
    saveDraft(h.store, { stepId: 'kept', note: 'Kept longer', at: 1 });
    const stored: Record<string, string> = { kept: 'Kept' };
    await h.saver.replay(async (id) => stored[id]);
    expect(readDraft(h.store, 'deleted')).toBeNull();
    expect(h.sent).toEqual([['kept', 'Kept longer']]);
    expect(readDraft(h.store, 'kept')).toBeNull();
  });

  it("settles a replayed draft whose send answers 'gone'", async () => {
    const h = harness(['gone']);
    saveDraft(h.store, { stepId: 's1', note: 'Slow checkout', at: 1 });
    await h.saver.replay(async () => 'Slow');
    expect(h.sent).toEqual([['s1', 'Slow checkout']]);
    expect(readDraft(h.store, 's1')).toBeNull();
  });
});
