import type { AppDB } from './db';
import { AppFailure } from './errors';
import { DEFAULT_STAGE_NAMES } from './rubrics';
import { findRubric } from './rubric-store';
import { scoreProblem, stageProblem } from './step/rules';
import {
  SessionSchema,
  type Environment,
  type PillarScore,
  type Session,
  type SessionStatus,
  type Step,
} from './schemas';

// Writes to sessions and steps. Only the background calls these: it is the single writer,
// so two panels in two windows can never interleave half-applied changes.

export interface NewSessionInput {
  title: string;
  brand: string;
  startUrl: string;
  promise: string;
  rubricId: string;
  persona?: string;
  scenario?: string;
  /** Journey stage names in order; the defaults when absent. */
  stages?: string[];
  tags?: string[];
  /** The audited tab, where JavaScript errors are watched. */
  tabId?: number;
  /** Follow this tab and capture each page load in it from the start. */
  autoCapture?: { tabId: number };
}

export interface Clock {
  now(): number;
  newId(): string;
}

/** Starts a session and makes it the active one; any other active session is paused. */
export async function startSession(db: AppDB, input: NewSessionInput, environment: Environment, clock: Clock): Promise<Session> {
  // Built-ins first, then the team's saved rubrics.
  const template = await findRubric(db, input.rubricId);
  if (!template) throw new AppFailure({ kind: 'not-found', what: 'rubric' });
  const now = clock.now();
  const session = SessionSchema.parse({
    id: clock.newId(),
    title: input.title,
    brand: input.brand,
    startUrl: input.startUrl,
    promise: input.promise,
    persona: input.persona ?? '',
    scenario: input.scenario ?? '',
    stages: (input.stages?.length ? input.stages : DEFAULT_STAGE_NAMES).map((name) => ({ id: clock.newId(), name })),
    tags: [...new Set(input.tags ?? [])],
    status: 'active',
    verdict: '',
    // A snapshot: SessionSchema.parse builds fresh objects, so nothing is shared with the template
    // and a later edit or deletion of a saved rubric leaves this session's scores as they were.
    rubric: template,
    environment,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    autoCapture: input.autoCapture !== undefined,
    tabId: input.autoCapture?.tabId ?? input.tabId ?? null,
  });
  await db.transaction('rw', db.sessions, async () => {
    await pauseOthers(db, session.id, now);
    await db.sessions.add(session);
  });
  return session;
}

export interface RunAgainInput {
  title: string;
  brand: string;
  startUrl: string;
}

/**
 * A new session walking the same journey as `sessionId` (a re-audit, or a competitor with another
 * brand and start URL): same promise, persona, scenario, tags, stages and the same rubric snapshot,
 * so the two compare pillar by pillar and stage by stage. Stage ids are kept for the same reason.
 * It becomes the active session, like one just started.
 */
export async function runAgain(db: AppDB, sessionId: string, input: RunAgainInput, environment: Environment, clock: Clock): Promise<Session> {
  return db.transaction('rw', db.sessions, async () => {
    const original = await db.sessions.get(sessionId);
    if (!original) throw new AppFailure({ kind: 'not-found', what: 'session' });
    const now = clock.now();
    const session = SessionSchema.parse({
      ...original,
      id: clock.newId(),
      ...input,
      status: 'active',
      verdict: '',
      seq: {},
      ces: null,
      environment,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    });
    await pauseOthers(db, session.id, now);
    await db.sessions.add(session);
    return session;
  });
}

async function pauseOthers(db: AppDB, keepId: string, now: number) {
  await db.sessions
    .where('status')
    .equals('active')
    .and((s) => s.id !== keepId)
    .modify({ status: 'paused', updatedAt: now, autoCapture: false });
}

export async function setSessionStatus(db: AppDB, sessionId: string, status: SessionStatus, now: number): Promise<Session> {
  return db.transaction('rw', db.sessions, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
    if (status === 'active') await pauseOthers(db, sessionId, now);
    const changes: Partial<Session> = {
      status,
      updatedAt: now,
      completedAt: status === 'completed' ? now : null,
      // Auto-capture stops with any change of status: a paused shopper may browse privately, and
      // a resumed session (perhaps imported from another browser) must be told its tab again.
      ...(session.autoCapture !== undefined || session.tabId !== undefined ? { autoCapture: false, tabId: null } : {}),
    };
    await db.sessions.update(sessionId, changes);
    return { ...session, ...changes };
  });
}

/**
 * Switches auto-capture on (following `tabId`) or off. Only a session still recording can
 * switch it on; switching off is always allowed, so a stale panel can stop it.
 */
export async function setAutoCapture(db: AppDB, sessionId: string, change: { on: true; tabId: number } | { on: false }, now: number): Promise<Session> {
  return db.transaction('rw', db.sessions, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
    if (change.on && session.status !== 'active') throw new AppFailure({ kind: 'session-not-active', status: session.status });
    const changes: Partial<Session> = change.on ? { autoCapture: true, tabId: change.tabId, updatedAt: now } : { autoCapture: false, updatedAt: now };
    await db.sessions.update(sessionId, changes);
    return { ...session, ...changes };
  });
}

/** The tab a capture of the session came from, so its next pages get the error listener. */
export async function rememberAuditedTab(db: AppDB, sessionId: string, tabId: number): Promise<void> {
  await db.sessions.where('id').equals(sessionId).and((s) => s.status === 'active' && s.tabId !== tabId).modify({ tabId });
}

/** Tab ids do not survive a browser restart: no session may follow a stranger's tab. */
export async function forgetAuditedTabs(db: AppDB): Promise<void> {
  await db.sessions.where('status').equals('active').modify({ autoCapture: false, tabId: null });
}

export interface SessionPatch {
  seq?: Record<string, number | null>;
  ces?: number | null;
  verdict?: string;
}

/** The shopper's answers about the session: SEQ per stage (merged), CES and the verdict. */
export async function updateSession(db: AppDB, sessionId: string, patch: SessionPatch, now: number): Promise<Session> {
  return db.transaction('rw', db.sessions, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
    if (session.status === 'completed') throw new AppFailure({ kind: 'session-not-active', status: session.status });
    const changes: Partial<Session> = { updatedAt: now };
    if (patch.seq) {
      for (const stageId of Object.keys(patch.seq))
        if (!session.stages.some((s) => s.id === stageId))
          throw new AppFailure({ kind: 'invalid-message', detail: `no stage "${stageId}" in this session` });
      changes.seq = { ...(session.seq ?? {}), ...patch.seq };
    }
    if (patch.ces !== undefined) changes.ces = patch.ces;
    if (patch.verdict !== undefined) changes.verdict = patch.verdict;
    await db.sessions.update(sessionId, changes);
    return { ...session, ...changes };
  });
}

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
      const problem = stageProblem(session, patch.stageId);
      if (problem) throw new AppFailure({ kind: 'invalid-message', detail: problem });
      changes.stageId = patch.stageId;
    }
    if (patch.scores) {
      const scores = { ...step.scores };
      for (const [pillarId, value] of Object.entries(patch.scores)) {
        const problem = scoreProblem(session.rubric, pillarId, value);
        if (problem) throw new AppFailure({ kind: 'invalid-message', detail: problem });
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
