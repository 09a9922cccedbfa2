interface Props {
  /** Null when no import is running; else bytes checked so far out of the total. */
  progress: { done: number; total: number } | null;
  notice: string | null;
  onFile(file: File): void;
  onCancel(): void;
  /** Offered where the shopper may want everything at once (start screen, dashboard). */
  onExportAll?(): void;
  exporting?: boolean;
}

/**
 * Sessions in and out of this copy of Mystery Shopper: Export all writes every session in one
 * bundle, and a bundle file (one session or all of them) comes back in with the same checks.
 */
export function ImportBundle({ progress, notice, onFile, onCancel, onExportAll, exporting = false }: Props) {
  const busy = progress !== null;
  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{onExportAll ? 'Export and import all sessions' : 'Import a bundle'}</h2>
      {onExportAll && (
        <>
          <p class="muted small">
            A bundle (.zip) carries sessions, steps and screenshots losslessly to another copy of Mystery Shopper, for example the store version.
          </p>
          <div>
            <button type="button" disabled={busy || exporting} onClick={onExportAll}>
              {exporting ? 'Exporting…' : 'Export all sessions'}
            </button>
          </div>
        </>
      )}
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
