import type { PillarScore, Rubric, Session, Step } from '../schemas';

// The rules a step must pass whoever writes it: the shopper's edits (update.ts, edits.ts) and an
// imported bundle (bundle/references.ts) ask the same functions, so an import can never store what
// an edit would refuse. Pure: imports only schemas' types.

/** Why `value` cannot be the score of `pillarId` under `rubric`, or null when it can. */
export function scoreProblem(rubric: Rubric, pillarId: string, value: PillarScore | null): string | null {
  if (!rubric.pillars.some((p) => p.id === pillarId)) return `no pillar "${pillarId}" in this session's rubric`;
  const { min, max } = rubric.scale;
  if (typeof value === 'number' && (value < min || value > max)) return `score ${value} is outside the scale ${min}–${max}`;
  return null;
}

/** Why a step cannot sit in stage `stageId` of `session`, or null when it can (null is no stage). */
export function stageProblem(session: Session, stageId: string | null): string | null {
  if (stageId === null || session.stages.some((stage) => stage.id === stageId)) return null;
  return `"${stageId}" is not a stage of session "${session.id}"`;
}

/**
 * The first step (by index) that breaks a rule within its session, with the field and what is
 * wrong: a stage the session lacks, a score off its rubric, or a position another step holds.
 */
export function stepsProblem(sessionOf: (step: Step) => Session, steps: readonly Step[]): { index: number; field: string; problem: string } | null {
  const taken = new Map<string, Step>();
  for (const [index, step] of steps.entries()) {
    const session = sessionOf(step);
    const stage = stageProblem(session, step.stageId);
    if (stage) return { index, field: 'stageId', problem: stage };
    for (const [pillarId, value] of Object.entries(step.scores)) {
      const problem = scoreProblem(session.rubric, pillarId, value);
      if (problem) return { index, field: `scores.${pillarId}`, problem };
    }
    // Positions are the journey's order: two steps in one place would show in a random order.
    const key = `${step.sessionId}\u0000${step.position}`;
    const other = taken.get(key);
    if (other) return { index, field: 'position', problem: `${step.position} is also the position of step "${other.id}" in session "${session.id}"` };
    taken.set(key, step);
  }
  return null;
}
