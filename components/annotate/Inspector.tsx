import type { Ref } from 'preact';
import { describe } from '@/lib/annotation/shapes';
import type { Annotation } from '@/lib/schemas';

interface Props {
  selected: Annotation | null;
  editable: boolean;
  burned: boolean;
  redactOnly: boolean;
  count: number;
  labelRef: Ref<HTMLInputElement>;
  onLabelFocus(): void;
  onLabelInput(text: string): void;
  onDelete(): void;
}

/** The side column: what is selected and what can be done with it, or how the editor works. */
export function Inspector(props: Props) {
  const { selected } = props;
  return (
    <aside class="annotate-side" aria-label="Selected shape">
      {props.redactOnly && (
        <p class="side-note">This session is completed, so its annotations are final. You can still redact: privacy comes first.</p>
      )}
      {selected ? (
        <section class="card side-card">
          <h2>{describe(selected)}</h2>
          {selected.type === 'text' && (
            <label class="field">
              <span>Label text</span>
              <input
                ref={props.labelRef}
                type="text"
                maxLength={500}
                value={selected.text}
                readOnly={!props.editable}
                onFocus={props.onLabelFocus}
                onInput={(e) => props.onLabelInput(e.currentTarget.value)}
              />
            </label>
          )}
          {props.burned ? (
            <p class="muted small">Burned into the image when it was saved. It cannot be moved or removed.</p>
          ) : selected.type === 'redact' ? (
            <p class="muted small">Erased from the stored image when you save.</p>
          ) : null}
          {props.editable && (
            <div class="side-actions">
              <button type="button" class="danger-outline" aria-keyshortcuts="Delete" onClick={props.onDelete}>
                Delete shape
              </button>
            </div>
          )}
        </section>
      ) : (
        <section class="card side-card">
          <h2>{props.count === 0 ? 'No annotations yet' : `${props.count} ${props.count === 1 ? 'annotation' : 'annotations'}`}</h2>
          <p class="muted small">Pick a tool, then drag on the screenshot. Click a shape with Select to move, resize or delete it.</p>
        </section>
      )}
      <section class="card side-card keys">
        <h2>Keyboard</h2>
        <dl>
          <div><dt>V B A T M H R</dt><dd>Choose a tool</dd></div>
          <div><dt>Enter</dt><dd>Add a shape (on the image)</dd></div>
          <div><dt>Tab</dt><dd>Select shapes in turn</dd></div>
          <div><dt>Arrows</dt><dd>Move; Shift for 10 px</dd></div>
          <div><dt>Alt + arrows</dt><dd>Resize</dd></div>
          <div><dt>Delete</dt><dd>Remove the selected shape</dd></div>
          <div><dt>Ctrl Z / Ctrl Shift Z</dt><dd>Undo / redo</dd></div>
          <div><dt>Ctrl S</dt><dd>Save</dd></div>
        </dl>
      </section>
    </aside>
  );
}
