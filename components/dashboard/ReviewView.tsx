import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { userMessage, type AppError } from '@/lib/errors';
import { browserName, shortUrl } from '@/lib/format';
import { brandAlignmentScore, formatScore } from '@/lib/scoring/alignment';
import { stageRuns } from '@/lib/step/order';
import type { Screenshot, Step } from '@/lib/schemas';
import type { TrashReceipt } from '@/lib/step/trash';
import { useScreenshots, useSession, useSteps } from '@/components/data/useSession';
import { useTeamCopy } from '@/components/data/useWorkspace';
import { loadImage } from '@/components/data/reads';
import { useNoteSaver } from '@/components/useNoteSaver';
import { Alert } from '@/components/Alert';
import { ScoreBadge } from '@/components/ScoreBadge';
import { ReviewStep, type StepPatch } from './ReviewStep';
import { ScreenshotDialog } from './ScreenshotDialog';
import { AddTextStep } from './AddTextStep';
import { RunAgainForm } from './RunAgainForm';
import { focusStep, useReviewKeys } from './useReviewKeys';
import { useStepReorder } from './useStepReorder';
import './review.css';
import { StatusPill } from '@/components/StatusPill';

interface Props {
  sessionId: string;
  /** A step to show unfolded and focused on arrival (a link from the team friction view). */
  stepId?: string;
  onBack(): void;
  /** Opens another session, e.g. the one "Run again" created. */
  onOpen(sessionId: string): void;
}

type Form = 'none' | 'text' | 'again';

/** Review and edit one session: every step by stage, edited in place; reorder, delete, add, run again. */
export function ReviewView({ sessionId, stepId, onBack, onOpen }: Props) {
  // null while loading, undefined when there is no such session.
  const session = useSession(sessionId, null);
  const steps = useSteps(sessionId);
  const shots = useScreenshots(sessionId);
  const { noteSaver, noteStates } = useNoteSaver();
  const teamCopy = useTeamCopy(sessionId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<Form>('none');
  // Folded steps scan like a list; j / k unfold one at a time, like the panel; "Unfold all" for a read-through.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [allOpen, setAllOpen] = useState(false);
  const toggle = (id: string) => setOpen((now) => (now.has(id) ? new Set([...now].filter((x) => x !== id)) : new Set([...now, id])));
  const [undo, setUndo] = useState<(TrashReceipt & { stepId: string }) | null>(null);
  const [viewing, setViewing] = useState<{ shot: Screenshot; title: string; from: HTMLElement | null } | null>(null);
  async function run<T>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>): Promise<T | undefined> {
    setBusy(true);
    try {
      const reply = await action();
      setError(reply.ok ? null : userMessage(reply.error));
      return reply.ok ? reply.value : undefined;
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), Math.max(0, undo.undoUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [undo]);

  // Once, when the linked step has loaded: unfolded and focused (which scrolls it into view).
  const [arrived, setArrived] = useState<string | null>(null);
  useEffect(() => {
    if (!stepId || arrived === stepId || !steps.some((s) => s.id === stepId)) return;
    setArrived(stepId);
    setOpen(new Set([stepId]));
    focusStep(stepId);
  }, [arrived, stepId, steps]);

  const reordering = useStepReorder(sessionId, steps, run);
  const { order, move } = reordering;
  const update = (step: Step, patch: StepPatch) => void run(() => sendRequest('step.update', { stepId: step.id, patch }));
  useReviewKeys(session ?? undefined, steps, { move, update, open: (id) => setOpen(new Set([id])), moving: reordering.moving });

  async function remove(step: Step) {
    const next = steps[steps.indexOf(step) + 1] ?? steps[steps.indexOf(step) - 1];
    const receipt = await run(() => sendRequest('step.delete', { stepId: step.id }));
    if (!receipt) return;
    setUndo({ ...receipt, stepId: step.id });
    // Focus goes to the Undo offer, so a keyboard user can take it back at once.
    requestAnimationFrame(() => {
      const offer = document.getElementById('undo-delete');
      if (offer) offer.focus();
      else if (next) focusStep(next.id);
    });
  }

  if (session === null) return <p class="muted">Loading…</p>;
  if (session === undefined)
    return (
      <section class="review">
        <p>This session no longer exists. It may have been deleted.</p>
        <button type="button" onClick={onBack}>
          Back to all sessions
        </button>
      </section>
    );

  // A team session downloaded to read is the author's: read-only here, whatever its status.
  const readOnly = session.status === 'completed' || !!teamCopy;
  const alignment = brandAlignmentScore(steps, session.rubric);
  const stageName = (id: string | null) => session.stages.find((s) => s.id === id)?.name ?? 'No stage';
  const site = shortUrl(session.startUrl);

  return (
    <section class="review" aria-labelledby="review-title">
      <header class="review-header">
        <button type="button" class="link back" onClick={onBack}>
          ← All sessions
        </button>
        <div class="review-title-row">
          <div>
            <h1 id="review-title">{session.title}</h1>
            <p class="muted">
              {[session.brand, site, `${steps.length} ${steps.length === 1 ? 'step' : 'steps'}`, session.rubric.name].filter(Boolean).join(' · ')}{' '}
              <StatusPill status={session.status} />
            </p>
          </div>
          <div class="bas">
            <ScoreBadge score={alignment.score} label="Brand Alignment Score" />
            <div>
              <strong>Brand Alignment</strong>
              <span class="muted small">
                {formatScore(alignment.score)} over {alignment.scoredSteps} scored {alignment.scoredSteps === 1 ? 'step' : 'steps'}
              </span>
            </div>
          </div>
        </div>
        {session.promise && <p class="promise">{session.promise}</p>}
        <div class="review-toolbar">
          {!readOnly && (
            <button type="button" aria-expanded={form === 'text'} onClick={() => setForm(form === 'text' ? 'none' : 'text')}>
              Add a text-only step
            </button>
          )}
          <button type="button" aria-expanded={form === 'again'} onClick={() => setForm(form === 'again' ? 'none' : 'again')}>
            Run again…
          </button>
          <button type="button" aria-pressed={allOpen} onClick={() => (setAllOpen(!allOpen), setOpen(new Set()))}>
            {allOpen ? 'Fold all steps' : 'Unfold all steps'}
          </button>
          <span class="muted small keys-hint">
            Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous step · <kbd>e</kbd> note · digits score · <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> move step
          </span>
        </div>
      </header>
      <Alert message={error} onDismiss={() => setError(null)} />
      {teamCopy && (
        <div class="reopen card" role="note">
          <p>
            <strong>{teamCopy.authorName}’s session</strong> from the team workspace (revision {teamCopy.rev}). Only its author can edit it; make a copy to work on it
            as your own.
          </p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => void run(() => sendRequest('workspace.copy', { sessionId })).then((made) => made && onOpen(made.sessionId))}
          >
            Make a copy
          </button>
        </div>
      )}
      {readOnly && !teamCopy && (
        <div class="reopen card" role="note">
          <p>
            <strong>This session is completed</strong>, so it is read-only: it is what the client was told. Reopen it to fix a note or a score; it becomes paused, and
            you complete it again when done.
          </p>
          <button type="button" class="primary" disabled={busy} onClick={() => void run(() => sendRequest('session.setStatus', { sessionId, status: 'paused' }))}>
            Reopen to edit
          </button>
        </div>
      )}
      {form === 'again' && (
        <RunAgainForm
          session={session}
          busy={busy}
          onCancel={() => setForm('none')}
          onRun={async (values) => {
            const ua = navigator as Navigator & { userAgentData?: { brands: { brand: string; version: string }[] } };
            const created = await run(() =>
              sendRequest('session.runAgain', {
                sessionId,
                ...values,
                // The new walk may be on another device; the panel's page is not known from here.
                environment: { userAgent: navigator.userAgent, browser: browserName(navigator.userAgent, ua.userAgentData?.brands), viewport: null, devicePixelRatio },
              }),
            );
            if (created) {
              setForm('none');
              onOpen(created.id);
            }
          }}
        />
      )}
      {form === 'text' && !readOnly && (
        <AddTextStep
          steps={steps}
          stages={session.stages}
          busy={busy}
          onCancel={() => setForm('none')}
          onAdd={async (values) => {
            const step = await run(() => sendRequest('step.addText', { sessionId, ...values }));
            if (step) {
              setForm('none');
              setOpen((now) => new Set([...now, step.id]));
              focusStep(step.id, 'textarea');
            }
          }}
        />
      )}
      {steps.length === 0 && <p class="empty">No steps in this session yet. Capture them from the side panel, or add a text-only step.</p>}
      {stageRuns(steps).map((group) => (
        <section key={`${group.start}-${group.stageId}`} class="stage-group" aria-labelledby={`stage-${group.start}`}>
          <h2 id={`stage-${group.start}`} class="stage-heading">
            {stageName(group.stageId)}
            <span class="muted">
              {' '}
              · {group.steps.length > 1 ? 'steps' : 'step'} {group.start + 1}
              {group.steps.length > 1 && `–${group.start + group.steps.length}`}
            </span>
          </h2>
          {group.steps.map((step, i) => (
            <ReviewStep
              key={step.id}
              step={step}
              index={group.start + i}
              count={steps.length}
              session={session}
              shots={shots.get(step.id) ?? []}
              readOnly={readOnly}
              expanded={allOpen || open.has(step.id)}
              onToggle={() => (allOpen ? (setAllOpen(false), setOpen(new Set(order.filter((id) => id !== step.id)))) : toggle(step.id))}
              noteState={noteStates[step.id]}
              pendingNote={noteSaver.pending(step.id)}
              image={loadImage}
              onNoteInput={(note) => noteSaver.input(step.id, note)}
              onUpdate={(patch) => update(step, patch)}
              onMove={(direction) => move(step.id, direction)}
              onDelete={() => void remove(step)}
              onOpenShot={(shot, title) => setViewing({ shot, title, from: document.activeElement as HTMLElement | null })}
              onDragStart={() => reordering.dragStart(step.id)}
              onDrop={(after) => reordering.drop(step.id, after)}
            />
          ))}
        </section>
      ))}
      {undo && (
        <div class="undo-bar" role="status">
          <span>{undo.label} deleted.</span>
          <button
            type="button"
            id="undo-delete"
            onClick={async () => {
              const receipt = undo;
              setUndo(null);
              if (await run(() => sendRequest('trash.restore', { trashId: receipt.trashId }))) focusStep(receipt.stepId);
            }}
          >
            Undo
          </button>
        </div>
      )}
      {viewing && (
        <ScreenshotDialog
          shot={viewing.shot}
          title={viewing.title}
          loadFull={() => loadImage(viewing.shot.id, 'full')}
          onClose={() => {
            viewing.from?.focus();
            setViewing(null);
          }}
        />
      )}
    </section>
  );
}
