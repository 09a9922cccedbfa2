import { useEffect, useState } from 'preact/hooks';
import { formatFreeMb, userMessage } from '@/lib/errors';
import { sendRequest } from '@/lib/browser/messaging';
import { MB, parseReserveMb, type DiskRoom } from '@/lib/storage/reserve';

// The disk reserve as the shopper sees it: a warning as free space nears the reserve, and the
// setting. Shared by the side panel's start screen and the dashboard's storage box.

const POLL_MS = 15_000;

/** The room left, asked of the background on open, on focus and every 15 s. */
export function useDiskRoom(): [DiskRoom | null, (room: DiskRoom) => void] {
  const [room, setRoom] = useState<DiskRoom | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      void sendRequest('storage.room', {}).then((reply) => {
        if (live && reply.ok) setRoom(reply.value);
      });
    ask();
    const timer = setInterval(ask, POLL_MS);
    addEventListener('focus', ask);
    return () => {
      live = false;
      clearInterval(timer);
      removeEventListener('focus', ask);
    };
  }, []);
  return [room, setRoom];
}

const mb = (bytes: number) => `${formatFreeMb(bytes)} MB`;

/** Nothing while there is room; a warning from twice the reserve down; a refusal notice inside it. */
export function DiskWarning({ room }: { room: DiskRoom | null }) {
  if (!room || room.freeBytes === null || room.level === 'ok') return null;
  return (
    <p class={`disk-warning${room.level === 'full' ? ' is-full' : ''}`} role="status">
      {room.level === 'full'
        ? `Captures and imports are off until more than ${mb(room.reserveBytes)} are free (the reserve; ${mb(room.freeBytes)} now). Free space or delete sessions.`
        : `Your disk is filling up: ${mb(room.freeBytes)} left. Captures stop when ${mb(room.reserveBytes)} are left (the reserve); free space or delete sessions soon.`}
    </p>
  );
}

/** The reserve setting: a whole number of MB, or the default for this disk. */
export function DiskReserveSetting({ room, onChange }: { room: DiskRoom | null; onChange: (room: DiskRoom) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (room && !text) setText(String(Math.round(room.reserveBytes / MB)));
  }, [room]);
  async function save(mb: number | null) {
    setSaved(null);
    const reply = await sendRequest('storage.setReserve', { mb });
    if (!reply.ok) return setProblem(userMessage(reply.error));
    setProblem(null);
    setText(String(Math.round(reply.value.reserveBytes / MB)));
    setSaved(mb === null ? 'Reserve set to the default.' : 'Reserve saved.');
    onChange(reply.value);
  }
  return (
    <details class="disk-reserve">
      <summary>Disk reserve</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseReserveMb(text);
          if (!parsed.ok) return setProblem(parsed.problem);
          void save(parsed.mb);
        }}
      >
        <p class="muted small">
          Captures, imports and pulls are refused while less than this is free, so the browser never meets a full disk (Chromium can lose every session
          when it does). Default: {room ? mb(room.defaultBytes) : '500 MB–2 GB'}.
        </p>
        <label>
          Disk reserve in MB
          <input type="number" inputMode="numeric" min={50} step={1} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <div class="disk-reserve-actions">
          <button type="submit">Save reserve</button>
          {room?.userMb !== null && (
            <button type="button" class="link" onClick={() => void save(null)}>
              Use the default
            </button>
          )}
        </div>
        {problem && <p class="hint">{problem}</p>}
        {saved && (
          <p class="muted small" role="status">
            {saved}
          </p>
        )}
      </form>
    </details>
  );
}
