import { useEffect, useRef } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import type { AppError } from '@/lib/errors';
import type { Session, Step } from '@/lib/schemas';
import { panelKeyAction } from './keys';
import { focusInStep } from './StepRow';

// Keys for the whole panel (see ShortcutHelp): `keys.ts` says what a key means, this carries it
// out. The listener is registered once and reads the latest state through a ref.

type Tab = 'steps' | 'summary';

export interface PanelKeyState {
  session: Session | undefined | null;
  steps: readonly Step[];
  expandedId: string | null;
  singleKeys: boolean;
  capture(): Promise<void>;
  run<T>(task: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>): Promise<T | undefined>;
  setHelpOpen(update: (open: boolean) => boolean): void;
  setTab(update: Tab | ((tab: Tab) => Tab)): void;
  setExpandedId(id: string | null): void;
}

export function usePanelKeys(state: PanelKeyState) {
  const keyState = useRef(state);
  keyState.current = state;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const { session: s, steps: all, expandedId: openId, capture: doCapture, run: doRun, singleKeys: keysOn, setHelpOpen, setTab, setExpandedId } = keyState.current;
      const action = panelKeyAction(e, {
        hasSession: !!s,
        recording: s?.status === 'active',
        editable: !!s && s.status !== 'completed',
        singleKeys: keysOn,
        stepIds: all.map((x) => x.id),
        openId,
      });
      if (!action) return;
      e.preventDefault();
      const open = all.find((x) => x.id === openId);
      switch (action.kind) {
        case 'help':
          return setHelpOpen((o) => !o);
        case 'capture':
          return void doCapture();
        case 'tab':
          return setTab((t) => (t === 'steps' ? 'summary' : 'steps'));
        case 'open':
          setTab('steps');
          setExpandedId(action.stepId);
          return focusInStep(action.stepId, '[role="radiogroup"] [tabindex="0"]');
        case 'note':
          setTab('steps');
          return focusInStep(action.stepId, 'textarea');
        case 'leave-note':
          return focusInStep(action.stepId, '.step-head');
        case 'next-stage': {
          if (!open || !s) return;
          const i = s.stages.findIndex((st) => st.id === open.stageId);
          const next = s.stages[(i + 1) % s.stages.length];
          if (next) void doRun(() => sendRequest('step.update', { stepId: open.id, patch: { stageId: next.id } }));
          return;
        }
        case 'question':
          // The pending Single Ease Question (or the completion form) takes the keyboard.
          return void document.querySelector<HTMLElement>('.question [role="radiogroup"] [tabindex="0"]')?.focus();
        case 'moment':
          if (open) void doRun(() => sendRequest('step.update', { stepId: open.id, patch: { momentOfTruth: open.momentOfTruth !== true } }));
          return;
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
