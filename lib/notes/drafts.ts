// A write-ahead journal for text the shopper types. The note is sent to the background
// (debounced) as they type, but a panel closed mid-word can die before that message leaves.
// Each keystroke is therefore also written synchronously to the page's localStorage and
// replayed to the background the next time a panel opens. The background stays the only
// writer of steps; this journal only ever feeds it.

export interface DraftStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

const PREFIX = 'ms-draft:';

export interface Draft {
  stepId: string;
  note: string;
  at: number;
}

export function saveDraft(store: DraftStore, draft: Draft): void {
  try {
    store.setItem(PREFIX + draft.stepId, JSON.stringify({ note: draft.note, at: draft.at }));
  } catch {
    // localStorage full: the debounced message still carries the text.
  }
}

/** Forgets a draft once the background has stored exactly that text. */
export function settleDraft(store: DraftStore, stepId: string, savedNote: string): void {
  const draft = readDraft(store, stepId);
  if (draft && draft.note === savedNote) store.removeItem(PREFIX + stepId);
}

export function readDraft(store: DraftStore, stepId: string): Draft | null {
  const raw = store.getItem(PREFIX + stepId);
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as { note?: unknown; at?: unknown };
    if (typeof value.note !== 'string' || typeof value.at !== 'number') return null;
    return { stepId, note: value.note, at: value.at };
  } catch {
    return null;
  }
}

export function pendingDrafts(store: DraftStore): Draft[] {
  const drafts: Draft[] = [];
  // Collect the keys first: removing a corrupt entry shifts the indexes of the keys after it.
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    const draft = readDraft(store, key.slice(PREFIX.length));
    if (draft) drafts.push(draft);
    else store.removeItem(key);
  }
  return drafts;
}

export function dropDraft(store: DraftStore, stepId: string): void {
  store.removeItem(PREFIX + stepId);
}
