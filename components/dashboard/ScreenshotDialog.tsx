import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Screenshot } from '@/lib/schemas';
import { useObjectUrl } from '@/components/hooks';

interface Props {
  shot: Screenshot;
  /** E.g. "Step 3, screenshot 1 of 2". */
  title: string;
  loadFull(): Promise<Blob | undefined>;
  onClose(): void;
}

export const KIND_NAMES: Record<Screenshot['kind'], string> = {
  visible: 'Visible area',
  'full-page': 'Full page',
  element: 'Element',
  region: 'Region',
  dom: 'Full page (rendered)',
};

const STEPS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3];
type Zoom = 'fit' | number;

/** The next zoom stop in `direction` from the current one (fit counts as the largest stop below 1). */
function nextZoom(zoom: Zoom, direction: 1 | -1): number {
  const current = zoom === 'fit' ? 0.99 : zoom;
  const stops = direction > 0 ? STEPS.filter((s) => s > current + 1e-9) : STEPS.filter((s) => s < current - 1e-9).reverse();
  return stops[0] ?? (direction > 0 ? STEPS.at(-1)! : STEPS[0]!);
}

/**
 * A screenshot at full size, in a modal dialog: fit to the window, actual size (100 % of the
 * page's CSS pixels) or zoomed in and out. Keys: + and − zoom, 0 actual size, f fit, Esc closes.
 */
export function ScreenshotDialog({ shot, title, loadFull, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const url = useObjectUrl(loadFull, `${shot.id}:${shot.bytes}:${shot.annotations.length}`);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  function onKeyDown(e: TargetedKeyboardEvent<HTMLDialogElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action: Record<string, () => void> = {
      '+': () => setZoom((z) => nextZoom(z, 1)),
      '=': () => setZoom((z) => nextZoom(z, 1)),
      '-': () => setZoom((z) => nextZoom(z, -1)),
      '0': () => setZoom(1),
      f: () => setZoom('fit'),
    };
    const run = action[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  }

  // Stored pixels are device pixels; 100 % shows them at the size the shopper saw them.
  const cssWidth = Math.round(shot.width / shot.devicePixelRatio);
  const percent = zoom === 'fit' ? 'Fit' : `${Math.round(zoom * 100)} %`;
  return (
    <dialog ref={ref} class="shot-dialog" aria-label={title} onClose={onClose} onKeyDown={onKeyDown}>
      <div class="shot-dialog-bar">
        <div class="shot-dialog-title">
          <strong>{title}</strong>
          <span class="muted">
            {KIND_NAMES[shot.kind]} · {shot.width} × {shot.height}
          </span>
        </div>
        <div class="zoom" role="group" aria-label="Zoom">
          <button type="button" aria-pressed={zoom === 'fit'} aria-keyshortcuts="f" onClick={() => setZoom('fit')}>
            Fit
          </button>
          <button type="button" aria-pressed={zoom === 1} aria-keyshortcuts="0" onClick={() => setZoom(1)}>
            100 %
          </button>
          <button type="button" aria-label="Zoom out" aria-keyshortcuts="-" disabled={zoom !== 'fit' && zoom <= STEPS[0]!} onClick={() => setZoom((z) => nextZoom(z, -1))}>
            −
          </button>
          <output aria-live="polite" aria-label="Zoom level">
            {percent}
          </output>
          <button type="button" aria-label="Zoom in" aria-keyshortcuts="+" disabled={zoom !== 'fit' && zoom >= STEPS.at(-1)!} onClick={() => setZoom((z) => nextZoom(z, 1))}>
            +
          </button>
        </div>
        <button type="button" class="primary" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      <div class={`shot-dialog-canvas${zoom === 'fit' ? ' is-fit' : ''}`} tabIndex={0} aria-label="Screenshot; scroll to pan">
        {url ? (
          <img src={url} alt={title} style={zoom === 'fit' ? undefined : { width: `${cssWidth * zoom}px`, maxWidth: 'none' }} />
        ) : (
          <p class="muted">Loading the image…</p>
        )}
      </div>
    </dialog>
  );
}
