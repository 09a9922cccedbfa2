import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PillarScore, Rubric, Stage, Step } from '@/lib/schemas';
import { stepAlignment } from '@/lib/scoring/alignment';
import { formatClock, formatDuration, shortUrl } from '@/lib/format';
import { ScoreBadge } from './ScoreBadge';
import { StepFields } from './StepFields';
import type { TaggingPatch } from './StepTagging';

interface Props {
  step: Step;
  number: number;
  rubric: Rubric;
  stages: readonly Stage[];
  thumbUrl: string | undefined;
  expanded: boolean;
  /** Where the note's autosave stands, shown beside the field. */
  noteState?: 'saving' | 'saved' | 'error';
  /** Text typed but not yet confirmed stored; shown rather than the stored note. */
  pendingNote?: string;
  readOnly: boolean;
  onToggle(): void;
  onNoteInput(note: string): void;
  onScore(pillarId: string, score: PillarScore): void;
  onSeverity(severity: number): void;
  onTagging(patch: TaggingPatch): void;
  onDelete(): void;
  /** Shown first in the open step (its screenshots). */
  children?: ComponentChildren;
}

export function StepCard(props: Props) {
  const { step, number, rubric, expanded, readOnly } = props;
  const alignment = stepAlignment(step.scores, rubric);
  const title = step.pageTitle || shortUrl(step.url);
  const [confirming, setConfirming] = useState(false);

  return (
    <article id={`step-${step.id}`} data-keyboard-scope class={`step${expanded ? ' is-expanded' : ''}`} aria-label={`Step ${number}: ${title}`}>
      <button type="button" class="step-head" aria-expanded={expanded} onClick={props.onToggle}>
        <span class="step-number">{number}</span>
        {props.thumbUrl ? <img class="thumb" src={props.thumbUrl} alt={`Screenshot of step ${number}`} /> : <span class="thumb" />}
        <span class="step-meta">
          <span class="step-title">{title}</span>
          <span class="step-url">{shortUrl(step.url)}</span>
          <span class="step-time">
            {[props.stages.find((st) => st.id === step.stageId)?.name, formatClock(step.capturedAt), formatDuration(step.sincePreviousMs)]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </span>
        <ScoreBadge score={alignment} label={`Step ${number} alignment`} />
      </button>
      {expanded && (
        <div class="step-body">
          {props.children}
          <StepFields
            step={step}
            number={number}
            rubric={rubric}
            stages={props.stages}
            noteState={props.noteState}
            pendingNote={props.pendingNote}
            readOnly={readOnly}
            onNoteInput={props.onNoteInput}
            onScore={props.onScore}
            onSeverity={props.onSeverity}
            onTagging={props.onTagging}
          />
          {!readOnly && (
            <div class="step-actions">
              {confirming ? (
                <>
                  <button type="button" class="danger" onClick={props.onDelete}>
                    Confirm: delete step {number}
                  </button>
                  <button type="button" class="link" onClick={() => setConfirming(false)}>
                    Keep it
                  </button>
                </>
              ) : (
                <button type="button" class="link danger-text" onClick={() => setConfirming(true)}>
                  Delete step {number}
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
