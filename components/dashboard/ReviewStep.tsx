import { useState } from 'preact/hooks';
import type { ImageVariant, PillarScore, Screenshot, Session, Step } from '@/lib/schemas';
import { formatClock, formatDuration, shortUrl } from '@/lib/format';
import { safeHttpUrl } from '@/lib/export/escape';
import { annotatePagePath } from '@/lib/annotation/shapes';
import { stepAlignment } from '@/lib/scoring/alignment';
import { useObjectUrl } from '@/components/hooks';
import { ScoreBadge } from '@/components/ScoreBadge';
import { StepFields } from '@/components/StepFields';
import type { TaggingPatch } from '@/components/StepTagging';
import { KIND_NAMES } from './ScreenshotDialog';
import { PageContextFacts } from './PageContextFacts';
import { StepSummary } from './StepSummary';

export type StepPatch = TaggingPatch & { scores?: Record<string, PillarScore>; severity?: number };

interface Props {
  step: Step;
  index: number;
  count: number;
  session: Session;
  shots: readonly Screenshot[];
  readOnly: boolean;
  /** Open for editing; folded, the step is one scannable row. */
  expanded: boolean;
  onToggle(): void;
  noteState?: 'saving' | 'saved' | 'error';
  pendingNote?: string;
  image(shotId: string, variant: ImageVariant): Promise<Blob | undefined>;
  onNoteInput(note: string): void;
  onUpdate(patch: StepPatch): void;
  onMove(direction: -1 | 1): void;
  onDelete(): void;
  onOpenShot(shot: Screenshot, title: string): void;
  /** Drag and drop: a drag of this step started, or another was dropped on it (before or after). */
  onDragStart(): void;
  onDrop(after: boolean): void;
}

/** One step of the review: its screenshots on the left, everything said about it on the right. */
export function ReviewStep(props: Props) {
  const { step, index, count, session, shots, readOnly } = props;
  const number = index + 1;
  const title = step.pageTitle || shortUrl(step.url) || 'Untitled step';
  const href = safeHttpUrl(step.url);
  const [dropAt, setDropAt] = useState<'before' | 'after' | null>(null);

  return (
    <article
      id={`step-${step.id}`}
      data-keyboard-scope
      tabIndex={-1}
      class={`review-step${props.expanded ? ' is-expanded' : ''}${dropAt ? ` drop-${dropAt}` : ''}`}
      aria-label={`Step ${number}: ${title}`}
      onDragOver={(e) => {
        // Only a step's own drag handle starts a drag the view knows of; anything else is ignored on drop.
        if (readOnly) return;
        e.preventDefault();
        const box = e.currentTarget.getBoundingClientRect();
        setDropAt(e.clientY > box.top + box.height / 2 ? 'after' : 'before');
      }}
      onDragLeave={() => setDropAt(null)}
      onDrop={(e) => {
        e.preventDefault();
        const after = dropAt === 'after';
        setDropAt(null);
        props.onDrop(after);
      }}
    >
      <div class="review-media">
        {shots.length === 0 ? (
          <div class="no-shot">
            <span aria-hidden="true">✎</span>
            Text-only step
          </div>
        ) : (
          shots.map((shot, i) => (
            <ShotThumb
              key={shot.id}
              shot={shot}
              label={`Step ${number}, screenshot ${i + 1} of ${shots.length}`}
              load={() => props.image(shot.id, 'thumb')}
              onOpen={props.onOpenShot}
            />
          ))
        )}
      </div>
      <div class="review-content">
        <header class="review-step-head">
          <span class="step-number" aria-hidden="true">
            {number}
          </span>
          <div class="review-step-meta">
            <h3 class="step-title">{title}</h3>
            <p class="step-url">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {shortUrl(step.url)}
                </a>
              ) : (
                step.url || 'Observed off-screen'
              )}
            </p>
            <p class="step-time">
              <time dateTime={new Date(step.capturedAt).toISOString()}>{formatClock(step.capturedAt)}</time>
              {shots.length > 0 && ` · ${formatDuration(step.sincePreviousMs)}`}
            </p>
          </div>
          <ScoreBadge score={stepAlignment(step.scores, session.rubric)} label={`Step ${number} alignment`} />
        </header>
        {props.expanded ? (
          <div class="review-fields">
            <StepFields
              step={step}
              number={number}
              rubric={session.rubric}
              stages={session.stages}
              noteState={props.noteState}
              pendingNote={props.pendingNote}
              readOnly={readOnly}
              onNoteInput={props.onNoteInput}
              onScore={(pillarId, score) => props.onUpdate({ scores: { [pillarId]: score } })}
              onSeverity={(severity) => props.onUpdate({ severity })}
              onTagging={props.onUpdate}
            />
          </div>
        ) : (
          <>
            <StepSummary step={step} rubric={session.rubric} pendingNote={props.pendingNote} />
            {/* An open step shows the context inside StepFields; a folded one shows it here. */}
            <PageContextFacts context={step.context} />
          </>
        )}
        <div class="review-step-actions">
          <button type="button" class="edit-toggle" aria-expanded={props.expanded} onClick={props.onToggle}>
            {readOnly ? 'Details' : 'Edit'}
            <span class="visually-hidden"> step {number}</span>
          </button>
          {!readOnly && (
            <>
              <span
                class="drag-handle"
                draggable
                title="Drag to reorder"
                aria-hidden="true"
                onDragStart={(e) => {
                  e.dataTransfer?.setData('application/x-mystery-step', step.id);
                  if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                  props.onDragStart();
                }}
              >
                ⠿ Drag
              </span>
              <button type="button" data-move="up" aria-keyshortcuts="Alt+ArrowUp" disabled={index === 0} onClick={() => props.onMove(-1)}>
                <span aria-hidden="true">↑ </span>Move up
              </button>
              <button type="button" data-move="down" aria-keyshortcuts="Alt+ArrowDown" disabled={index === count - 1} onClick={() => props.onMove(1)}>
                <span aria-hidden="true">↓ </span>Move down
              </button>
              <button type="button" class="link danger-text" onClick={props.onDelete}>
                Delete step {number}
              </button>
            </>
          )}
        </div>
      </div>
    </article>
  );
}

function ShotThumb({ shot, label, load, onOpen }: { shot: Screenshot; label: string; load(): Promise<Blob | undefined>; onOpen(shot: Screenshot, title: string): void }) {
  // Saving annotations redraws the thumbnail: a new version loads the new pixels.
  const url = useObjectUrl(load, `${shot.id}:${shot.thumbBytes}:${shot.annotations.length}`);
  const part = shot.part && shot.part.count > 1 ? ` · part ${shot.part.index} of ${shot.part.count}` : '';
  return (
    <figure class="shot-thumb">
      <button type="button" aria-label={`View ${label.toLowerCase()} full size`} aria-haspopup="dialog" onClick={() => onOpen(shot, label)}>
        {url ? <img src={url} alt="" /> : <span class="thumb-placeholder" />}
      </button>
      <figcaption>
        <span>
          {KIND_NAMES[shot.kind]}
          {part}
          {shot.annotations.length > 0 && ` · ${shot.annotations.length} marks`}
        </span>
        <a href={annotatePagePath(shot.id)} target="_blank" rel="noopener" aria-label={`Annotate ${label.toLowerCase()}`}>
          Annotate
        </a>
      </figcaption>
    </figure>
  );
}
