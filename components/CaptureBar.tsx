import type { PageDescription } from '@/lib/messages';
import { shortUrl } from '@/lib/format';
import type { PickMode } from '@/lib/capture/pick';
import { PickStatus, type PickStatusProps } from './PickStatus';

interface Props {
  page: PageDescription | null;
  busy: boolean;
  shortcut: string;
  onCapture(): void;
  /** Element or region capture: shows the picker in the page. */
  onPick?(mode: PickMode): void;
  /** What the picker is doing, or a calm word about how the last pick ended. */
  picking?: PickStatusProps;
}

export function CaptureBar({ page, busy, shortcut, onCapture, onPick, picking }: Props) {
  return (
    <section class="capture-bar" aria-label="Capture">
      <button type="button" class="primary capture" onClick={onCapture} disabled={busy || !!picking?.mode} aria-keyshortcuts={shortcut || undefined}>
        {busy ? 'Capturing…' : 'Capture step'}
        {shortcut && <kbd>{shortcut}</kbd>}
      </button>
      {onPick && (
        <div class="capture-more" role="group" aria-label="Capture part of the page">
          <button type="button" onClick={() => onPick('element')} disabled={busy || !!picking?.mode}>
            Element
          </button>
          <button type="button" onClick={() => onPick('region')} disabled={busy || !!picking?.mode}>
            Region
          </button>
        </div>
      )}
      {picking && <PickStatus {...picking} />}
      <p class="target muted">
        {page ? (
          <>
            On <strong>{page.title || shortUrl(page.url) || 'this tab'}</strong>
            {page.url && <span class="step-url"> {shortUrl(page.url)}</span>}
          </>
        ) : (
          'Looking for the page…'
        )}
      </p>
    </section>
  );
}
