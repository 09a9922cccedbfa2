import { useEffect } from 'preact/hooks';

interface Props {
  /** What happened, e.g. Deleted “Checkout audit”. Null hides the toast (the live region stays). */
  message: string | null;
  /** Offer Undo until this time (ms since the epoch); no button when absent. */
  undoUntil?: number;
  onUndo?(): void;
  onExpire(): void;
}

/** A status line at the foot of the page; the Undo offer goes away when its window closes. */
export function UndoToast({ message, undoUntil, onUndo, onExpire }: Props) {
  useEffect(() => {
    if (!message) return;
    // Messages without an undo window stay long enough to be read, then go.
    const timer = setTimeout(onExpire, Math.max(0, (undoUntil ?? Date.now() + 6_000) - Date.now()));
    return () => clearTimeout(timer);
  }, [message, undoUntil]);
  return (
    <div role="status" class={message ? 'toast' : 'toast is-empty'}>
      {message && (
        <>
          <span>{message}</span>
          {undoUntil !== undefined && onUndo && (
            <button type="button" class="toast-action" onClick={onUndo}>
              Undo
            </button>
          )}
        </>
      )}
    </div>
  );
}
