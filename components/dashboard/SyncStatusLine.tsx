import { useEffect, useState } from 'preact/hooks';
import { sendRequest, watchBackground } from '@/lib/browser/messaging';
import { useSyncStatus } from '../data/useWorkspace';

const VERB = { publish: 'Publishing', tombstone: 'Removing', pull: 'Refreshing', open: 'Downloading' } as const;

type Running = NonNullable<NonNullable<ReturnType<typeof useSyncStatus>>['running']>;

/**
 * What a Cancel left behind, in words. A publish counts its images first, then the revision (sent beside them), head.json
 * and summary last (lib/workspace/publish.ts): until head.json is written the team sees nothing new,
 * and the images already up are found by content and not sent again.
 */
export function cancelledText(r: Running): string {
  if (r.kind !== 'publish') return `${VERB[r.kind]} “${r.title}” cancelled.`;
  const committed = r.total > 1 && r.done >= r.total - 1;
  if (committed) return `Publishing “${r.title}” cancelled after the new version had reached the team.`;
  const sent = Math.max(0, Math.min(r.done, r.total - 3));
  return `Publishing “${r.title}” cancelled: nothing the team sees has changed. ${sent} ${sent === 1 ? 'image' : 'images'} already sent will be reused next time.`;
}

/** What sync is doing (per file: a service worker has no upload progress) and what last went wrong, with Cancel and Retry. */
export function SyncStatusLine() {
  const status = useSyncStatus();
  const running = status?.running;
  const lastError = status?.lastError;
  const [cancelled, setCancelled] = useState<string | null>(null);
  // The status row says "running" until the worker writes again; a worker Chrome stopped never
  // does, so the page listens for the background going away (an open port's onDisconnect).
  const [stopped, setStopped] = useState(false);
  useEffect(() => setStopped(false), [status]);
  useEffect(() => {
    if (running) setCancelled(null);
  }, [running?.kind, running?.sessionId]);
  const watching = !!running && !stopped;
  useEffect(() => (watching ? watchBackground(() => setStopped(true)) : undefined), [watching]);

  async function cancel(r: Running) {
    const reply = await sendRequest('workspace.cancel', {});
    if (reply.ok) setCancelled(cancelledText(r));
  }

  let line = '';
  if (running && stopped) line = `${VERB[running.kind]} “${running.title}” paused: the extension’s background stopped. Nothing is lost: it resumes where it stopped when the background starts again.`;
  else if (running) line = `${VERB[running.kind]} “${running.title}”: ${running.done} of ${running.total} files`;
  else if (cancelled) line = cancelled;
  else if (status?.lastPullAt) line = `Team library refreshed ${new Date(status.lastPullAt).toLocaleTimeString()}.`;
  return (
    <div class="sync-status">
      <p role="status">{line}</p>
      {running && !stopped && (
        <progress max={running.total} value={running.done} aria-label="Sync progress">
          {running.done} of {running.total}
        </progress>
      )}
      {running && !stopped && (
        <button type="button" onClick={() => void cancel(running)}>
          Cancel
        </button>
      )}
      {running && stopped && (
        <button type="button" onClick={() => void sendRequest('workspace.retry', {})}>
          Resume now
        </button>
      )}
      {lastError && !running && (
        <p class="sync-error">
          {lastError.message}{' '}
          <button type="button" class="link" onClick={() => void sendRequest('workspace.retry', {})}>
            Retry now
          </button>
        </p>
      )}
    </div>
  );
}
