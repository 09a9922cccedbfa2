interface Props {
  onOpen(sessionId: string): void;
  onCompare(sessionIds: string[]): void;
}

// Owned by the library work (issue 6): every session, search, filter, sort, storage meter.
export function LibraryView(_props: Props) {
  return <h1>Sessions</h1>;
}
