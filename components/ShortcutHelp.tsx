import { useEffect, useRef } from 'preact/hooks';

export const PANEL_SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['c', 'Capture the page as a new step'],
  ['j / k', 'Next / previous step'],
  ['1 … 9', 'Score the focused pillar (0 for 10 on a 1–10 scale)'],
  ['n', 'Not applicable, on the focused pillar'],
  ['Tab / Shift+Tab', 'Next / previous pillar, severity, stage, emotion'],
  ['← →', 'Move along the focused scale'],
  ['0 … 4', 'Friction severity, when it has focus'],
  ['1 … 5', 'Emotion −2 … +2, when it has focus'],
  ['s', "Move the open step to the next stage"],
  ['m', 'Mark the open step as a moment of truth (or unmark)'],
  ['e', "Edit the open step's note (Esc leaves it)"],
  ['q', 'Answer the pending question (how easy was the stage?)'],
  ['t', 'Switch between Steps and Summary'],
  ['?', 'Show or hide these shortcuts'],
];

/** The keyboard cheat-sheet, as a modal dialog (Esc closes it and returns focus). */
interface Props {
  open: boolean;
  browserShortcut: string;
  singleKeys: boolean;
  onSingleKeys(on: boolean): void;
  onClose(): void;
}

export function ShortcutHelp({ open, browserShortcut, singleKeys, onSingleKeys, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} class="shortcuts" aria-labelledby="shortcuts-heading" onClose={onClose}>
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <dl>
        {browserShortcut && (
          <div>
            <dt>
              <kbd>{browserShortcut}</kbd>
            </dt>
            <dd>Capture from anywhere in the browser</dd>
          </div>
        )}
        {PANEL_SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <label class="check">
        <input type="checkbox" checked={singleKeys} onChange={(e) => onSingleKeys(e.currentTarget.checked)} />
        Single-key shortcuts (c, j, k, e, s, m, q, t) — turn off if they clash with a screen reader or voice control
      </label>
      <button type="button" class="primary" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
