import { sendRequest } from '@/lib/browser/messaging';
import { useSyncStatus } from '../data/useWorkspace';

const VERB = { publish: 'Publishing', tombstone: 'Removing', pull: 'Refreshing', open: 'Downloading' } as const;

/** What sync is doing (per file: a service worker has no upload progress) and what last went wrong, with Cancel and Retry. */
export function SyncStatusLine() {
  const status = useSyncStatus();
  const running = status?.running;
  const lastError = status?.lastError;
  return (
    <div class="sync-status">
      <p role="status">
        {running
          ? `${VERB[running.kind]} “${running.title}”: ${running.done} of ${running.total} files`
          : status?.lastPullAt
            ? `Team library refreshed ${new Date(status.lastPullAt).toLocaleTimeString()}.`
            : ''}
      </p>
      {running && (
        <progress max={running.total} value={running.done} aria-label="Sync progress">
          {running.done} of {running.total}
        </progress>
      )}
      {running && (
        <button type="button" onClick={() => void sendRequest('workspace.cancel', {})}>
          Cancel
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
