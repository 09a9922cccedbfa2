interface Props {
  /** What the submit button does, in words ("Add step", "Save rubric"). */
  submit: string;
  /** The way out's words. */
  cancel?: string;
  /** A request is running: the form must not be sent twice. */
  busy: boolean;
  onCancel(): void;
  /** The row's class: each form's stylesheet places the row. */
  class?: string;
}

/** A form's last row: the submit button, off while its request runs, then the way out. */
export function FormActions({ submit, cancel = 'Cancel', busy, onCancel, class: cls = 'form-actions' }: Props) {
  return (
    <div class={cls}>
      <button type="submit" class="primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
