export function Alert({ message, onDismiss }: { message: string | null; onDismiss?: () => void }) {
  // The live region is always in the DOM so screen readers announce a new message.
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
