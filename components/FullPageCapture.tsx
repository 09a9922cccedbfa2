import type { FullPageMethod } from '@/lib/capture/full-page-step';

interface Props {
  disabled: boolean;
  /** Null when no full-page capture runs; else viewports captured so far out of the total. */
  progress: { done: number; total: number } | null;
  onCapture(method: FullPageMethod): void;
  onCancel(): void;
}

/** Whole-page capture: scroll and stitch ("Full page"), or render the DOM for pages whose content scrolls inside a box. */
export function FullPageCapture({ disabled, progress, onCapture, onCancel }: Props) {
  if (progress) {
    // One step of one is a DOM render or a page no taller than the screen: no viewport count to show.
    const { done, total } = progress;
    const text =
      total === 0 ? 'Full page: measuring the page…' : total === 1 ? 'Full page: capturing…' : done >= total ? 'Full page: saving…' : `Full page: viewport ${done + 1} of ${total}`;
    return (
      <div class="capture-progress">
        <progress aria-label="Full-page capture progress" max={progress.total || 1} value={progress.done} />
        <span role="status" class="muted small">
          {text}
        </span>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <>
      <button type="button" onClick={() => onCapture('auto')} disabled={disabled} title="Scroll the page and stitch it into one tall screenshot">
        Full page
      </button>
      <button type="button" onClick={() => onCapture('dom')} disabled={disabled} title="Draw the page from its HTML: for pages whose content scrolls inside a box">
        Render page
      </button>
    </>
  );
}
