import { useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { activeSession, sessionsByRecent } from '@/lib/db/queries';
import { sendRequest } from '@/lib/browser/messaging';
import { openDashboard, openSidePanel } from '@/lib/browser/pages';
import { userMessage } from '@/lib/errors';
import { useLiveQuery } from '@/components/hooks';
import { Alert } from '@/components/Alert';
import { ScoreBadge } from '@/components/ScoreBadge';

const db = getDb();

// Wiring only: the quick actions of the toolbar button. Starting a session needs the form, which
// lives in the side panel; everything else is one click here.
export function App({ tabId, windowId }: { tabId: number | null; windowId: number | null }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const active = useLiveQuery(() => activeSession(db), [], undefined);
  const paused = useLiveQuery(async () => (await sessionsByRecent(db, 8)).find((s) => s.status === 'paused'), [], undefined);
  const session = active ?? paused;
  const summary = useLiveQuery(async () => (session ? db.summaries.get(session.id) : undefined), [session?.id, session?.updatedAt], undefined);

  async function run(action: () => ReturnType<typeof sendRequest>, done: string) {
    setBusy(true);
    const reply = await action();
    setBusy(false);
    setError(reply.ok ? null : userMessage(reply.error));
    setNotice(reply.ok ? done : null);
  }
  const close = (opening: Promise<void>) =>
    opening.then(
      () => window.close(),
      (e) => setError(String(e)),
    );

  return (
    <main class="popup">
      <header class="app-header">
        <span class="logo" aria-hidden="true">
          ◎
        </span>
        <h1>Mystery Shopper</h1>
      </header>
      <Alert message={error} onDismiss={() => setError(null)} />
      {session ? (
        <section class="card session-line" aria-label={active ? 'Recording session' : 'Paused session'}>
          <strong>{session.title}</strong>
          <span class="figures">
            <span class={`status status-${session.status}`}>{active ? 'Recording' : 'Paused'}</span>
            {summary && <span>{summary.stepCount === 1 ? '1 step' : `${summary.stepCount} steps`}</span>}
            {summary && <ScoreBadge score={summary.bas} label="Brand Alignment Score" />}
          </span>
        </section>
      ) : (
        <p class="muted">No session yet. Start one in the side panel, beside the site you audit.</p>
      )}
      <div class="actions">
        {active && (
          <div class="row">
            <button type="button" class="primary" disabled={busy || tabId === null} onClick={() => void run(() => sendRequest('step.capture', { tabId: tabId!, sessionId: active.id, ...(windowId !== null ? { windowId } : {}) }), 'Step captured.')}>
              Capture step
            </button>
            <button type="button" disabled={busy} onClick={() => void run(() => sendRequest('session.setStatus', { sessionId: active.id, status: 'paused' }), 'Paused.')}>
              Pause
            </button>
          </div>
        )}
        {!active && paused && (
          <button type="button" class="primary" disabled={busy} onClick={() => void run(() => sendRequest('session.setStatus', { sessionId: paused.id, status: 'active' }), 'Recording again.')}>
            Resume “{paused.title}”
          </button>
        )}
        <button type="button" class={session ? '' : 'primary'} onClick={() => void close(openSidePanel(windowId ?? undefined))}>
          Open side panel
        </button>
        <button type="button" onClick={() => void close(openDashboard())}>
          Open dashboard
        </button>
      </div>
      <p role="status" class="muted">
        {notice}
      </p>
    </main>
  );
}
