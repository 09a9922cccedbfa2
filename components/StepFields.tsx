import { useEffect, useState } from 'preact/hooks';
import type { PillarScore, Rubric, Stage, Step } from '@/lib/schemas';
import { SEVERITY_LABELS } from '@/lib/vocabulary';
import { ScaleRadioGroup, type ScaleOption } from './ScaleRadioGroup';
import { StepTagging, type TaggingPatch } from './StepTagging';
import type { NoteState } from '@/lib/notes/saver';
import { PageContextDetails } from './PageContextDetails';

// What a step says, as editable fields: note, pillar scores, severity, stage, emotion, tags. Shared
// by the side panel's step card and the dashboard's review, so both keep one keyboard model.

export interface StepFieldsProps {
  step: Step;
  number: number;
  rubric: Rubric;
  stages: readonly Stage[];
  /** Where the note's autosave stands, shown beside the field. */
  noteState?: NoteState;
  /** Text typed but not yet confirmed stored; shown rather than the stored note. */
  pendingNote?: string;
  readOnly: boolean;
  onNoteInput(note: string): void;
  onScore(pillarId: string, score: PillarScore): void;
  onSeverity(severity: number): void;
  onTagging(patch: TaggingPatch): void;
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

const NOTE_STATE_TEXT: Record<NoteState, string> = {
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved yet — kept on this device',
  refused: 'Not saved: the audit was completed or the note is too long — your text is kept here; copy it',
  unjournaled: 'Saving… this device’s storage is full: keep this page open until it says Saved',
};

export function StepFields(props: StepFieldsProps) {
  const { step, number, rubric, readOnly } = props;
  const [note, setNote] = useState(props.pendingNote ?? step.note);
  const [editing, setEditing] = useState(false);

  // Follow the stored note unless the shopper is typing in this very box.
  useEffect(() => {
    if (!editing) setNote(props.pendingNote ?? step.note);
  }, [step.note, props.pendingNote, editing]);

  return (
    <>
      <label class="field">
        <span class="field-head">
          Note
          <span class={`save-state save-${props.noteState ?? 'idle'}`} aria-live="polite">
            {props.noteState ? NOTE_STATE_TEXT[props.noteState] : ''}
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
      {props.noteState === 'refused' && (
        // The text is still in the box; copying it is how it leaves a step that cannot take it.
        <button type="button" class="secondary" onClick={() => void navigator.clipboard.writeText(note)}>
          Copy note {number}
        </button>
      )}
      <PageContextDetails context={step.context ?? null} number={number} />
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
    </>
  );
}
