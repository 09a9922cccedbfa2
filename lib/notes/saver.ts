import { pendingDrafts, readDraft, saveDraft, settleDraft, type DraftStore } from './drafts';

// lib/notes/ — a step's note while the shopper types: debounced sends and retries (saver.ts) over a
// local draft journal (drafts.ts). Pure: the caller passes storage and sending in; imports no lib/ folder.

// Notes are saved as the shopper types: journaled at once (synchronously, so a panel that
// dies mid-word still has the text), sent after a short pause in typing, flushed when the
// panel is hidden, retried when a send fails, and replayed by the next panel that opens.

export const NOTE_DEBOUNCE_MS = 300;
const RETRY_MS = [1000, 2000, 4000, 8000];

export type NoteState = 'saving' | 'saved' | 'error';
export type SendResult = 'saved' | 'gone' | 'failed';

export interface NoteSaverDeps {
  store: DraftStore;
  /** Stores the note through the background; 'gone' when the step no longer exists. */
  send(stepId: string, note: string): Promise<SendResult>;
  onState(stepId: string, state: NoteState): void;
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
  now(): number;
}

/**
 * What to do with a journaled draft, given the note now stored. Never loses text: if both
 * sides changed (two panels, or a failed save followed by another edit elsewhere), both are kept.
 */
export function reconcileDraft(stored: string, draft: string): { action: 'settle' } | { action: 'send'; note: string } {
  if (stored === draft || stored.includes(draft)) return { action: 'settle' };
  if (draft.includes(stored)) return { action: 'send', note: draft };
  return { action: 'send', note: `${stored}\n\n${draft}` };
}

export function createNoteSaver(deps: NoteSaverDeps) {
  const timers = new Map<string, unknown>();
  const latest = new Map<string, string>();
  const attempts = new Map<string, number>();

  function arm(stepId: string, ms: number) {
    if (timers.has(stepId)) deps.cancel(timers.get(stepId));
    timers.set(stepId, deps.schedule(() => void send(stepId), ms));
  }

  async function send(stepId: string) {
    timers.delete(stepId);
    const note = latest.get(stepId);
    if (note === undefined) return;
    latest.delete(stepId);
    const result = await deps.send(stepId, note);
    if (result !== 'failed') settleDraft(deps.store, stepId, note);
    // A newer keystroke is queued: its own send reports the state.
    if (latest.has(stepId)) return;
    if (result === 'failed') {
      const n = attempts.get(stepId) ?? 0;
      attempts.set(stepId, n + 1);
      deps.onState(stepId, 'error');
      // The journal keeps the text either way; retrying here saves it without a reopen.
      if (n < RETRY_MS.length) {
        latest.set(stepId, note);
        arm(stepId, RETRY_MS[n]!);
      }
      return;
    }
    attempts.delete(stepId);
    deps.onState(stepId, 'saved');
  }

  return {
    input(stepId: string, note: string) {
      saveDraft(deps.store, { stepId, note, at: deps.now() });
      latest.set(stepId, note);
      attempts.delete(stepId);
      deps.onState(stepId, 'saving');
      arm(stepId, NOTE_DEBOUNCE_MS);
    },
    /** Sends everything pending now (the panel is being hidden or closed); resolves when sent. */
    async flush(): Promise<void> {
      const sends = [...timers.keys()].map((stepId) => {
        deps.cancel(timers.get(stepId));
        return send(stepId);
      });
      await Promise.all(sends);
    },
    /** Text typed but maybe not stored yet, to show instead of the stored note. */
    pending(stepId: string): string | undefined {
      return latest.get(stepId) ?? readDraft(deps.store, stepId)?.note;
    },
    /** Sends what an earlier panel journaled but may not have delivered. */
    async replay(storedNote: (stepId: string) => Promise<string | undefined>) {
      for (const draft of pendingDrafts(deps.store)) {
        if (latest.has(draft.stepId)) continue; // being typed in this panel right now
        const stored = await storedNote(draft.stepId);
        if (stored === undefined) {
          settleDraft(deps.store, draft.stepId, draft.note);
          continue;
        }
        const plan = reconcileDraft(stored, draft.note);
        if (plan.action === 'settle') {
          settleDraft(deps.store, draft.stepId, draft.note);
          continue;
        }
        if (plan.note !== draft.note) saveDraft(deps.store, { stepId: draft.stepId, note: plan.note, at: deps.now() });
        latest.set(draft.stepId, plan.note);
        await send(draft.stepId);
      }
    },
  };
}

export type NoteSaver = ReturnType<typeof createNoteSaver>;
