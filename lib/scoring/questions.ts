import type { Session, Stage, Step } from '../schemas';

// When to ask the shopper the standard effort questions. Pure, so the panel and any later
// dashboard ask at the same moments.

export const SEQ_LABELS = ['Very difficult', 'Difficult', 'Somewhat difficult', 'Neutral', 'Somewhat easy', 'Easy', 'Very easy'] as const;
export const CES_LABELS = ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neutral', 'Somewhat agree', 'Agree', 'Strongly agree'] as const;

/** Stages the shopper has left: a step of the stage is followed by a step of another stage. */
export function endedStages(steps: ReadonlyArray<Pick<Step, 'position' | 'stageId'>>): string[] {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const ended: string[] = [];
  for (let i = 0; i + 1 < ordered.length; i++) {
    const here = ordered[i]!.stageId;
    if (here && ordered[i + 1]!.stageId !== here && !ended.includes(here)) ended.push(here);
  }
  return ended;
}

/** The first ended stage whose Single Ease Question is neither answered nor skipped. */
export function pendingSeqStage(session: Pick<Session, 'stages' | 'seq'>, steps: ReadonlyArray<Pick<Step, 'position' | 'stageId'>>): Stage | null {
  const asked = session.seq ?? {};
  for (const stageId of endedStages(steps)) {
    if (stageId in asked) continue;
    const stage = session.stages.find((s) => s.id === stageId);
    if (stage) return stage;
  }
  return null;
}

/** Stages with steps whose SEQ is still open when the session completes (the last one, usually). */
export function unansweredStages(session: Pick<Session, 'stages' | 'seq'>, steps: ReadonlyArray<Pick<Step, 'stageId'>>): Stage[] {
  const asked = session.seq ?? {};
  const used = new Set(steps.map((s) => s.stageId));
  return session.stages.filter((s) => used.has(s.id) && !(s.id in asked));
}
