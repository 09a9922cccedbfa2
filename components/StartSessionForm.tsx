import { useEffect, useState } from 'preact/hooks';
import type { Rubric } from '@/lib/schemas';

export interface StartValues {
  title: string;
  brand: string;
  startUrl: string;
  promise: string;
  rubricId: string;
}

interface Props {
  rubrics: readonly Rubric[];
  /** The current tab's URL, offered as the start URL until the shopper edits the field. */
  suggestedUrl: string;
  busy: boolean;
  onStart(values: StartValues): void;
}

export function StartSessionForm({ rubrics, suggestedUrl, busy, onStart }: Props) {
  const [values, setValues] = useState<StartValues>({
    title: '',
    brand: '',
    startUrl: suggestedUrl,
    promise: '',
    rubricId: rubrics[0]?.id ?? '',
  });
  const [urlTouched, setUrlTouched] = useState(false);
  const [titleMissing, setTitleMissing] = useState(false);

  useEffect(() => {
    if (!urlTouched) setValues((v) => ({ ...v, startUrl: suggestedUrl }));
  }, [suggestedUrl, urlTouched]);

  const set = (key: keyof StartValues) => (e: { currentTarget: { value: string } }) => {
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
        onStart(values);
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
        <span>Rubric</span>
        <select value={values.rubricId} onChange={set('rubricId')}>
          {rubrics.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {rubric && (
        <ul class="pillar-preview" aria-label={`Pillars of ${rubric.name}`}>
          {rubric.pillars.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — {p.description}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" class="primary" disabled={busy}>
        Start session
      </button>
    </form>
  );
}
