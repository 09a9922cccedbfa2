import type { PillarDraft } from '@/lib/rubric/draft';
import { LIMITS } from '@/lib/rubric/validation';
import { TextField } from './TextField';

interface Props {
  pillar: PillarDraft;
  index: number;
  count: number;
  errors: { name?: string; description?: string; weight?: string };
  onChange(patch: Partial<PillarDraft>): void;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}

/** One pillar of the rubric being edited; DOM ids follow its position (`f-pillars-2-weight`). */
export function PillarFields({ pillar, index, count, errors, onChange, onMove, onRemove }: Props) {
  const at = `f-pillars-${index}`;
  return (
    <fieldset class="pillar-fields">
      <legend>Pillar {index + 1}</legend>
      <div class="pillar-grid">
        <TextField id={`${at}-name`} label="Name" value={pillar.name} error={errors.name} maxLength={LIMITS.pillarName} onInput={(name) => onChange({ name })} />
        <TextField
          id={`${at}-weight`}
          label="Weight"
          class="weight"
          inputMode="decimal"
          maxLength={12}
          value={pillar.weight}
          error={errors.weight}
          onInput={(weight) => onChange({ weight })}
        />
        <TextField
          id={`${at}-description`}
          label="Description"
          class="description"
          value={pillar.description}
          error={errors.description}
          maxLength={LIMITS.pillarDescription}
          onInput={(description) => onChange({ description })}
        />
      </div>
      <div class="pillar-actions">
        <button type="button" id={`${at}-up`} disabled={index === 0} onClick={() => onMove(-1)}>
          <span aria-hidden="true">↑ </span>Move up
        </button>
        <button type="button" id={`${at}-down`} disabled={index === count - 1} onClick={() => onMove(1)}>
          <span aria-hidden="true">↓ </span>Move down
        </button>
        <button type="button" id={`${at}-remove`} class="link danger-text" onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}
