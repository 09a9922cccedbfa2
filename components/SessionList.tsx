import type { Session } from '@/lib/schemas';
import { StatusPill } from '@/components/StatusPill';

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
            <StatusPill status={s.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
