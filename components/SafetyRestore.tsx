import { useEffect, useState } from 'preact/hooks';
import { userMessage } from '@/lib/errors';
import { sendRequest } from '@/lib/browser/messaging';

// The way back after the browser lost its database: the start screen offers the sessions the
// safety copy holds and IndexedDB lacks (lib/storage/safety-copy.ts). Nothing shows otherwise.

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function SafetyRestore() {
  const [missing, setMissing] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void sendRequest('safety.status', {}).then((reply) => reply.ok && setMissing(reply.value.missing));
  }, []);
  async function restore() {
    setBusy(true);
    const reply = await sendRequest('safety.restore', {});
    setBusy(false);
    if (!reply.ok) return setNotice(`Nothing was restored: ${userMessage(reply.error)}`);
    const { sessions, steps, images, skipped } = reply.value;
    setMissing(0);
    setNotice(
      `Restored ${plural(sessions, 'session')}, ${plural(steps, 'step')} and ${plural(images, 'image')} from the safety copy.` +
        (skipped ? ` ${plural(skipped, 'record')} could not be read back.` : ''),
    );
  }
  if (!missing && !notice) return null;
  return (
    <section class="safety-restore card" aria-label="Safety copy">
      {missing > 0 && (
        <>
          <p>
            The browser's database lacks {plural(missing, 'session')} that the safety copy on this device still holds.
          </p>
          <button type="button" class="primary" disabled={busy} onClick={() => void restore()}>
            Restore {plural(missing, 'session')} from the safety copy
          </button>
        </>
      )}
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
