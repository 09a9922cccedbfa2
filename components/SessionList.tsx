import type { Session } from '@/lib/schemas';

interface Props {
  sessions: readonly Session[];
  onOpen(sessionId: string): void;
}

/** Recent sessions under the start form, so a paused audit is one click from resuming. */
export function SessionList({ sessions, onOpen }: Props) {
  if (sessions.length === 0) return null;
  return (
    <section class="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent sessions</h2>
      <ul class="session-list">
        {sessions.map((s) => (
          <li key={s.id}>
            <button type="button" class="link" onClick={() => onOpen(s.id)}>
              {s.title}
            </button>
            <span class={`status status-${s.status}`}>{s.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
