import type { ComponentChildren } from 'preact';
import type { PageDescription } from '@/lib/messages';
import { shortUrl } from '@/lib/format';

interface Props {
  page: PageDescription | null;
  busy: boolean;
  shortcut: string;
  onCapture(): void;
  /** Other capture modes (full page, …), shown as a row of secondary buttons. */
  children?: ComponentChildren;
}

export function CaptureBar({ page, busy, shortcut, onCapture, children }: Props) {
  return (
    <section class="capture-bar" aria-label="Capture">
      <button type="button" class="primary capture" onClick={onCapture} disabled={busy} aria-keyshortcuts={shortcut || undefined}>
        {busy ? 'Capturing…' : 'Capture step'}
        {shortcut && <kbd>{shortcut}</kbd>}
      </button>
      {children && (
        <div class="capture-modes" role="group" aria-label="More ways to capture">
          {children}
        </div>
      )}
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
