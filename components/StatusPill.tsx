import { STATUS_TEXT } from '@/lib/format';
import type { Session } from '@/lib/schemas';

/** A session's status as the panel, popup, dashboard and editor all show it. */
export function StatusPill({ status }: { status: Session['status'] }) {
  return <span class={`status status-${status}`}>{STATUS_TEXT[status]}</span>;
}
