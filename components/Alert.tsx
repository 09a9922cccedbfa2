export function Alert({ message, onDismiss }: { message: string | null; onDismiss?: () => void }) {
  // The live region stays in the accessibility tree (visually collapsed, never display:none)
  // so that screen readers announce a message when it appears.
  return (
    <div role="alert" class={message ? 'alert' : 'alert is-empty'}>
      {message && (
        <>
          <span>{message}</span>
          {onDismiss && (
            <button type="button" class="link" onClick={onDismiss} aria-label="Dismiss message">
              Dismiss
            </button>
          )}
        </>
      )}
    </div>
  );
}
