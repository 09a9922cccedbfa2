import { useState } from 'preact/hooks';

export type ExportKind = 'html' | 'markdown' | 'csv' | 'bundle';

interface Props {
  busy: boolean;
  canDelete: boolean;
  onExport(kind: ExportKind): void;
  onDelete(): void;
}

const KINDS: ReadonlyArray<[ExportKind, string, string]> = [
  ['html', 'HTML report', 'One file for the client: opens offline, prints to PDF'],
  ['markdown', 'Markdown (.zip)', 'For wikis and trackers, with the screenshots'],
  ['csv', 'CSV', 'One row per step, for spreadsheets'],
  ['bundle', 'Bundle (.zip)', 'Everything, for another copy of Mystery Shopper'],
];

/** Export and share a session; deleting lives here too, away from the capture controls. */
export function ExportCard({ busy, canDelete, onExport, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="card" aria-labelledby="export-heading">
      <h3 id="export-heading">Export and share</h3>
      <ul class="exports">
        {KINDS.map(([kind, label, hint]) => (
          <li key={kind}>
            <button type="button" onClick={() => onExport(kind)} disabled={busy}>
              {label}
            </button>
            <small class="muted">{hint}</small>
          </li>
        ))}
      </ul>
      {canDelete &&
        (confirming ? (
          <div class="session-actions">
            <button type="button" class="danger" onClick={onDelete}>
              Confirm: delete this session and its screenshots
            </button>
            <button type="button" class="link" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button type="button" class="link danger-text delete-session" onClick={() => setConfirming(true)}>
            Delete this session…
          </button>
        ))}
    </section>
  );
}
