import { browser } from 'wxt/browser';
import { annotatePagePath } from '@/lib/annotation/shapes';
import type { PickMode } from '@/lib/capture/pick';
import type { RequestPayload } from '@/lib/messages';
import type { NoteState } from '@/lib/notes/saver';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { Component } from 'preact';
import { loadImage } from '@/components/data/reads';
import { pictureVersion, useStepPicture } from '@/components/data/pictures';
import { equalData } from '@/components/data/share';
import { StepCard } from '@/components/StepCard';
import { StepShots } from '@/components/StepShots';


/**
 * Focuses an element of a step once it has rendered: a step just captured reaches this page
 * through the live query a few frames after the capture's reply, so look for up to a second.
 */
export function focusInStep(stepId: string, selector: string, framesLeft = 60) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`#step-${CSS.escape(stepId)} ${selector}`);
    if (!el) {
      if (framesLeft > 0) focusInStep(stepId, selector, framesLeft - 1);
      return;
    }
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
  });
}

/** What a card does, by step id; the same object for the panel's life (SessionTabs), so it never redraws a card. */
export interface StepActions {
  toggle(stepId: string): void;
  noteInput(stepId: string, note: string): void;
  update(stepId: string, patch: RequestPayload<'step.update'>['patch']): void;
  remove(stepId: string): void;
  addShot(stepId: string, mode: PickMode): void;
}

interface StepRowProps {
  step: Step;
  number: number;
  rubric: Session['rubric'];
  stages: Session['stages'];
  readOnly: boolean;
  /** The session can take captures now: the step offers close-ups. */
  canAddShots: boolean;
  shots: readonly Screenshot[];
  picking: boolean;
  expanded: boolean;
  noteState: NoteState | undefined;
  pendingNote: string | undefined;
  actions: StepActions;
}

/**
 * One step's card, redrawn only when what it shows changed: a capture re-reads the whole session
 * and re-renders the panel, and redrawing every card for one new step was most of the wait for it
 * (README, "Capture at the speed of the browser"). Records that did not change keep their objects
 * (components/data/share.ts); the session's rubric and stages are re-read objects, compared by value.
 */
export class StepRow extends Component<StepRowProps> {
  override shouldComponentUpdate(next: StepRowProps) {
    const p = this.props;
    return (
      p.step !== next.step ||
      p.number !== next.number ||
      p.shots !== next.shots ||
      p.readOnly !== next.readOnly ||
      p.canAddShots !== next.canAddShots ||
      p.picking !== next.picking ||
      p.expanded !== next.expanded ||
      p.noteState !== next.noteState ||
      p.pendingNote !== next.pendingNote ||
      p.actions !== next.actions ||
      !equalData(p.rubric, next.rubric) ||
      !equalData(p.stages, next.stages)
    );
  }

  override render() {
    return <StepRowView {...this.props} />;
  }
}

function StepRowView({ step, number, rubric, stages, readOnly, canAddShots, shots, picking, expanded, noteState, pendingNote, actions }: StepRowProps) {
  const thumbUrl = useStepPicture(shots[0]);
  const id = step.id;
  return (
    <StepCard
      step={step}
      number={number}
      rubric={rubric}
      stages={stages}
      thumbUrl={thumbUrl}
      expanded={expanded}
      noteState={noteState}
      pendingNote={pendingNote}
      readOnly={readOnly}
      onToggle={() => actions.toggle(id)}
      onNoteInput={(note) => actions.noteInput(id, note)}
      onScore={(pillarId, score) => actions.update(id, { scores: { [pillarId]: score } })}
      onSeverity={(severity) => actions.update(id, { severity })}
      onTagging={(patch) => actions.update(id, patch)}
      onDelete={() => actions.remove(id)}
    >
      <StepShots
        number={number}
        shots={shots}
        loadThumb={(shotId) => loadImage(shotId, 'thumb')}
        versionOf={pictureVersion}
        firstUrl={thumbUrl}
        onAdd={canAddShots ? (mode) => actions.addShot(id, mode) : undefined}
        busy={picking}
        onAnnotate={(shotId) => void browser.tabs.create({ url: browser.runtime.getURL(annotatePagePath(shotId)) })}
      />
    </StepCard>
  );
}
