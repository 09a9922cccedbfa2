import type { Annotation } from '@/lib/schemas';

// Undo and redo for the editor: whole snapshots of the shapes (at most 200 small objects each),
// so an undo can never leave a half-applied change behind.

export interface History {
  past: Annotation[][];
  present: Annotation[];
  future: Annotation[][];
}

export type HistoryAction =
  /** A finished change: the current shapes become an undo step. */
  | { kind: 'commit'; next: Annotation[] }
  /** A change in progress (a label being typed): shown, but not yet an undo step of its own. */
  | { kind: 'replace'; next: Annotation[] }
  /** Marks the current shapes as an undo step before a run of `replace`s. */
  | { kind: 'checkpoint' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** After a save: what is stored is the new floor; undoing past a burned redaction would be a lie. */
  | { kind: 'reset'; next: Annotation[] };

const LIMIT = 100;

export const initialHistory = (present: Annotation[]): History => ({ past: [], present, future: [] });

export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.kind) {
    case 'commit':
      return { past: [...state.past, state.present].slice(-LIMIT), present: action.next, future: [] };
    case 'replace':
      return { ...state, present: action.next };
    case 'checkpoint':
      return { past: [...state.past, state.present].slice(-LIMIT), present: state.present, future: [] };
    case 'undo': {
      const previous = state.past.at(-1);
      return previous ? { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] } : state;
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      return next ? { past: [...state.past, state.present], present: next, future: rest } : state;
    }
    case 'reset':
      return initialHistory(action.next);
  }
}
