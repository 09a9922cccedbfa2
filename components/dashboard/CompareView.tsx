interface Props {
  sessionIds: string[];
  onOpen(sessionId: string): void;
}

// Owned by the compare work (issue 6): 2–4 sessions side by side with deltas.
export function CompareView(_props: Props) {
  return <h1>Compare sessions</h1>;
}
