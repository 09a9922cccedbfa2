import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import type { PillarScore, Step } from '../schemas';

// The shopper's edit of one step, scores included: where a step is scored. Background-only.

export interface StepPatch {
  note?: string;
  scores?: Record<string, PillarScore | null>;
  severity?: number | null;
  stageId?: string;
  emotion?: number | null;
  momentOfTruth?: boolean;
  tags?: string[];
}

/**
 * Applies a partial edit. Scores are merged pillar by pillar (null clears one) and checked
 * against the session's own rubric snapshot, so a stale panel cannot store an off-scale value.
 */
export async function updateStep(db: AppDB, stepId: string, patch: StepPatch, now: number): Promise<Step> {
  return db.transaction('rw', [db.sessions, db.steps], async () => {
    const step = await db.steps.get(stepId);
    if (!step) throw new AppFailure({ kind: 'not-found', what: 'step' });
    const session = await db.sessions.get(step.sessionId);
    if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
    // A completed audit is what the client was told; a stale panel must not change it.
    if (session.status === 'completed') throw new AppFailure({ kind: 'session-not-active', status: session.status });
    const changes: Partial<Step> = { updatedAt: now };
    if (patch.note !== undefined) changes.note = patch.note;
    if (patch.severity !== undefined) changes.severity = patch.severity;
    if (patch.emotion !== undefined) changes.emotion = patch.emotion;
    if (patch.momentOfTruth !== undefined) changes.momentOfTruth = patch.momentOfTruth;
    if (patch.tags !== undefined) changes.tags = [...new Set(patch.tags)];
    if (patch.stageId !== undefined) {
      if (!session.stages.some((st) => st.id === patch.stageId))
        throw new AppFailure({ kind: 'invalid-message', detail: `no stage "${patch.stageId}" in this session` });
      changes.stageId = patch.stageId;
    }
    if (patch.scores) {
      const { min, max } = session.rubric.scale;
      const scores = { ...step.scores };
      for (const [pillarId, value] of Object.entries(patch.scores)) {
        if (!session.rubric.pillars.some((p) => p.id === pillarId))
          throw new AppFailure({ kind: 'invalid-message', detail: `no pillar "${pillarId}" in this session's rubric` });
        if (typeof value === 'number' && (value < min || value > max))
          throw new AppFailure({ kind: 'invalid-message', detail: `score ${value} is outside the scale ${min}–${max}` });
        if (value === null) delete scores[pillarId];
        else scores[pillarId] = value;
      }
      changes.scores = scores;
    }
    await db.steps.update(stepId, changes);
    await db.sessions.update(session.id, { updatedAt: now });
    return { ...step, ...changes };
  });
}
