import { useEffect, useState } from 'preact/hooks';
import type { Rubric } from '@/lib/schemas';

export interface StartValues {
  title: string;
  brand: string;
  startUrl: string;
  promise: string;
  rubricId: string;
  persona: string;
  scenario: string;
  stages: string[];
  tags: string[];
  /** Capture each page load of this tab as a step from the start. */
  autoCapture: boolean;
}

/** One stage per line, or comma-separated; blanks dropped. */
export const splitList = (text: string) =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);

interface Props {
  rubrics: readonly Rubric[];
  defaultStages: readonly string[];
  /** The current tab's URL, offered as the start URL until the shopper edits the field. */
  suggestedUrl: string;
  busy: boolean;
  onStart(values: StartValues): void;
  onEditRubrics(): void;
}

type FormValues = Omit<StartValues, 'stages' | 'tags' | 'autoCapture'> & { stages: string; tags: string };

export function StartSessionForm({ rubrics, defaultStages, suggestedUrl, busy, onStart, onEditRubrics }: Props) {
  const [values, setValues] = useState<FormValues>({
    title: '',
    brand: '',
    startUrl: suggestedUrl,
    promise: '',
    rubricId: rubrics[0]?.id ?? '',
    persona: '',
    scenario: '',
    stages: defaultStages.join('\n'),
    tags: '',
  });
  const [urlTouched, setUrlTouched] = useState(false);
  const [autoCapture, setAutoCapture] = useState(false);
  const [titleMissing, setTitleMissing] = useState(false);

  useEffect(() => {
    if (!urlTouched) setValues((v) => ({ ...v, startUrl: suggestedUrl }));
  }, [suggestedUrl, urlTouched]);

  const set = (key: keyof FormValues) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    if (key === 'startUrl') setUrlTouched(true);
    if (key === 'title' && value.trim()) setTitleMissing(false);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const rubric = rubrics.find((r) => r.id === values.rubricId);

  return (
    <form
      class="card start-form"
      aria-labelledby="start-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!values.title.trim()) {
          setTitleMissing(true);
          return;
        }
        const stages = splitList(values.stages);
        onStart({ ...values, stages: stages.length ? stages : [...defaultStages], tags: splitList(values.tags.toLowerCase()), autoCapture });
      }}
    >
      <h2 id="start-heading">New audit session</h2>
      <label class="field">
        <span>Title</span>
        <input
          value={values.title}
          onInput={set('title')}
          placeholder="e.g. Gift purchase, mobile, November"
          aria-invalid={titleMissing}
          aria-describedby={titleMissing ? 'title-error' : undefined}
        />
        {titleMissing && (
          <small id="title-error" class="field-error">
            Give the session a title so you can find it later.
          </small>
        )}
      </label>
      <label class="field">
        <span>Brand</span>
        <input value={values.brand} onInput={set('brand')} placeholder="e.g. Northwind Outfitters" />
      </label>
      <label class="field">
        <span>Site / start URL</span>
        <input value={values.startUrl} onInput={set('startUrl')} inputMode="url" />
      </label>
      <label class="field">
        <span>Brand promise</span>
        <textarea rows={2} value={values.promise} onInput={set('promise')} placeholder="One sentence the brand promises its customers" />
      </label>
      <label class="field">
        <span>Persona</span>
        <input value={values.persona} onInput={set('persona')} placeholder="Who you shop as, e.g. first-time buyer on a budget" />
      </label>
      <label class="field">
        <span>Scenario</span>
        <textarea rows={2} value={values.scenario} onInput={set('scenario')} placeholder="The task, e.g. buy a gift under 50 € and return it" />
      </label>
      <details class="more">
        <summary>Journey stages and tags</summary>
        <label class="field">
          <span>Journey stages (one per line)</span>
          <textarea rows={4} value={values.stages} onInput={set('stages')} />
        </label>
        <label class="field">
          <span>Tags (comma-separated)</span>
          <input value={values.tags} onInput={set('tags')} placeholder="e.g. mobile, q4-benchmark" />
        </label>
      </details>
      <label class="field">
        <span>Rubric</span>
        <select value={values.rubricId} onChange={set('rubricId')}>
          {rubrics.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="link edit-rubrics" onClick={onEditRubrics}>
        Edit or create rubrics…
      </button>
      {rubric && (
        <ul class="pillar-preview" aria-label={`Pillars of ${rubric.name}`}>
          {rubric.pillars.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — {p.description}
            </li>
          ))}
        </ul>
      )}
      <label class="auto-capture">
        <input type="checkbox" role="switch" checked={autoCapture} onChange={(e) => setAutoCapture(e.currentTarget.checked)} />
        <span>
          Auto-capture each page
          <small class="muted"> A step for every page you reach in this tab; you can still capture by hand.</small>
        </span>
      </label>
      <button type="submit" class="primary" disabled={busy}>
        Start session
      </button>
    </form>
  );
}
