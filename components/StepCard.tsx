import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SEVERITY_LABELS, type PillarScore, type Rubric, type Stage, type Step } from '@/lib/schemas';
import { stepAlignment } from '@/lib/scoring';
import { formatClock, formatDuration, shortUrl } from '@/lib/format';
import { ScaleRadioGroup, type ScaleOption } from './ScaleRadioGroup';
import { ScoreBadge } from './ScoreBadge';
import { StepTagging, type TaggingPatch } from './StepTagging';

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

const SEVERITY_OPTIONS: ScaleOption<number>[] = SEVERITY_LABELS.map((label, value) => ({
  value,
  short: String(value),
  label: `${value} – ${label}`,
  key: String(value),
}));

function scoreOptions(rubric: Rubric): ScaleOption<PillarScore>[] {
  const { min, max, labels } = rubric.scale;
  const options: ScaleOption<PillarScore>[] = [];
  for (let v = min; v <= max; v++) {
    const name = labels[v - min];
    // Digit keys reach 0–9; a 1–10 scale uses 0 for 10.
    options.push({ value: v, short: String(v), label: name ? `${v} – ${name}` : String(v), key: String(v % 10) });
  }
  options.push({ value: 'na', short: 'N/A', label: 'Not applicable', key: 'n', wide: true });
  return options;
}

export function StepCard(props: Props) {
  const { step, number, rubric, expanded, readOnly } = props;
  const alignment = stepAlignment(step.scores, rubric);
  const title = step.pageTitle || shortUrl(step.url);
  const [note, setNote] = useState(props.pendingNote ?? step.note);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  // Follow the stored note unless the shopper is typing in this very box.
  useEffect(() => {
    if (!editing) setNote(props.pendingNote ?? step.note);
  }, [step.note, props.pendingNote, editing]);

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
          <label class="field">
            <span class="field-head">
              Note
              <span class={`save-state save-${props.noteState ?? 'idle'}`} aria-live="polite">
                {props.noteState === 'saving' ? 'Saving…' : props.noteState === 'saved' ? 'Saved' : props.noteState === 'error' ? 'Not saved yet — kept on this device' : ''}
              </span>
            </span>
            <textarea
              rows={3}
              value={note}
              readOnly={readOnly}
              maxLength={20_000}
              aria-label={`Note for step ${number}`}
              placeholder="What did the customer see, feel, miss?"
              onFocus={() => setEditing(true)}
              onBlur={() => setEditing(false)}
              onInput={(e) => {
                const value = e.currentTarget.value;
                setNote(value);
                props.onNoteInput(value);
              }}
            />
          </label>
          <fieldset class="pillars" disabled={readOnly}>
            <legend>Scores ({rubric.scale.min}–{rubric.scale.max}, N/A)</legend>
            {rubric.pillars.map((p) => (
              <ScaleRadioGroup
                key={p.id}
                label={p.name}
                description={p.description}
                options={scoreOptions(rubric)}
                value={step.scores[p.id] ?? null}
                onChange={(v) => props.onScore(p.id, v)}
              />
            ))}
          </fieldset>
          <fieldset class="pillars" disabled={readOnly}>
            <ScaleRadioGroup
              label="Friction severity"
              emptyText="Not rated"
              options={SEVERITY_OPTIONS}
              value={step.severity}
              onChange={props.onSeverity}
              tone={(v) => (v >= 3 ? 'bad' : v >= 1 ? 'warn' : 'ok')}
            />
          </fieldset>
          <StepTagging step={step} number={number} stages={props.stages} readOnly={readOnly} onPatch={props.onTagging} />
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
