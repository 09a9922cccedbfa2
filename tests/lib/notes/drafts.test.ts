import { beforeEach, describe, expect, it } from 'vitest';
import { dropDraft, pendingDrafts, readDraft, saveDraft, settleDraft, type DraftStore } from '@/lib/notes/drafts';
import { MemoryStore } from '../fixtures';

let store: MemoryStore;
beforeEach(() => {
  store = new MemoryStore();
});

describe('drafts', () => {
  it('reads back what was saved, and the latest save wins', () => {
    saveDraft(store, { stepId: 's1', note: 'Slow', at: 1 });
    saveDraft(store, { stepId: 's1', note: 'Slow checkout', at: 2 });
    expect(readDraft(store, 's1')).toEqual({ stepId: 's1', note: 'Slow checkout', at: 2 });
    expect(readDraft(store, 'other')).toBeNull();
  });

  it('settles a draft only when the saved text is exactly the draft', () => {
    saveDraft(store, { stepId: 's1', note: 'Slow checkout', at: 2 });
    settleDraft(store, 's1', 'Slow');
    expect(readDraft(store, 's1')?.note).toBe('Slow checkout');
    settleDraft(store, 's1', 'Slow checkout');
    expect(readDraft(store, 's1')).toBeNull();
  });

  it('lists pending drafts and ignores keys that are not drafts', () => {
    store.setItem('theme', 'dark');
    saveDraft(store, { stepId: 'a', note: 'one', at: 1 });
    saveDraft(store, { stepId: 'b', note: 'two', at: 2 });
    const pending = pendingDrafts(store).sort((x, y) => x.stepId.localeCompare(y.stepId));
    expect(pending).toEqual([
      { stepId: 'a', note: 'one', at: 1 },
      { stepId: 'b', note: 'two', at: 2 },
    ]);
    expect(store.getItem('theme')).toBe('dark');
  });

  it('drops a corrupt entry', () => {
    store.setItem('ms-draft:bad', '{not json');
    store.setItem('ms-draft:wrong-shape', JSON.stringify({ note: 42, at: 'yesterday' }));
    expect(readDraft(store, 'bad')).toBeNull();
    expect(pendingDrafts(store)).toEqual([]);
    expect(store.length).toBe(0);
  });

  it('still returns every good draft stored after corrupt ones', () => {
    store.setItem('ms-draft:bad1', 'null');
    store.setItem('ms-draft:bad2', '{');
    saveDraft(store, { stepId: 'good1', note: 'kept', at: 3 });
    store.setItem('ms-draft:bad3', '[]');
    saveDraft(store, { stepId: 'good2', note: 'also kept', at: 4 });
    const ids = pendingDrafts(store).map((d) => d.stepId).sort();
    expect(ids).toEqual(['good1', 'good2']);
    expect([...store.map.keys()].sort()).toEqual(['ms-draft:good1', 'ms-draft:good2']);
  });

  it('dropDraft forgets a draft whatever its text', () => {
    saveDraft(store, { stepId: 's1', note: 'x', at: 1 });
    dropDraft(store, 's1');
    expect(readDraft(store, 's1')).toBeNull();
  });

  it('a full store does not make saving throw', () => {
    const full: DraftStore = Object.assign(new MemoryStore(), {
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(() => saveDraft(full, { stepId: 's1', note: 'x', at: 1 })).not.toThrow();
  });
});
