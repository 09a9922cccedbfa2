import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fromDraft, moveItem, newPillar, rescale, toDraft, type PillarDraft, type RubricDraft } from '@/lib/rubric/draft';
import { issuesByPath, LIMITS, MAX_PILLARS, validateRubric } from '@/lib/rubric/validation';
import { SCALE_CHOICES } from '@/lib/rubric/builtin';
import type { Rubric } from '@/lib/schemas';
import { PillarFields } from './PillarFields';
import { TextField } from './TextField';
import { FormActions } from './FormActions';

interface Props {
  rubric: Rubric;
  /** True until the rubric has been saved once. */
  isNew: boolean;
  busy: boolean;
  newPillarId(): string;
  /** Resolves true once the rubric is stored. */
  onSave(rubric: Rubric): Promise<boolean>;
  onClose(): void;
  /** Told whenever the editor gains or loses unsaved changes. */
  onDirtyChange(dirty: boolean): void;
}

// Structural problems come from clicks (add, remove, scale), not typing: shown at once.
const ALWAYS_SHOWN = new Set(['pillars', 'scale', 'scale.labels']);

/** The element a problem belongs to, so the summary can link to it and focus can go there. */
function fieldId(path: string): string {
  if (path === 'scale.labels') return 'f-scale';
  return 'f-' + path.replace(/\.id$/, '.name').replace(/\./g, '-');
}

function fieldLabel(path: string, scaleMin: number): string {
  const [head, index, field] = path.split('.');
  if (head === 'name') return 'Rubric name';
  if (head === 'description') return 'Description';
  if (head === 'scale') return index === 'labels' ? (field ? `Label for ${scaleMin + Number(field)}` : 'Scale labels') : 'Scale';
  return index === undefined ? 'Pillars' : `Pillar ${Number(index) + 1} ${field}`;
}

export function RubricEditor({ rubric, isNew, busy, newPillarId, onSave, onClose, onDirtyChange }: Props) {
  const [draft, setDraft] = useState<RubricDraft>(() => toDraft(rubric));
  const [dirty, setDirty] = useState(false);
  // Keyed by pillar id, not position, so that a moved pillar keeps its state.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempts, setAttempts] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<string | null>(null);
  const latest = useRef(draft);
  latest.current = draft;

  // Moving or removing a pillar re-renders the list; the keyboard must stay where the user was.
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  useEffect(() => onDirtyChange(dirty), [dirty]);

  const issues = useMemo(() => validateRubric(fromDraft(draft)), [draft]);
  const byPath = issuesByPath(issues);
  const touchKey = (path: string) => path.replace(/^pillars\.(\d+)/, (_, i: string) => `pillar:${draft.pillars[Number(i)]?.id}`);
  const errorAt = (path: string) =>
    attempts > 0 || ALWAYS_SHOWN.has(path) || touched.has(touchKey(path)) ? byPath.get(path) : undefined;

  function edit(path: string, change: (d: RubricDraft) => RubricDraft) {
    setDraft(change);
    setDirty(true);
    setTouched((t) => new Set(t).add(touchKey(path)));
  }
  const setPillar = (i: number, patch: Partial<PillarDraft>) =>
    edit(`pillars.${i}.${Object.keys(patch)[0]}`, (d) => ({ ...d, pillars: d.pillars.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const setLabel = (i: number, label: string) =>
    edit(`scale.labels.${i}`, (d) => ({ ...d, scale: { ...d.scale, labels: d.scale.labels.map((l, j) => (j === i ? label : l)) } }));

  const count = draft.pillars.length;
  const pillarName = (i: number) => draft.pillars[i]?.name.trim() || `pillar ${i + 1}`;

  function move(i: number, direction: -1 | 1) {
    const to = i + direction;
    setDraft((d) => ({ ...d, pillars: moveItem(d.pillars, i, to) }));
    setDirty(true);
    // Stay on the same button while it can still be pressed, else its opposite.
    const canGoOn = direction === -1 ? to > 0 : to < count - 1;
    focusNext.current = `f-pillars-${to}-${(direction === -1) === canGoOn ? 'up' : 'down'}`;
    setAnnouncement(`Moved ${pillarName(i)} to position ${to + 1} of ${count}.`);
  }

  function remove(i: number) {
    setDraft((d) => ({ ...d, pillars: d.pillars.filter((_, j) => j !== i) }));
    setDirty(true);
    focusNext.current = count > 1 ? `f-pillars-${Math.min(i, count - 2)}-name` : 'f-pillars';
    setAnnouncement(`Removed ${pillarName(i)}.`);
  }

  function add() {
    if (count >= MAX_PILLARS) return;
    setDraft((d) => ({ ...d, pillars: [...d.pillars, newPillar(newPillarId())] }));
    setDirty(true);
    focusNext.current = `f-pillars-${count}-name`;
    setAnnouncement(`Added pillar ${count + 1}.`);
  }

  async function save(e: Event) {
    e.preventDefault();
    if (issues.length) {
      setAttempts((n) => n + 1);
      focusNext.current = 'rubric-problems';
      return;
    }
    const sent = draft;
    if (await onSave(fromDraft(sent))) {
      // Typing that went on while the save was in flight is still unsaved.
      setDirty(latest.current !== sent);
      setAttempts(0);
      setTouched(new Set());
    }
  }

  const { scale } = draft;
  const scaleError = errorAt('scale') ?? errorAt('scale.labels');
  const pillarsError = errorAt('pillars');
  return (
    <form class="card rubric-editor" aria-labelledby="editor-heading" onSubmit={save} noValidate>
      <div class="editor-head">
        <h2 id="editor-heading">{isNew ? 'New rubric' : 'Edit rubric'}</h2>
        <span class={`save-state ${dirty || isNew ? '' : 'save-saved'}`}>{dirty ? 'Unsaved changes' : isNew ? 'Not saved yet' : 'Saved'}</span>
      </div>
      <TextField id="f-name" label="Rubric name" value={draft.name} maxLength={LIMITS.name} error={errorAt('name')} onInput={(name) => edit('name', (d) => ({ ...d, name }))} />
      <TextField
        id="f-description"
        label="Description"
        multiline
        value={draft.description}
        maxLength={LIMITS.description}
        error={errorAt('description')}
        onInput={(description) => edit('description', (d) => ({ ...d, description }))}
      />

      <section class="editor-section" aria-labelledby="scale-heading">
        <h3 id="scale-heading">Scoring scale</h3>
        <div class="field scale-choice">
          <label for="f-scale">Scale</label>
          <select
            id="f-scale"
            value={scale.max}
            aria-invalid={scaleError ? 'true' : undefined}
            aria-describedby={scaleError ? 'f-scale-error' : undefined}
            onChange={(e) => edit('scale', (d) => ({ ...d, scale: rescale(Number(e.currentTarget.value), rubric.scale) }))}
          >
            {SCALE_CHOICES.map((s) => (
              <option key={s.max} value={s.max}>
                {s.min}–{s.max}
                {s === SCALE_CHOICES[0] ? ' (default)' : ''}
              </option>
            ))}
          </select>
          {scaleError && (
            <small id="f-scale-error" class="field-error">
              {scaleError}
            </small>
          )}
        </div>
        <fieldset class="scale-labels">
          <legend>Labels, one per value</legend>
          {scale.labels.map((label, i) => (
            <TextField
              key={i}
              id={`f-scale-labels-${i}`}
              label={
                <>
                  <span class="visually-hidden">Label for </span>
                  {scale.min + i}
                </>
              }
              value={label}
              maxLength={LIMITS.label}
              error={errorAt(`scale.labels.${i}`)}
              onInput={(text) => setLabel(i, text)}
            />
          ))}
        </fieldset>
      </section>

      <section class="editor-section" aria-labelledby="pillars-heading">
        <h3 id="pillars-heading">
          Pillars <span class="muted">({count})</span>
        </h3>
        <p class="field-hint">Two to twelve. A pillar's weight is how much it counts in a step's alignment score.</p>
        {draft.pillars.map((pillar, i) => (
          <PillarFields
            key={pillar.id}
            pillar={pillar}
            index={i}
            count={count}
            errors={{ name: errorAt(`pillars.${i}.name`) ?? errorAt(`pillars.${i}.id`), description: errorAt(`pillars.${i}.description`), weight: errorAt(`pillars.${i}.weight`) }}
            onChange={(patch) => setPillar(i, patch)}
            onMove={(direction) => move(i, direction)}
            onRemove={() => remove(i)}
          />
        ))}
        <div class="add-row">
          <button type="button" id="f-pillars" disabled={count >= MAX_PILLARS} aria-describedby={pillarsError ? 'f-pillars-error' : undefined} onClick={add}>
            + Add pillar
          </button>
          {pillarsError && (
            <small id="f-pillars-error" class="field-error">
              {pillarsError.charAt(0).toUpperCase() + pillarsError.slice(1)}.
            </small>
          )}
          {count >= MAX_PILLARS && <small class="field-hint">{MAX_PILLARS} pillars is the most a rubric can have.</small>}
        </div>
      </section>

      {attempts > 0 && issues.length > 0 && (
        <div id="rubric-problems" class="problems" tabIndex={-1} aria-labelledby="problems-heading">
          <h3 id="problems-heading">
            Nothing was saved. Fix {issues.length === 1 ? 'this problem' : `these ${issues.length} problems`} first:
          </h3>
          <ul>
            {issues.map((issue) => (
              <li key={issue.path + issue.message}>
                <a href={`#${fieldId(issue.path)}`} onClick={(e) => (e.preventDefault(), document.getElementById(fieldId(issue.path))?.focus())}>
                  {fieldLabel(issue.path, scale.min)}: {issue.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormActions class="editor-actions" submit="Save rubric" cancel={dirty ? 'Discard changes' : 'Close'} busy={busy} onCancel={onClose} />
      <p role="status" class="visually-hidden">
        {announcement}
      </p>
    </form>
  );
}
