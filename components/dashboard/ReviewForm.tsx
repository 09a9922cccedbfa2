import type { ComponentChildren } from 'preact';
import { FormActions } from '../FormActions';

interface Props {
  /** Names the heading (`${id}-heading`), which labels the form. */
  id: string;
  heading: string;
  /** One line on what the form makes. */
  intro: ComponentChildren;
  submit: string;
  busy: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ComponentChildren;
}

/** A card of the review page that makes something (a text step, a new run): heading, what it does, fields, submit or cancel. */
export function ReviewForm({ id, heading, intro, submit, busy, onSubmit, onCancel, children }: Props) {
  return (
    <form
      class="card review-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p class="muted small">{intro}</p>
      {children}
      <FormActions submit={submit} busy={busy} onCancel={onCancel} />
    </form>
  );
}
