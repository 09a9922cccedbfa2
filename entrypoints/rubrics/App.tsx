import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { userMessage } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { copyRubric } from '@/lib/rubric/draft';
import { exportRubricFile, fileSizeProblem, importRubricFile, rubricFileName } from '@/lib/rubric/io';
import { BUILT_IN_RUBRICS } from '@/lib/rubric/builtin';
import type { Rubric, SavedRubric } from '@/lib/schemas';
import { Alert } from '@/components/Alert';
import { RubricEditor } from '@/components/RubricEditor';
import { RubricList } from '@/components/RubricList';
import { useSavedRubrics } from '@/components/data/useSession';
import { downloadText } from './files';

// Wiring only: reads saved rubrics from IndexedDB, sends every write to the background.


interface Editing {
  rubric: Rubric;
  isNew: boolean;
  /** Changes only when another rubric is opened, so a save keeps the editor's state and focus. */
  key: string;
}

export function App() {
  const saved = useSavedRubrics(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [unsaved, setUnsaved] = useState(false);

  // Typed rubrics live only in this page until saved: warn before the tab closes them.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [unsaved]);
  const names = () => [...BUILT_IN_RUBRICS, ...(saved ?? [])].map((r) => r.name);

  function open(rubric: Rubric, isNew: boolean) {
    if (unsaved && !confirm('The rubric in the editor has unsaved changes. Discard them?')) return;
    setUnsaved(false);
    setEditing({ rubric, isNew, key: newId() });
    setError(null);
    setStatus(isNew ? `Copied into the editor as “${rubric.name}”. Save it to keep it.` : `Editing “${rubric.name}”.`);
    requestAnimationFrame(() => document.getElementById('f-name')?.focus());
  }

  async function save(rubric: Rubric): Promise<SavedRubric | undefined> {
    setBusy(true);
    try {
      const reply = await sendRequest('rubric.save', rubric);
      setError(reply.ok ? null : userMessage(reply.error));
      if (!reply.ok) setStatus('');
      return reply.ok ? reply.value : undefined;
    } finally {
      setBusy(false);
    }
  }

  async function remove(rubric: SavedRubric) {
    setBusy(true);
    const reply = await sendRequest('rubric.delete', { rubricId: rubric.id });
    setBusy(false);
    if (!reply.ok) return (setStatus(''), setError(userMessage(reply.error)));
    if (editing?.rubric.id === rubric.id) (setEditing(null), setUnsaved(false));
    setStatus(`Deleted “${rubric.name}”. Sessions that used it keep their own copy.`);
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again fires another change.
    input.value = '';
    if (!file) return;
    const refuse = (problems: string[]) => {
      setStatus('');
      setError(`“${file.name}” was not imported: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? `; and ${problems.length - 4} more` : ''}.`);
    };
    const tooBig = fileSizeProblem(file.size);
    if (tooBig) return refuse([tooBig]);
    const result = importRubricFile(await file.text(), { newId, takenNames: names() });
    if (!result.ok) return refuse(result.problems);
    const stored = await save(result.rubric);
    if (stored) setStatus(`Imported “${stored.name}” from ${file.name}.`);
  }

  return (
    <div class="rubrics-page">
      <header class="page-header">
        <div class="page-title">
          <span class="logo" aria-hidden="true">◎</span>
          <div>
            <h1>Rubrics</h1>
            <p class="muted">What every step of an audit is scored against. A session keeps a copy of its rubric, so edits never change past scores.</p>
          </div>
        </div>
        <label class="button file-button">
          Import rubric…
          <input type="file" accept=".json,application/json" class="visually-hidden" onChange={(e) => void importFile(e.currentTarget)} />
        </label>
      </header>
      <Alert message={error} onDismiss={() => setError(null)} />
      <p role="status" class="status-line">
        {status}
      </p>
      <div class="rubrics-layout">
        <RubricList
          templates={BUILT_IN_RUBRICS}
          saved={saved}
          editingId={editing?.rubric.id ?? null}
          busy={busy}
          onCopy={(r) => open(copyRubric(r, newId(), names()), true)}
          onEdit={(r) => open(r, false)}
          onExport={(r) => {
            downloadText(rubricFileName(r), exportRubricFile(r));
            setStatus(`Exported “${r.name}” as ${rubricFileName(r)}.`);
          }}
          onDelete={(r) => void remove(r)}
        />
        <main class="editor-column">
          {editing ? (
            <RubricEditor
              key={editing.key}
              rubric={editing.rubric}
              isNew={editing.isNew}
              busy={busy}
              newPillarId={newId}
              onSave={async (rubric) => {
                const stored = await save(rubric);
                if (stored) {
                  setEditing({ ...editing, rubric: stored, isNew: false });
                  setStatus(`Saved “${stored.name}”.`);
                }
                return Boolean(stored);
              }}
              onClose={() => (setEditing(null), setUnsaved(false), setStatus(''))}
              onDirtyChange={setUnsaved}
            />
          ) : (
            <div class="card editor-empty">
              <h2>No rubric open</h2>
              <p class="muted">Copy a template or a saved rubric to start editing, or import a rubric file someone shared with you.</p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
