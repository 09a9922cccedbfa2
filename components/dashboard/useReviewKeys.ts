import { useEffect, useRef } from 'preact/hooks';
import { panelKeyAction } from '@/entrypoints/sidepanel/keys';
import type { Session, Step } from '@/lib/schemas';

// The side panel's keys, in the review: j / k next / previous step, e the note (Esc leaves it),
// s next stage, m moment of truth, digits inside a scale; plus Alt+↑ / Alt+↓ to move the focused
// step. Every step is open here, so "the open step" is the one holding the focus.

export interface ReviewKeyActions {
  move(stepId: string, direction: -1 | 1): void;
  update(step: Step, patch: { stageId?: string; momentOfTruth?: boolean }): void;
  /** Unfolds a step for editing (j / k / e, like the panel opening one). */
  open(stepId: string): void;
  /** The step a move is re-inserting, if any. */
  moving(): string | null;
}

const stepOf = (el: EventTarget | null) => (el instanceof Element ? el.closest<HTMLElement>('article[id^="step-"]') : null);

/**
 * Focuses a step (or an element in it) once it is on screen: a step the background just wrote
 * reaches this page through the live query a few frames after the reply, so look for up to a second.
 */
export function focusStep(stepId: string, selector?: string, framesLeft = 60) {
  const article = document.getElementById(`step-${stepId}`);
  const inside = selector ? article?.querySelector<HTMLElement>(selector) : article;
  if (!inside && framesLeft > 0) {
    requestAnimationFrame(() => focusStep(stepId, selector, framesLeft - 1));
    return;
  }
  // A completed session's fields are disabled: the step itself takes the focus then.
  const target = inside ?? article;
  if (!target) return;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

export function useReviewKeys(session: Session | undefined, steps: readonly Step[], actions: ReviewKeyActions) {
  const latest = useRef({ session, steps, actions });
  latest.current = { session, steps, actions };
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const { session: s, steps: all, actions: act } = latest.current;
      if (!s || e.defaultPrevented) return;
      const editable = s.status !== 'completed';
      const article = stepOf(e.target);
      const openId = article?.id.slice('step-'.length) ?? null;
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        const id = openId ?? (e.target === document.body ? act.moving() : null);
        if (!id || !editable || (e.target instanceof Element && e.target.closest('textarea, input, select'))) return;
        e.preventDefault();
        act.move(id, e.key === 'ArrowUp' ? -1 : 1);
        return;
      }
      const action = panelKeyAction(e, {
        hasSession: true,
        recording: false,
        editable,
        singleKeys: localStorage.getItem('ms-single-keys') !== 'off',
        stepIds: all.map((x) => x.id),
        openId,
      });
      if (!action) return;
      const open = all.find((x) => x.id === openId);
      switch (action.kind) {
        case 'open':
          e.preventDefault();
          act.open(action.stepId);
          return focusStep(action.stepId, '[role="radiogroup"] [tabindex="0"]:not(:disabled)');
        case 'note':
          e.preventDefault();
          act.open(action.stepId);
          return focusStep(action.stepId, 'textarea');
        case 'leave-note':
          e.preventDefault();
          return focusStep(action.stepId);
        case 'next-stage': {
          if (!open) return;
          e.preventDefault();
          const i = s.stages.findIndex((st) => st.id === open.stageId);
          const next = s.stages[(i + 1) % s.stages.length];
          if (next) act.update(open, { stageId: next.id });
          return;
        }
        case 'moment':
          if (!open) return;
          e.preventDefault();
          return act.update(open, { momentOfTruth: open.momentOfTruth !== true });
        default:
          // Capture, the Steps/Summary tab and the pending question belong to the panel.
          return;
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
