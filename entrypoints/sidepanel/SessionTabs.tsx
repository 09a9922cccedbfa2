import type { PickMode } from '@/lib/capture/pick';
import type { NoteSaver, NoteState } from '@/lib/notes/saver';
import type { RequestPayload } from '@/lib/messages';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { ExportCard, type ExportKind } from '@/components/ExportCard';
import { SummaryView } from '@/components/SummaryView';
import { StepRow } from './StepRow';

export type PanelTab = 'steps' | 'summary';

interface Props {
  session: Session;
  steps: Step[];
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
export function SessionTabs({ session, steps, shots, tab, onTab, expandedId, onExpand, busy, picking, onAddShot, noteSaver, noteStates, ...on }: Props) {
  return (
    <>
      <div role="tablist" aria-label="Session views" class="tabs">
        <button type="button" role="tab" id="tab-steps" aria-controls="panel-steps" aria-selected={tab === 'steps'} onClick={() => onTab('steps')}>
          Steps <span class="muted">({steps.length})</span>
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
      <section role="tabpanel" id="panel-steps" aria-labelledby="tab-steps" class="steps" hidden={tab !== 'steps'}>
        {steps.length === 0 && <p class="empty">No steps yet. Walk the site as a customer would and capture each step.</p>}
        {steps.map((step, i) => (
          <StepRow
            key={step.id}
            step={step}
            number={i + 1}
            session={session}
            shots={shots.get(step.id) ?? []}
            onAddShot={session.status === 'active' ? (mode) => onAddShot(mode, step.id) : undefined}
            picking={picking}
            expanded={expandedId === step.id}
            noteState={noteStates[step.id]}
            pendingNote={noteSaver.pending(step.id)}
            onToggle={() => onExpand(expandedId === step.id ? null : step.id)}
            onNoteInput={(note) => noteSaver.input(step.id, note)}
            onUpdate={(patch) => on.onUpdate(step.id, patch)}
            onDelete={() => on.onDeleteStep(step.id)}
          />
        ))}
      </section>
    </>
  );
}
