interface Props {
  sessionId: string;
  onBack(): void;
  /** Opens another session, e.g. the one "Run again" created. */
  onOpen(sessionId: string): void;
}

// Owned by the review work (issue 6): all steps by stage, edit in place, reorder, text-only step.
export function ReviewView(_props: Props) {
  return <h1>Session</h1>;
}
