import { useEffect, useState } from 'preact/hooks';
import type { Rubric, SavedRubric } from '@/lib/schemas';

interface Props {
  templates: readonly Rubric[];
  /** null while loading, so the empty state never flashes. */
  saved: readonly SavedRubric[] | null;
  /** The rubric open in the editor, marked in the list. */
  editingId: string | null;
  busy: boolean;
  onCopy(rubric: Rubric): void;
  onEdit(rubric: SavedRubric): void;
  onExport(rubric: SavedRubric): void;
  onDelete(rubric: SavedRubric): void;
}

const summary = (r: Rubric) => `${r.pillars.length} pillars · scale ${r.scale.min}–${r.scale.max}`;

/** Built-in templates to copy, and the team's saved rubrics to edit, copy, export or delete. */
export function RubricList({ templates, saved, editingId, busy, onCopy, onEdit, onExport, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  // The Delete button is replaced by its confirmation: keep the keyboard on it.
  useEffect(() => {
    if (confirming) document.getElementById(`confirm-delete-${confirming}`)?.focus();
  }, [confirming]);

  return (
    <div class="rubric-lists">
      <section class="card" aria-labelledby="templates-heading">
        <h2 id="templates-heading">Templates</h2>
        <p class="field-hint">Built in. Copy one to make it your own.</p>
        <ul class="rubric-list">
          {templates.map((r) => (
            <li key={r.id}>
              <div class="rubric-item-text">
                <strong title={r.name}>{r.name}</strong>
                <small class="muted">{summary(r)}</small>
              </div>
              <div class="rubric-item-actions">
                <button type="button" aria-label={`Copy ${r.name}`} onClick={() => onCopy(r)}>
                  Copy
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="saved-heading">
        <h2 id="saved-heading">Saved rubrics</h2>
        {saved?.length === 0 && <p class="empty">No saved rubrics yet. Copy a template, edit it and save it, or import a rubric file.</p>}
        {saved && saved.length > 0 && (
          <ul class="rubric-list">
            {saved.map((r) => (
              <li key={r.id} class={r.id === editingId ? 'is-editing' : undefined} aria-current={r.id === editingId ? 'true' : undefined}>
                <div class="rubric-item-text">
                  <strong title={r.name}>{r.name}</strong>
                  <small class="muted">
                    {summary(r)}
                    {r.id === editingId ? ' · in the editor' : ''}
                  </small>
                </div>
                {confirming === r.id ? (
                  <div class="rubric-item-actions">
                    <button type="button" id={`confirm-delete-${r.id}`} class="danger" disabled={busy} onClick={() => (setConfirming(null), onDelete(r))}>
                      Confirm: delete {r.name}
                    </button>
                    <button type="button" class="link" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div class="rubric-item-actions">
                    <button type="button" aria-label={`Edit ${r.name}`} onClick={() => onEdit(r)}>
                      Edit
                    </button>
                    <button type="button" aria-label={`Copy ${r.name}`} onClick={() => onCopy(r)}>
                      Copy
                    </button>
                    <button type="button" aria-label={`Export ${r.name}`} onClick={() => onExport(r)}>
                      Export
                    </button>
                    <button type="button" class="link danger-text" aria-label={`Delete ${r.name}`} onClick={() => setConfirming(r.id)}>
                      Delete
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
