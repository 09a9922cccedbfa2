import { useState } from 'preact/hooks';
import { CES_LABELS, SEQ_LABELS } from '@/lib/scoring/questions';
import type { Stage } from '@/lib/schemas';
import { ScaleRadioGroup, type ScaleOption } from './ScaleRadioGroup';

const sevenPoint = (labels: readonly string[]): ScaleOption<number>[] =>
  labels.map((label, i) => ({ value: i + 1, short: String(i + 1), label: `${i + 1} – ${label}`, key: String(i + 1) }));
const SEQ_OPTIONS = sevenPoint(SEQ_LABELS);
const CES_OPTIONS = sevenPoint(CES_LABELS);

/** The Single Ease Question, asked once a stage has ended. */
export function SeqPrompt({ stage, onAnswer }: { stage: Stage; onAnswer(value: number | null): void }) {
  return (
    <section class="card question" aria-label={`Single Ease Question for ${stage.name}`} data-keyboard-scope>
      <ScaleRadioGroup
        label={`Overall, how easy or difficult was “${stage.name}”?`}
        description="Single Ease Question: 1 very difficult … 7 very easy"
        emptyText="Not answered — press q, then 1–7"
        options={SEQ_OPTIONS}
        value={null}
        commitOnArrow={false}
        onChange={(v) => onAnswer(v)}
      />
      <button type="button" class="link" onClick={() => onAnswer(null)}>
        Skip
      </button>
    </section>
  );
}

export interface Completion {
  ces: number | null;
  verdict: string;
  seq: Record<string, number | null>;
}

/** Completing a session asks the Customer Effort Score, the verdict and any open SEQ. */
export function CompleteSessionForm({ openStages, busy, onComplete, onCancel }: { openStages: readonly Stage[]; busy: boolean; onComplete(c: Completion): void; onCancel(): void }) {
  const [ces, setCes] = useState<number | null>(null);
  const [verdict, setVerdict] = useState('');
  const [seq, setSeq] = useState<Record<string, number | null>>({});
  return (
    <form
      data-keyboard-scope
      class="card question"
      aria-labelledby="complete-heading"
      onSubmit={(e) => {
        e.preventDefault();
        onComplete({ ces, verdict, seq: Object.fromEntries(openStages.map((s) => [s.id, seq[s.id] ?? null])) });
      }}
    >
      <h2 id="complete-heading">Complete this session</h2>
      {openStages.map((stage) => (
        <ScaleRadioGroup
          key={stage.id}
          label={`Overall, how easy or difficult was “${stage.name}”?`}
          description="Single Ease Question: 1 very difficult … 7 very easy"
          emptyText="Not answered"
          options={SEQ_OPTIONS}
          value={seq[stage.id] ?? null}
          onChange={(v) => setSeq((all) => ({ ...all, [stage.id]: v }))}
        />
      ))}
      <ScaleRadioGroup
        label="“The brand made it easy for me to do what I came to do.”"
        description="Customer Effort Score: 1 strongly disagree … 7 strongly agree"
        emptyText="Not answered"
        options={CES_OPTIONS}
        value={ces}
        onChange={(v: number) => setCes(v)}
      />
      <label class="field">
        <span>Verdict</span>
        <textarea rows={3} value={verdict} maxLength={20_000} onInput={(e) => setVerdict(e.currentTarget.value)} placeholder="Does the journey keep the brand's promise? What matters most to fix?" />
      </label>
      <div class="session-actions">
        <button type="submit" class="primary" disabled={busy}>
          Complete session
        </button>
        <button type="button" class="link" onClick={onCancel}>
          Not yet
        </button>
      </div>
    </form>
  );
}
