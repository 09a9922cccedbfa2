import type { ComponentChildren } from 'preact';
import type { PageDescription } from '@/lib/messages';
import { useEffect, useState } from 'preact/hooks';
import { shortUrl } from '@/lib/format';

interface Props {
  page: PageDescription | null;
  busy: boolean;
  shortcut: string;
  onCapture(): void;
  /** Other capture modes (full page, …), shown as a row of secondary buttons. */
  children?: ComponentChildren;
  /** Auto-capture of each page load: shown when the panel passes a handler. */
  autoCapture?: boolean;
  onAutoCapture?(on: boolean): void;
  /** Why auto-capture last left a page out, if it did. */
  autoNote?: string | null;
}

export function CaptureBar({ page, busy, shortcut, onCapture, children, autoCapture, onAutoCapture, autoNote }: Props) {
  // The switch follows the click at once; the stored value, once it arrives, has the last word.
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => setAsked(null), [autoCapture]);
  const autoOn = asked ?? autoCapture === true;
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
      {onAutoCapture && (
        <label class="auto-capture">
          <input
            type="checkbox"
            role="switch"
            checked={autoOn}
            onChange={(e) => {
              setAsked(e.currentTarget.checked);
              onAutoCapture(e.currentTarget.checked);
            }}
          />
          <span>
            Auto-capture each page
            <small class="muted">{autoOn ? ' A step for every page you reach in this tab.' : ' Off: capture steps yourself.'}</small>
          </span>
        </label>
      )}
      {autoNote && <p class="auto-note muted" role="status">{autoNote}</p>}
    </section>
  );
}
