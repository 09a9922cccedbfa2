import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { createNoteSaver, type NoteState } from '@/lib/notes/saver';
import { readStepNote } from './data/reads';

/**
 * The page's note saver (lib/notes/saver.ts): notes journaled as typed, sent to the background after a
 * pause, flushed when the page is hidden, and what an earlier page left unsent replayed on open.
 * One per page: the side panel and the dashboard share the journal (same origin), not the timers.
 */
export function useNoteSaver() {
  const [noteStates, setNoteStates] = useState<Record<string, NoteState>>({});
  const noteSaver = useMemo(
    () =>
      createNoteSaver({
        store: localStorage,
        send: async (stepId, note) => {
          const reply = await sendRequest('step.update', { stepId, patch: { note } });
          return reply.ok ? 'saved' : reply.error.kind === 'not-found' ? 'gone' : 'failed';
        },
        onState: (stepId, state) => setNoteStates((all) => ({ ...all, [stepId]: state })),
        schedule: (fn, ms) => setTimeout(fn, ms),
        cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        now: Date.now,
      }),
    [],
  );
  useEffect(() => {
    void noteSaver.replay(readStepNote);
    const flush = () => void noteSaver.flush();
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [noteSaver]);
  return { noteSaver, noteStates };
}
