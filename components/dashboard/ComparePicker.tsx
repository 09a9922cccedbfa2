import { useState } from 'preact/hooks';
import { MAX_COMPARED, MIN_COMPARED } from '@/lib/scoring/compare';
import type { Session } from '@/lib/schemas';

interface Props {
  sessions: readonly Session[] | null;
  /** Ids already in the address; the known ones start ticked. */
  initial: readonly string[];
  /** Ids in the address that match no session. */
  unknown: readonly string[];
  onCompare(sessionIds: string[]): void;
  /** Back to the comparison on screen, when there is one. */
  onCancel?: () => void;
}

const dateOf = (t: number) => new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** Shown instead of a comparison when the address names fewer than two sessions, too many, or one that is gone. */
export function ComparePicker({ sessions, initial, unknown, onCompare, onCancel }: Props) {
  const [picked, setPicked] = useState<string[]>(() => initial.filter((id) => sessions?.some((s) => s.id === id)).slice(0, MAX_COMPARED));
  const toggle = (id: string) => setPicked((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));
  const ready = picked.length >= MIN_COMPARED && picked.length <= MAX_COMPARED;

  return (
    <section class="compare-picker card" aria-labelledby="compare-picker-heading">
      <h2 id="compare-picker-heading">Pick sessions to compare</h2>
      {unknown.length > 0 && (
        <p class="notice" role="status">
          {unknown.length === 1 ? 'One session in the address no longer exists' : `${unknown.length} sessions in the address no longer exist`}: {unknown.join(', ')}.
        </p>
      )}
      <p class="muted">
        Tick {MIN_COMPARED} to {MAX_COMPARED} sessions. Sessions scored with the same rubric compare in full; with different rubrics, only the pillars they share.
      </p>
      {sessions === null ? (
        <p class="muted">Loading sessions…</p>
      ) : sessions.length < MIN_COMPARED ? (
        <p class="empty">There are fewer than two sessions to compare yet.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) onCompare(picked);
          }}
        >
          <fieldset class="picker-list">
            <legend class="visually-hidden">Sessions</legend>
            {sessions.map((s) => {
              const checked = picked.includes(s.id);
              return (
                <label key={s.id} class={`picker-row${checked ? ' is-picked' : ''}`}>
                  <input type="checkbox" checked={checked} disabled={!checked && picked.length >= MAX_COMPARED} onChange={() => toggle(s.id)} />
                  <span class="picker-title">{s.title}</span>
                  <span class="muted">{s.brand || 'No brand'}</span>
                  <span class="muted">{s.rubric.name}</span>
                  <span class="muted">{dateOf(s.createdAt)}</span>
                </label>
              );
            })}
          </fieldset>
          <div class="picker-actions">
            <button type="submit" class="primary" disabled={!ready}>
              Compare {picked.length || ''} sessions
            </button>
            {onCancel && (
              <button type="button" onClick={onCancel}>
                Cancel
              </button>
            )}
            <span class="muted" aria-live="polite">
              {picked.length > MAX_COMPARED - 1 ? `At most ${MAX_COMPARED} at a time.` : picked.length < MIN_COMPARED ? `Pick ${MIN_COMPARED - picked.length} more.` : ''}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
