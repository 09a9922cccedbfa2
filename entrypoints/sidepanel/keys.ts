// Which panel action a key press means. Kept apart from the component so the key map is
// one readable table; the component only carries the actions out.

export type KeyAction =
  | { kind: 'help' }
  | { kind: 'capture' }
  | { kind: 'tab' }
  | { kind: 'open'; stepId: string }
  | { kind: 'note'; stepId: string }
  | { kind: 'leave-note'; stepId: string }
  | { kind: 'next-stage' }
  | { kind: 'moment' }
  | { kind: 'question' };

export interface KeyContext {
  hasSession: boolean;
  recording: boolean;
  /** False for a completed session: keys that change it do nothing. */
  editable: boolean;
  /** The shopper may turn single-character shortcuts off (WCAG 2.1.4); `?` always works. */
  singleKeys: boolean;
  stepIds: readonly string[];
  openId: string | null;
}

export function panelKeyAction(e: KeyboardEvent, ctx: KeyContext): KeyAction | null {
  // A held key repeats: one press, one action (a held `c` would flood the capture quota).
  if (e.defaultPrevented || e.repeat || e.altKey || e.ctrlKey || e.metaKey) return null;
  const target = e.target instanceof Element ? e.target : null;
  if (target?.closest('dialog')) return e.key === '?' ? { kind: 'help' } : null;
  if (target?.closest('textarea')) {
    return e.key === 'Escape' && ctx.openId ? { kind: 'leave-note', stepId: ctx.openId } : null;
  }
  // Typing in a field is typing, not a shortcut.
  if (target?.closest('input, select, [contenteditable="true"]')) return null;
  if (e.key === '?') return { kind: 'help' };
  if (!ctx.hasSession || !ctx.singleKeys) return null;
  const at = ctx.openId ? ctx.stepIds.indexOf(ctx.openId) : -1;
  switch (e.key) {
    case 'c':
      return ctx.recording ? { kind: 'capture' } : null;
    case 't':
      return { kind: 'tab' };
    case 'j': {
      const id = ctx.stepIds[Math.min(ctx.stepIds.length - 1, at + 1)];
      return id ? { kind: 'open', stepId: id } : null;
    }
    case 'k': {
      const id = ctx.stepIds[Math.max(0, at === -1 ? ctx.stepIds.length - 1 : at - 1)];
      return id ? { kind: 'open', stepId: id } : null;
    }
    case 'e':
      return ctx.openId ? { kind: 'note', stepId: ctx.openId } : null;
    case 's':
      return ctx.openId && ctx.editable ? { kind: 'next-stage' } : null;
    case 'm':
      return ctx.openId && ctx.editable ? { kind: 'moment' } : null;
    case 'q':
      return { kind: 'question' };
    default:
      return null;
  }
}
