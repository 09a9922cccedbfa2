import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: ComponentChildren;
  value: string;
  /** A problem with the value, shown beside the field and announced with it. */
  error?: string;
  hint?: string;
  multiline?: boolean;
  inputMode?: 'text' | 'decimal';
  maxLength?: number;
  class?: string;
  onInput(value: string): void;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');

/** A labelled text box whose error is tied to it (aria-invalid, aria-describedby). */
export function TextField({ id, label, value, error, hint, multiline, inputMode, maxLength, class: cls, onInput }: Props) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    value,
    maxLength,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    onInput: (e: { currentTarget: { value: string } }) => onInput(e.currentTarget.value),
  };
  return (
    <div class={`field ${cls ?? ''}`}>
      <label for={id}>{label}</label>
      {multiline ? <textarea rows={2} {...shared} /> : <input type="text" inputMode={inputMode} autoComplete="off" {...shared} />}
      {hint && !error && (
        <small id={`${id}-hint`} class="field-hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {sentence(error)}
        </small>
      )}
    </div>
  );
}
