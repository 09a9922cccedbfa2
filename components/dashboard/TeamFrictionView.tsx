import { useMemo, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { downloadBlob } from '@/lib/browser/files';
import { userMessage } from '@/lib/errors';
import { exportTeamFrictionCsv } from '@/lib/export/csv';
import { teamFriction } from '@/lib/library/team-friction';
import { SEVERITY_LABELS } from '@/lib/vocabulary';
import { useTeamSessionRows, useTeamThumb } from '../data/useWorkspace';
import { Alert } from '../Alert';
import './workspace.css';

/** Every step with friction ≥ n across the team's published sessions, from their light rows; thumbnails load as shown. */
export function TeamFrictionView({ onOpen }: { onOpen(sessionId: string, stepId: string): void }) {
  const summaries = useTeamSessionRows();
  const [min, setMin] = useState(3);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const chosen = useMemo(() => new Set(summaries.map((s) => s.sessionId).filter((id) => !excluded.has(id))), [summaries, excluded]);
  const rows = useMemo(() => teamFriction(summaries, min, chosen), [summaries, min, chosen]);

  async function open(sessionId: string, stepId: string) {
    const reply = await sendRequest('workspace.open', { sessionId });
    if (reply.ok) onOpen(sessionId, stepId);
    else setError(userMessage(reply.error));
  }

  return (
    <div class="team-friction">
      <h1>Friction across the team</h1>
      <Alert message={error} onDismiss={() => setError(null)} />
      {summaries.length === 0 ? (
        <p class="muted">No team sessions yet. Connect a team workspace and refresh the team library.</p>
      ) : (
        <>
          <label class="field friction-min">
            <span>Friction at least</span>
            <select value={min} onChange={(e) => setMin(Number(e.currentTarget.value))}>
              {SEVERITY_LABELS.map((label, n) => n > 0 && <option value={n}>{`${n} — ${label}`}</option>)}
            </select>
          </label>
          <fieldset class="friction-sessions">
            <legend>Sessions</legend>
            {summaries.map((s) => (
              <label key={s.sessionId}>
                <input
                  type="checkbox"
                  checked={!excluded.has(s.sessionId)}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.currentTarget.checked) next.delete(s.sessionId);
                    else next.add(s.sessionId);
                    setExcluded(next);
                  }}
                />{' '}
                {s.row.title} <span class="muted">by {s.authorName}</span>
              </label>
            ))}
          </fieldset>
          <div class="friction-actions">
            <p role="status">{`${rows.length} ${rows.length === 1 ? 'step' : 'steps'} with friction ${min} or worse`}</p>
            <button type="button" disabled={rows.length === 0} onClick={() => downloadBlob(new Blob([exportTeamFrictionCsv(rows)], { type: 'text/csv' }), 'team-friction.csv')}>
              Export CSV
            </button>
          </div>
          <ul class="friction-list" aria-label="Steps with friction">
            {rows.map((r) => (
              <li key={`${r.sessionId}/${r.id}`}>
                <StepThumb sessionId={r.sessionId} sha256={r.thumb} />
                <div>
                  <strong>
                    {SEVERITY_LABELS[r.severity!]} ({r.severity})
                  </strong>{' '}
                  — step {r.position + 1} of{' '}
                  <a
                    href={`#/session/${encodeURIComponent(r.sessionId)}/${encodeURIComponent(r.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      void open(r.sessionId, r.id);
                    }}
                  >
                    {r.sessionTitle}
                  </a>{' '}
                  <span class="muted">by {r.authorName}</span>
                  {r.stage && <div class="muted">{r.stage}</div>}
                  {r.note && <p>{r.note}</p>}
                  {r.tags.length > 0 && <p class="muted">{r.tags.join(', ')}</p>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function StepThumb({ sessionId, sha256 }: { sessionId: string; sha256: string | null }) {
  const url = useTeamThumb(sessionId, sha256);
  return url ? <img src={url} alt="" /> : <span />;
}
