import type { PageDescription } from '@/lib/messages';
import { shortUrl } from '@/lib/format';

interface Props {
  page: PageDescription | null;
  busy: boolean;
  shortcut: string;
  onCapture(): void;
  /** Auto-capture of each page load: shown when the panel passes a handler. */
  autoCapture?: boolean;
  onAutoCapture?(on: boolean): void;
  /** Why auto-capture last left a page out, if it did. */
  autoNote?: string | null;
}

export function CaptureBar({ page, busy, shortcut, onCapture, autoCapture, onAutoCapture, autoNote }: Props) {
  return (
    <section class="capture-bar" aria-label="Capture">
      <button type="button" class="primary capture" onClick={onCapture} disabled={busy} aria-keyshortcuts={shortcut || undefined}>
        {busy ? 'Capturing…' : 'Capture step'}
        {shortcut && <kbd>{shortcut}</kbd>}
      </button>
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
      {onAutoCapture && (
        <label class="auto-capture">
          <input type="checkbox" role="switch" checked={autoCapture === true} onChange={(e) => onAutoCapture(e.currentTarget.checked)} />
          <span>
            Auto-capture each page
            <small class="muted">{autoCapture ? ' A step for every page you reach in this tab.' : ' Off: capture steps yourself.'}</small>
          </span>
        </label>
      )}
      {autoNote && <p class="auto-note muted" role="status">{autoNote}</p>}
    </section>
  );
}
