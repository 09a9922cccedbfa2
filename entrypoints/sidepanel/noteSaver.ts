import { sendRequest } from '@/lib/browser/messaging';
import { dropDraft, pendingDrafts, saveDraft, settleDraft, type DraftStore } from '@/lib/drafts';
import type { Step } from '@/lib/schemas';

// Notes are saved as the shopper types: journaled at once, sent after a short pause in typing,
// and flushed immediately when the panel is hidden or closed.

export const NOTE_DEBOUNCE_MS = 300;

export type NoteState = 'saving' | 'saved' | 'error';

export function createNoteSaver(store: DraftStore, onState: (stepId: string, state: NoteState) => void) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const latest = new Map<string, string>();

  async function send(stepId: string) {
    timers.delete(stepId);
    const note = latest.get(stepId);
    if (note === undefined) return;
    latest.delete(stepId);
    const reply = await sendRequest('step.update', { stepId, patch: { note } });
    if (reply.ok || reply.error.kind === 'not-found') settleDraft(store, stepId, note);
    // A newer keystroke is already queued: its own reply will settle the state.
    if (latest.has(stepId)) return;
    // On failure the draft stays journaled and is replayed when a panel next opens.
    onState(stepId, reply.ok ? 'saved' : 'error');
  }

  return {
    input(stepId: string, note: string) {
      saveDraft(store, { stepId, note, at: Date.now() });
      latest.set(stepId, note);
      onState(stepId, 'saving');
      clearTimeout(timers.get(stepId));
      timers.set(stepId, setTimeout(() => void send(stepId), NOTE_DEBOUNCE_MS));
    },
    flush() {
      for (const [stepId, timer] of timers) {
        clearTimeout(timer);
        void send(stepId);
      }
    },
    /**
     * Sends what an earlier panel journaled but may not have delivered, unless the stored
     * step was changed after the draft was typed (another window won; newest text wins).
     */
    async replay(getStep: (stepId: string) => Promise<Step | undefined>) {
      for (const draft of pendingDrafts(store)) {
        const step = await getStep(draft.stepId);
        if (!step || step.note === draft.note || step.updatedAt > draft.at) {
          dropDraft(store, draft.stepId);
          continue;
        }
        latest.set(draft.stepId, draft.note);
        await send(draft.stepId);
      }
    },
  };
}
