import type { PickMode } from '@/lib/capture/pick';
import type { NoteSaver, NoteState } from '@/lib/notes/saver';
import type { RequestPayload } from '@/lib/messages';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { ExportCard, type ExportKind } from '@/components/ExportCard';
import { SummaryView } from '@/components/SummaryView';
import { useMemo, useRef } from 'preact/hooks';
import { StepRow, type StepActions } from './StepRow';

export type PanelTab = 'steps' | 'summary';

interface Props {
  session: Session;
  steps: Step[];
  /** False until this session's steps are read: no count and no "No steps yet" before then. */
  stepsLoaded: boolean;
  shots: Map<string, Screenshot[]>;
  tab: PanelTab;
  onTab(tab: PanelTab): void;
  expandedId: string | null;
  onExpand(stepId: string | null): void;
  busy: boolean;
  /** A capture or a pick is running: no second one from a step. */
  picking: boolean;
  onAddShot(mode: PickMode, stepId: string): void;
  noteSaver: NoteSaver;
  noteStates: Record<string, NoteState>;
  onUpdate(stepId: string, patch: RequestPayload<'step.update'>['patch']): void;
  onDeleteStep(stepId: string): void;
  onExport(kind: ExportKind): void;
  onDeleteSession(): void;
}

/** A session's two views in the panel: its steps (to note and score) and its summary with exports. */
const NO_SHOTS: Screenshot[] = [];

export function SessionTabs(props: Props) {
  const { session, steps, stepsLoaded, shots, tab, onTab, expandedId, onExpand, busy, picking, noteSaver, noteStates, ...on } = props;
  // The cards' handlers read the latest props through this ref, so they are one object for the
  // panel's life and never the reason a card redraws (StepRow).
  const latest = useRef(props);
  latest.current = props;
  const actions = useMemo<StepActions>(
    () => ({
      toggle: (id) => latest.current.onExpand(latest.current.expandedId === id ? null : id),
      noteInput: (id, note) => latest.current.noteSaver.input(id, note),
      update: (id, patch) => latest.current.onUpdate(id, patch),
      remove: (id) => latest.current.onDeleteStep(id),
      addShot: (id, mode) => latest.current.onAddShot(mode, id),
    }),
    [],
  );
  return (
    <>
      <div role="tablist" aria-label="Session views" class="tabs">
        <button type="button" role="tab" id="tab-steps" aria-controls="panel-steps" aria-selected={tab === 'steps'} onClick={() => onTab('steps')}>
          Steps {stepsLoaded && <span class="muted">({steps.length})</span>}
        </button>
        <button type="button" role="tab" id="tab-summary" aria-controls="panel-summary" aria-selected={tab === 'summary'} onClick={() => onTab('summary')}>
          Summary
        </button>
      </div>
      <div role="tabpanel" id="panel-summary" aria-labelledby="tab-summary" hidden={tab !== 'summary'}>
        <SummaryView
          session={session}
          steps={steps}
          onOpenStep={(id) => {
            onTab('steps');
            onExpand(id);
            requestAnimationFrame(() => document.getElementById(`step-${id}`)?.scrollIntoView({ block: 'start' }));
          }}
        />
        <ExportCard busy={busy} canDelete={session.status !== 'active'} onExport={on.onExport} onDelete={on.onDeleteSession} />
      </div>
      <section role="tabpanel" id="panel-steps" aria-labelledby="tab-steps" class="steps" hidden={tab !== 'steps'} aria-busy={stepsLoaded ? 'false' : 'true'}>
        {stepsLoaded && steps.length === 0 && <p class="empty">No steps yet. Walk the site as a customer would and capture each step.</p>}
        {steps.map((step, i) => (
          <StepRow
            key={step.id}
            step={step}
            number={i + 1}
            rubric={session.rubric}
            stages={session.stages}
            readOnly={session.status === 'completed'}
            canAddShots={session.status === 'active'}
            shots={shots.get(step.id) ?? NO_SHOTS}
            // Only an open card shows its close-up buttons: a closed one need not redraw for a capture.
            picking={expandedId === step.id && picking}
            expanded={expandedId === step.id}
            noteState={noteStates[step.id]}
            pendingNote={noteSaver.pending(step.id)}
            actions={actions}
          />
        ))}
      </section>
    </>
  );
}
