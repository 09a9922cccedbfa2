import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { DEFAULT_STAGE_NAMES } from '../rubric/builtin';
import { findRubric } from '../rubric/store';
import { SessionSchema, type Environment, type Session, type SessionStatus } from '../schemas';

// lib/session/ — a session's life: start, run again, pause/resume/complete, the shopper's answers
// (lifecycle.ts), and the tab it follows (tabs.ts). May import core (schemas, errors, ids), db/ and
// rubric/; nothing above (capture/, browser/, messages) and never components/ or entrypoints/.
//
// Writes to sessions. Only the background calls these: it is the single writer,
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
