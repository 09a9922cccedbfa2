import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { userMessage } from '@/lib/errors';
import type { WorkspaceInfo } from '@/lib/messages';
import { useQueuedJobCount } from '../data/useWorkspace';
import { Alert } from '../Alert';
import { SyncStatusLine } from './SyncStatusLine';
import './workspace.css';

interface Fields {
  server: string;
  folder: string;
  user: string;
  password: string;
  memberName: string;
}
const EMPTY: Fields = { server: '', folder: '', user: '', password: '', memberName: '' };

/**
 * Team workspace settings: where the team's WebDAV folder is and who this member is. Test connection
 * checks the folder without saving; Connect tests again and saves; Disconnect deletes the credentials.
 */
export function WorkspaceView() {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const queued = useQueuedJobCount();

  useEffect(() => {
    void sendRequest('workspace.info', {}).then((r) => r.ok && setInfo(r.value));
  }, []);

  async function act<T>(label: string, run: () => Promise<{ ok: true; value: T } | { ok: false; error: Parameters<typeof userMessage>[0] }>, done: (value: T) => string) {
    setBusy(label);
    setError(null);
    setNote(null);
    try {
      const reply = await run();
      if (reply.ok) setNote(done(reply.value));
      else setError(userMessage(reply.error));
    } finally {
      setBusy(null);
    }
  }
  const input = { server: fields.server, folder: fields.folder, user: fields.user, password: fields.password };
  const field = (key: keyof Fields, label: string, extra: Record<string, unknown> = {}) => (
    <label class="field">
      <span>{label}</span>
      <input value={fields[key]} onInput={(e) => setFields({ ...fields, [key]: e.currentTarget.value })} {...extra} />
    </label>
  );

  return (
    <div class="workspace">
      <h1>Team workspace</h1>
      <p class="muted">
        Share audits with your team through a WebDAV folder on your own server (Nextcloud, ownCloud, a NAS, Apache). Nothing leaves this device
        unless you connect one, and then only to that server.
      </p>
      <Alert message={error} onDismiss={() => setError(null)} />
      <p role="status" class="workspace-note">
        {note}
      </p>
      {info?.connected ? (
        <section aria-labelledby="ws-connected">
          <h2 id="ws-connected">Connected</h2>
          <p>
            Folder <code>{info.folderUrl}</code> as <strong>{info.user}</strong>; the team sees your sessions under the name <strong>{info.memberName}</strong>.
          </p>
          <SyncStatusLine />
          <p class="muted">{queued === 0 ? 'Nothing waits to be sent.' : `${queued} ${queued === 1 ? 'job waits' : 'jobs wait'} to be sent.`}</p>
          <div class="actions">
            <button type="button" disabled={!!busy} onClick={() => void act('pull', () => sendRequest('workspace.pull', {}), (r) => (r.changed ? `The team library is up to date (${r.changed} changed).` : 'The team library is up to date.'))}>
              Refresh team library
            </button>
            <button
              type="button"
              class="danger"
              disabled={!!busy}
              onClick={() =>
                void act('disconnect', () => sendRequest('workspace.disconnect', {}), () => {
                  setInfo({ connected: false, folderUrl: null, user: null, memberId: null, memberName: null });
                  return 'Disconnected. The user name and app password were deleted from this device.';
                })
              }
            >
              Disconnect
            </button>
          </div>
        </section>
      ) : (
        <form
          class="workspace-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('connect', () => sendRequest('workspace.connect', { ...input, memberName: fields.memberName }), (value) => {
              setInfo(value);
              setFields(EMPTY);
              return 'Connected. Your published sessions and the team library sync with this folder.';
            });
          }}
        >
          {field('server', 'Server address', { type: 'url', required: true, placeholder: 'https://cloud.example.com/remote.php/dav/files/you/' })}
          {field('folder', 'Folder', { placeholder: 'Audits' })}
          {field('user', 'User name', { required: true, autocomplete: 'username' })}
          {field('password', 'App password', { type: 'password', required: true, autocomplete: 'current-password' })}
          {field('memberName', 'Your name, as the team sees it', { required: true })}
          <p class="muted small">The app password stays on this device (in the extension's own storage) and is sent only to this server. Use an app password, not your main one.</p>
          <div class="actions">
            <button type="button" disabled={!!busy} onClick={() => void act('test', () => sendRequest('workspace.test', input), () => 'Connection works: the folder can be listed, written, read and deleted.')}>
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <button type="submit" class="primary" disabled={!!busy}>
              {busy === 'connect' ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
