import { useState } from 'preact/hooks';
import type { Stage, Step } from '@/lib/schemas';
import { shortUrl } from '@/lib/format';
import { ReviewForm } from './ReviewForm';

export interface TextStepValues {
  title: string;
  note: string;
  stageId: string | null;
  afterStepId?: string;
}

interface Props {
  steps: readonly Step[];
  stages: readonly Stage[];
  busy: boolean;
  onAdd(values: TextStepValues): void;
  onCancel(): void;
}

const START = '';

/** A step with no screenshot, for what happened off-screen: a phone call, a letter, a shop visit. */
export function AddTextStep({ steps, stages, busy, onAdd, onCancel }: Props) {
  const last = steps.at(-1);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [stageId, setStageId] = useState(last?.stageId ?? stages[0]?.id ?? '');
  const [after, setAfter] = useState(last?.id ?? START);

  return (
    <ReviewForm
      id="add-text"
      heading="Add a text-only step"
      intro="For something observed off-screen, such as a phone call to support. It has no screenshot; score it like any step."
      submit="Add step"
      busy={busy}
      onSubmit={() => onAdd({ title, note, stageId: stageId || null, ...(after ? { afterStepId: after } : {}) })}
      onCancel={onCancel}
    >
      <div class="form-grid">
        <label class="field">
          <span>What happened</span>
          <input value={title} maxLength={1000} placeholder="Phone call to support" onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Stage</span>
          <select value={stageId} onChange={(e) => setStageId(e.currentTarget.value)}>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Place</span>
          <select value={after} onChange={(e) => setAfter(e.currentTarget.value)}>
            <option value={START}>At the start</option>
            {steps.map((s, i) => (
              <option key={s.id} value={s.id}>
                After step {i + 1}: {s.pageTitle || shortUrl(s.url)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="field">
        <span>Note</span>
        <textarea rows={3} value={note} maxLength={20_000} placeholder="What did the customer hear, wait for, feel?" onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
    </ReviewForm>
  );
}
