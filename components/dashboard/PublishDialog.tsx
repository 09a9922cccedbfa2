import { useEffect, useRef } from 'preact/hooks';
import type { Screenshot } from '@/lib/schemas';
import { loadImage } from '../data/reads';
import { usePublishPreview } from '../data/useWorkspace';
import { useObjectUrl } from '../hooks';

interface Props {
  /** Sessions never published before: shown in full before anything leaves the device. */
  sessionIds: string[];
  onPublish(): void;
  onCancel(): void;
}

/** Before a first publish: what the team will see (steps, notes, screenshots), with time to redact first. */
export function PublishDialog({ sessionIds, onPublish, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const preview = usePublishPreview(sessionIds);
  return (
    <dialog ref={ref} class="confirm-dialog publish-preview" aria-labelledby="publish-title" onCancel={onCancel}>
      <h2 id="publish-title">Share with the team?</h2>
      <p>
        Everyone with access to the workspace folder will see these sessions: every step, its note, scores and tags, and every screenshot as it is now (annotations
        included, redactions burned in). Redact first if a screenshot shows something that must not be shared.
      </p>
      {preview.map(({ session, steps, shots }) => (
        <section key={session.id}>
          <h3>{session.title}</h3>
          <p class="muted">
            {steps.length} {steps.length === 1 ? 'step' : 'steps'}, {shots.length} {shots.length === 1 ? 'screenshot' : 'screenshots'}
          </p>
          <ul>
            {steps.map((step, i) => (
              <li key={step.id}>
                <span class="preview-shots">
                  {shots
                    .filter((shot) => shot.stepId === step.id)
                    .map((shot) => (
                      <PreviewThumb key={shot.id} shot={shot} alt={`Screenshot of step ${i + 1}`} />
                    ))}
                </span>
                <span class="preview-text">
                  {i + 1}. {step.pageTitle || step.url || 'Text step'}
                  {step.note && <span class="muted"> — {step.note.slice(0, 120)}</span>}
                </span>
                {/* The review view (annotate, redact, edit the note); the dialog closes as the route changes. */}
                <a href={`#/session/${encodeURIComponent(session.id)}/${encodeURIComponent(step.id)}`} aria-label={`Review step ${i + 1} of “${session.title}” to redact or edit it`} onClick={onCancel}>
                  Review
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div class="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" class="primary" onClick={onPublish}>
          Publish to the team
        </button>
      </div>
    </dialog>
  );
}

/** A step's thumbnail as it will be shared (annotations and burned redactions included). */
function PreviewThumb({ shot, alt }: { shot: Screenshot; alt: string }) {
  const url = useObjectUrl(() => loadImage(shot.id, 'thumb'), `${shot.id}:${shot.thumbBytes}:${shot.annotations.length}`);
  return url ? <img src={url} alt={alt} /> : <span class="thumb-placeholder" role="img" aria-label={alt} />;
}
