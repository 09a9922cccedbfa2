import { browser } from 'wxt/browser';
import { annotatePagePath } from '@/lib/annotation/shapes';
import type { PickMode } from '@/lib/capture/pick';
import type { RequestPayload } from '@/lib/messages';
import type { NoteState } from '@/lib/notes/saver';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { useObjectUrl } from '@/components/hooks';
import { loadImage } from '@/components/data/reads';
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

interface StepRowProps {
  step: Step;
  number: number;
  session: Session;
  shots: readonly Screenshot[];
  onAddShot?(mode: PickMode): void;
  picking: boolean;
  expanded: boolean;
  noteState: NoteState | undefined;
  pendingNote: string | undefined;
  onToggle(): void;
  onNoteInput(note: string): void;
  onUpdate(patch: RequestPayload<'step.update'>['patch']): void;
  onDelete(): void;
}

const thumbVersion = (shot: Pick<Screenshot, 'id' | 'thumbBytes' | 'annotations'> | undefined) =>
  shot && `${shot.id}:${shot.thumbBytes}:${shot.annotations.length}`;

export function StepRow({ step, number, session, shots, onAddShot, picking, expanded, ...on }: StepRowProps) {
  const screenshotId = shots[0]?.id;
  const thumbUrl = useObjectUrl(() => loadImage(screenshotId!, 'thumb'), thumbVersion(shots[0]));
  return (
    <StepCard
      step={step}
      number={number}
      rubric={session.rubric}
      stages={session.stages}
      thumbUrl={thumbUrl}
      expanded={expanded}
      noteState={on.noteState}
      pendingNote={on.pendingNote}
      readOnly={session.status === 'completed'}
      onToggle={on.onToggle}
      onNoteInput={on.onNoteInput}
      onScore={(pillarId, score) => on.onUpdate({ scores: { [pillarId]: score } })}
      onSeverity={(severity) => on.onUpdate({ severity })}
      onTagging={(patch) => on.onUpdate(patch)}
      onDelete={on.onDelete}
    >
      <StepShots
        number={number}
        shots={shots}
        loadThumb={(id) => loadImage(id, 'thumb')}
        versionOf={thumbVersion}
        onAdd={onAddShot}
        busy={picking}
        onAnnotate={(id) => void browser.tabs.create({ url: browser.runtime.getURL(annotatePagePath(id)) })}
      />
    </StepCard>
  );
}
