import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { openDashboard, openSidePanel } from '@/lib/browser/pages';
import { userMessage } from '@/lib/errors';
import type { RequestResults } from '@/lib/messages';
import { Alert } from '@/components/Alert';
import { ScoreBadge } from '@/components/ScoreBadge';

// Wiring only: the quick actions of the toolbar button. Starting a session needs the form, which
// lives in the side panel; everything else is one click here. It asks the background what to show
// rather than opening the database, so this page loads without Dexie; it asks again after each action.
export function App({ tabId, windowId }: { tabId: number | null; windowId: number | null }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<RequestResults['popup.state']>({ session: null, summary: null });
  const refresh = () =>
    sendRequest('popup.state', {}).then((reply) => {
      if (reply.ok) setState(reply.value);
      else setError(userMessage(reply.error));
    });
  useEffect(() => void refresh(), []);
  const { session, summary } = state;
  const active = session?.status === 'active' ? session : undefined;
  const paused = session?.status === 'paused' ? session : undefined;

  async function run(action: () => ReturnType<typeof sendRequest>, done: string) {
    setBusy(true);
    const reply = await action();
    setBusy(false);
    setError(reply.ok ? null : userMessage(reply.error));
    setNotice(reply.ok ? done : null);
    await refresh();
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
            <button type="button" class="primary" disabled={busy || tabId === null} onClick={() => void run(() => sendRequest('step.capture', { tabId: tabId!, sessionId: active.id }), 'Step captured.')}>
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
