import type { AppDB } from '../db';
import { stepsOfSession } from '../db/queries';
import { AppFailure } from '../errors';
import { insertionIndex, permutationProblem } from './order';
import type { Clock } from '../session/lifecycle';
import { StepSchema, type Session, type Step } from '../schemas';

// Edits to a session's list of steps made while reviewing it: reordering and adding a step seen
// off-screen. Positions are renumbered 0…n−1 in the same transaction as the change, so a reader
// never sees two steps claim one place, and the [sessionId+position] index stays the journey order.

async function editableSession(db: AppDB, sessionId: string): Promise<Session> {
  const session = await db.sessions.get(sessionId);
  if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
  // Same rule as updateStep: a completed audit is reopened first, on purpose.
  if (session.status === 'completed') throw new AppFailure({ kind: 'session-not-active', status: session.status });
  return session;
}


/** Writes positions 0…n−1 in `order`, touching only steps whose position changes. */
async function renumber(db: AppDB, order: readonly Step[], now: number) {
  const moved = order.map((step, position) => ({ step, position })).filter(({ step, position }) => step.position !== position);
  await Promise.all(moved.map(({ step, position }) => db.steps.update(step.id, { position, updatedAt: now })));
}

/**
 * Puts the session's steps in the order given. The whole order is sent (not "move X by one"), so a
 * page showing a stale list is refused rather than producing an order nobody saw.
 */
export async function reorderSteps(db: AppDB, sessionId: string, orderedStepIds: readonly string[], now: number): Promise<string[]> {
  return db.transaction('rw', [db.sessions, db.steps], async () => {
    await editableSession(db, sessionId);
    const steps = await stepsOfSession(db, sessionId);
    const problem = permutationProblem(
      steps.map((s) => s.id),
      orderedStepIds,
    );
    if (problem) throw new AppFailure({ kind: 'invalid-message', detail: `the new order does not match the session: ${problem}; reload and try again` });
    const byId = new Map(steps.map((s) => [s.id, s]));
    await renumber(db, orderedStepIds.map((id) => byId.get(id)!), now);
    await db.sessions.update(sessionId, { updatedAt: now });
    return [...orderedStepIds];
  });
}

export interface TextStepInput {
  sessionId: string;
  stageId: string | null;
  /** The step it follows; absent puts it first. */
  afterStepId?: string;
  title: string;
  note: string;
}

/**
 * Adds a step with no screenshot, for something observed off-screen (a phone call, a letter). It
 * takes the time of the step before it, so time on task is not stretched by when it was written up.
 */
export async function addTextStep(db: AppDB, input: TextStepInput, clock: Clock): Promise<Step> {
  return db.transaction('rw', [db.sessions, db.steps], async () => {
    const session = await editableSession(db, input.sessionId);
    if (input.stageId !== null && !session.stages.some((s) => s.id === input.stageId))
      throw new AppFailure({ kind: 'invalid-message', detail: `no stage "${input.stageId}" in this session` });
    const steps = await stepsOfSession(db, input.sessionId);
    if (input.afterStepId !== undefined && !steps.some((s) => s.id === input.afterStepId))
      throw new AppFailure({ kind: 'not-found', what: 'step' });
    const at = insertionIndex(
      steps.map((s) => s.id),
      input.afterStepId,
    );
    const previous = steps[at - 1];
    const now = clock.now();
    const step = StepSchema.parse({
      id: clock.newId(),
      sessionId: input.sessionId,
      position: at,
      stageId: input.stageId,
      capturedAt: previous?.capturedAt ?? steps[0]?.capturedAt ?? now,
      sincePreviousMs: previous ? 0 : null,
      url: '',
      pageTitle: input.title.trim() || 'Observed off-screen',
      note: input.note,
      viewport: null,
      devicePixelRatio: null,
      context: null,
      updatedAt: now,
    });
    await renumber(db, [...steps.slice(0, at), step, ...steps.slice(at)], now);
    await db.steps.add(step);
    await db.sessions.update(input.sessionId, { updatedAt: now });
    return step;
  });
}
