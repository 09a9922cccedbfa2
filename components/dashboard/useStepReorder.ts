import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import type { AppError } from '@/lib/errors';
import { moveId } from '@/lib/step/order';
import { serialQueue } from '@/lib/serial';
import type { Step } from '@/lib/schemas';
import { focusStep } from './useReviewKeys';

type Run = <T>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>) => Promise<T | undefined>;

/**
 * Reordering from the review: the whole new order goes to the background, which renumbers in one
 * transaction. The moved step's element is re-inserted when the live query answers, which drops
 * its focus; it is put back on the same control (or the other Move button, if that one is now off).
 */
export function useStepReorder(sessionId: string, steps: readonly Step[], run: Run) {
  const refocus = useRef<{ stepId: string; index: number; element: HTMLElement | null } | null>(null);
  // Moves made faster than the live query answers build on the order asked for, not the one shown.
  const asked = useRef<string[] | null>(null);
  const dragged = useRef<string | null>(null);
  // The step last moved: while the focus is nowhere (its element was just re-inserted), Alt+arrows
  // still mean it, even after the refocus has been settled.
  const lastMoved = useRef<string | null>(null);
  // One reorder at a time, in the order asked: each request carries a whole order built on the
  // previous one, so two requests racing each other could land the older one last.
  const serially = useMemo(serialQueue, []);
  const shown = useRef<string[]>([]);
  shown.current = steps.map((s) => s.id);
  if (asked.current?.join() === shown.current.join()) asked.current = null;
  // Read at call time, not from a render's closure: a second key press can come before a re-render.
  const current = () => asked.current ?? shown.current;

  useLayoutEffect(() => {
    const want = refocus.current;
    if (!want || steps[want.index]?.id !== want.stepId) return;
    refocus.current = null;
    const el = want.element;
    if (el?.isConnected && !(el as HTMLButtonElement).disabled) el.focus();
    else focusStep(want.stepId, `[data-move="${want.index === 0 ? 'down' : 'up'}"]`);
    document.getElementById(`step-${want.stepId}`)?.scrollIntoView({ block: 'nearest' });
  }, [steps]);

  async function reorder(stepId: string, toIndex: number) {
    const order = current();
    const next = moveId(order, stepId, toIndex);
    if (next.join() === order.join()) return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const inStep = document.getElementById(`step-${stepId}`)?.contains(active);
    refocus.current = { stepId, index: next.indexOf(stepId), element: inStep ? active : (refocus.current?.element ?? null) };
    asked.current = next;
    lastMoved.current = stepId;
    const done = await serially(() => run(() => sendRequest('steps.reorder', { sessionId, orderedStepIds: next })));
    if (!done) asked.current = refocus.current = null;
  }

  return {
    order: current(),
    move: (stepId: string, direction: -1 | 1) => void reorder(stepId, current().indexOf(stepId) + direction),
    /** The step a move is re-inserting: while it has no focus, Alt+arrows still mean it. */
    moving: () => refocus.current?.stepId ?? lastMoved.current,
    dragStart: (stepId: string) => {
      dragged.current = stepId;
    },
    drop(targetId: string, after: boolean) {
      const id = dragged.current;
      dragged.current = null;
      if (!id || id === targetId) return;
      const rest = current().filter((x) => x !== id);
      void reorder(id, rest.indexOf(targetId) + (after ? 1 : 0));
    },
  };
}
