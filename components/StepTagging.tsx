import { useRef, useState } from 'preact/hooks';
import type { Stage, Step } from '@/lib/schemas';
import { EMOTION_LABELS, FRICTION_TAGS } from '@/lib/vocabulary';
import { ScaleRadioGroup, type ScaleOption } from './ScaleRadioGroup';

export interface TaggingPatch {
  stageId?: string;
  emotion?: number;
  momentOfTruth?: boolean;
  tags?: string[];
}

interface Props {
  step: Step;
  number: number;
  stages: readonly Stage[];
  readOnly: boolean;
  onPatch(patch: TaggingPatch): void;
}

const EMOTION_OPTIONS: ScaleOption<number>[] = EMOTION_LABELS.map((label, i) => {
  const value = i - 2;
  const short = value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
  // Keys 1–5 for −2…+2: digits are what a hand on the keyboard already uses to score.
  return { value, short, label: `${short} – ${label}`, key: String(i + 1) };
});

/** Where the step sits in the journey and how it felt: stage, emotion, moment of truth, friction tags. */
export function StepTagging({ step, number, stages, readOnly, onPatch }: Props) {
  const [custom, setCustom] = useState('');
  const stageOptions: ScaleOption<string>[] = stages.map((s, i) => ({ value: s.id, short: s.name, label: s.name, key: i < 9 ? String(i + 1) : undefined }));
  // A second tag picked before the first one's write comes back must build on it, not on the
  // stored list, or the first is lost. What was asked for is shown until the store has it.
  const asked = useRef<string[] | null>(null);
  if (asked.current && asked.current.join('\n') === (step.tags ?? []).join('\n')) asked.current = null;
  const [, rerender] = useState(0);
  const setTags = (next: string[]) => {
    asked.current = next;
    rerender((n) => n + 1);
    onPatch({ tags: next });
  };
  const current = () => asked.current ?? step.tags ?? [];
  const tags = current();
  const toggle = (tag: string) => {
    const now = current();
    setTags(now.includes(tag) ? now.filter((t) => t !== tag) : [...now, tag]);
  };
  const ownTags = tags.filter((t) => !(FRICTION_TAGS as readonly string[]).includes(t));

  return (
    <fieldset class="pillars" disabled={readOnly}>
      <ScaleRadioGroup label="Stage" emptyText="No stage" options={stageOptions} value={step.stageId} onChange={(stageId) => onPatch({ stageId })} wrap />
      <ScaleRadioGroup label="Emotion" emptyText="Not rated" options={EMOTION_OPTIONS} value={step.emotion} onChange={(emotion) => onPatch({ emotion })} />
      <label class="check">
        <input type="checkbox" checked={step.momentOfTruth === true} onChange={(e) => onPatch({ momentOfTruth: e.currentTarget.checked })} />
        Moment of truth
      </label>
      <div class="tags" role="group" aria-label={`Friction tags for step ${number}`}>
        {[...FRICTION_TAGS, ...ownTags].map((tag) => (
          <button key={tag} type="button" class="tag" aria-pressed={tags.includes(tag)} onClick={() => toggle(tag)}>
            {tag}
          </button>
        ))}
        <form
          class="tag-add"
          onSubmit={(e) => {
            e.preventDefault();
            const tag = custom.trim().toLowerCase();
            if (tag && !current().includes(tag)) setTags([...current(), tag]);
            setCustom('');
          }}
        >
          <input value={custom} maxLength={60} onInput={(e) => setCustom(e.currentTarget.value)} aria-label={`Add your own tag to step ${number}`} placeholder="+ own tag" />
        </form>
      </div>
    </fieldset>
  );
}
