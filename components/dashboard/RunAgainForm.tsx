import { useState } from 'preact/hooks';
import type { Session } from '@/lib/schemas';
import { ReviewForm } from './ReviewForm';

export interface RunAgainValues {
  title: string;
  brand: string;
  startUrl: string;
}

interface Props {
  session: Session;
  busy: boolean;
  onRun(values: RunAgainValues): void;
  onCancel(): void;
}

/** Re-audit or benchmark a competitor: the same journey and rubric, maybe another brand and site. */
export function RunAgainForm({ session, busy, onRun, onCancel }: Props) {
  const [values, setValues] = useState<RunAgainValues>({ title: `${session.title} (again)`, brand: session.brand, startUrl: session.startUrl });
  const field = (key: keyof RunAgainValues, label: string, hint?: string) => (
    <label class="field">
      <span>{label}</span>
      <input value={values[key]} maxLength={key === 'startUrl' ? 4000 : 200} required={key === 'title'} onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })} />
      {hint && <small class="muted">{hint}</small>}
    </label>
  );
  return (
    <ReviewForm
      id="run-again"
      heading="Run this audit again"
      intro={
        <>
          A new session with the same promise, persona, scenario, stages and rubric ({session.rubric.name}). For a competitor, change the brand and start URL. It becomes
          the active session in the side panel.
        </>
      }
      submit="Start the new session"
      busy={busy}
      onSubmit={() => onRun(values)}
      onCancel={onCancel}
    >
      <div class="form-grid">
        {field('title', 'Title')}
        {field('brand', 'Brand')}
        {field('startUrl', 'Start URL')}
      </div>
    </ReviewForm>
  );
}
