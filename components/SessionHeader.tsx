import type { Session } from '@/lib/schemas';
import type { BrandAlignment } from '@/lib/scoring/alignment';
import { ScoreBadge } from './ScoreBadge';

interface Props {
  session: Session;
  alignment: BrandAlignment;
  busy: boolean;
  onPause(): void;
  onResume(): void;
  onComplete(): void;
  onClose(): void;
}

const STATUS_TEXT = { active: 'Recording', paused: 'Paused', completed: 'Completed' } as const;

export function SessionHeader({ session, alignment, busy, onPause, onResume, onComplete, onClose }: Props) {
  return (
    <section class="card session-header" aria-label="Current session">
      <div class="session-title-row">
        <div>
          <h2>{session.title}</h2>
          <p class="muted">
            {[session.brand, session.rubric.name].filter(Boolean).join(' · ')}
          </p>
        </div>
        <span class={`status status-${session.status}`}>{STATUS_TEXT[session.status]}</span>
      </div>
      {session.promise && <blockquote class="promise">“{session.promise}”</blockquote>}
      {(session.persona || session.scenario) && (
        <dl class="brief">
          {session.persona && (
            <div>
              <dt>As</dt>
              <dd>{session.persona}</dd>
            </div>
          )}
          {session.scenario && (
            <div>
              <dt>Task</dt>
              <dd>{session.scenario}</dd>
            </div>
          )}
        </dl>
      )}
      <div class="bas" role="group" aria-label="Brand Alignment Score">
        <ScoreBadge score={alignment.score} label="Brand Alignment Score" />
        <div>
          <strong>Brand Alignment Score</strong>
          <span class="muted">
            {alignment.scoredSteps} of {alignment.totalSteps} {alignment.totalSteps === 1 ? 'step' : 'steps'} scored
          </span>
        </div>
      </div>
      <div class="session-actions">
        {session.status === 'active' && (
          <button type="button" onClick={onPause} disabled={busy}>
            Pause
          </button>
        )}
        {session.status === 'paused' && (
          <button type="button" class="primary" onClick={onResume} disabled={busy}>
            Resume
          </button>
        )}
        {session.status !== 'completed' && (
          <button type="button" onClick={onComplete} disabled={busy}>
            Complete…
          </button>
        )}
        {session.status !== 'active' && (
          <button type="button" class="link" onClick={onClose}>
            New session
          </button>
        )}
      </div>
    </section>
  );
}
