import type { Rubric, Step } from '@/lib/schemas';
import { EMOTION_LABELS, SEVERITY_LABELS } from '@/lib/vocabulary';

// What a folded step says at a glance: its note, each pillar's score, friction, emotion and tags.

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function StepSummary({ step, rubric, pendingNote }: { step: Step; rubric: Rubric; pendingNote?: string }) {
  const note = (pendingNote ?? step.note).trim();
  return (
    <div class="step-summary">
      {note ? <p class="note-excerpt">{note}</p> : <p class="note-excerpt muted">No note yet.</p>}
      <ul class="facts" aria-label="Scores and tags">
        {rubric.pillars.map((p) => {
          const v = step.scores[p.id];
          return (
            <li key={p.id} class={v === undefined ? 'is-empty' : undefined}>
              {p.name} <strong>{v === undefined ? '–' : v === 'na' ? 'N/A' : v}</strong>
            </li>
          );
        })}
        {typeof step.severity === 'number' && step.severity > 0 && (
          <li class={`sev sev-${step.severity}`}>
            Friction <strong>{`${step.severity} ${SEVERITY_LABELS[step.severity]}`}</strong>
          </li>
        )}
        {typeof step.emotion === 'number' && (
          <li>
            Emotion <strong>{`${signed(step.emotion)} ${EMOTION_LABELS[step.emotion + 2]}`}</strong>
          </li>
        )}
        {step.momentOfTruth && <li class="mot">Moment of truth</li>}
        {step.tags.map((t) => (
          <li key={t} class="tag-chip">
            {t}
          </li>
        ))}
      </ul>
    </div>
  );
}
