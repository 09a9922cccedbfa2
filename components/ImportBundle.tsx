interface Props {
  /** Null when no import is running; else bytes checked so far out of the total. */
  progress: { done: number; total: number } | null;
  notice: string | null;
  onFile(file: File): void;
  onCancel(): void;
}

/** Bring in sessions exported from another copy of Mystery Shopper. */
export function ImportBundle({ progress, notice, onFile, onCancel }: Props) {
  const busy = progress !== null;
  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import a bundle</h2>
      <label class="field">
        <span>Bundle file (.zip) exported by Mystery Shopper</span>
        <input
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onFile(file);
          }}
        />
      </label>
      {busy && (
        <div class="import-progress">
          <progress aria-label="Import progress" max={progress.total || 1} value={progress.done} />
          <button type="button" onClick={onCancel}>
            Cancel import
          </button>
        </div>
      )}
      <p role="status" class="muted small">
        {busy ? 'Checking every file before anything is written…' : notice}
      </p>
    </section>
  );
}
