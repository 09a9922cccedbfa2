import type { Transaction } from 'dexie';

// Frozen: the version 3 upgrade and everything it runs, copied as they were when v3 last changed
// (d194314). A migration must do tomorrow exactly what it did on the day it shipped, so nothing
// here imports app code (lib/library.ts and lib/scoring.ts may change; this may not). Never edit
// this file; a new need is a new version with a module of its own.

/** A rubric as v3 stored it inside a session. */
export interface RubricV3 {
  id: string;
  name: string;
  pillars: ReadonlyArray<{ id: string; weight: number }>;
  scale: { min: number; max: number };
}

export interface SessionV3 {
  id: string;
  updatedAt: number;
  title: string;
  brand: string;
  startUrl: string;
  status: string;
  createdAt: number;
  tags?: string[];
  rubric: RubricV3;
}

export interface StepV3 {
  id: string;
  sessionId: string;
  position: number;
  scores?: Record<string, number | 'na'>;
  severity?: number | null;
  tags?: string[];
  note?: string;
  url: string;
  pageTitle: string;
}

export interface ScreenshotV3 {
  id: string;
  stepId: string;
  sessionId: string;
  bytes: number;
  thumbBytes: number;
  createdAt: number;
}

/** The library row v3 (as of d194314) stores per session. */
export interface SummaryV3 {
  sessionId: string;
  sessionUpdatedAt: number;
  title: string;
  brand: string;
  startUrl: string;
  status: string;
  createdAt: number;
  tags: string[];
  rubricId: string;
  rubricName: string;
  stepCount: number;
  scoredSteps: number;
  bas: number | null;
  worstSeverity: number | null;
  thumbScreenshotId: string | null;
  bytes: number;
}

export interface SearchTextV3 {
  sessionId: string;
  text: string;
}

const MAX_SEARCH_CHARS = 20_000;

function stepAlignment(scores: Readonly<Record<string, number | 'na'>>, rubric: RubricV3): number | null {
  let weighted = 0;
  let totalWeight = 0;
  const { min, max } = rubric.scale;
  for (const pillar of rubric.pillars) {
    const score = scores[pillar.id];
    if (typeof score !== 'number') continue;
    weighted += ((Math.min(max, Math.max(min, score)) - min) / (max - min)) * pillar.weight;
    totalWeight += pillar.weight;
  }
  return totalWeight === 0 ? null : (weighted / totalWeight) * 100;
}

/** lib/library.ts's summariseSession as of d194314, with its scoring inlined. */
export function summariseV3(session: SessionV3, steps: readonly StepV3[], screenshots: readonly ScreenshotV3[]): { summary: SummaryV3; search: SearchTextV3 } {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  let worst: number | null = null;
  const tags = new Set<string>(session.tags ?? []);
  const text: string[] = [];
  let sum = 0;
  let scored = 0;
  for (const step of ordered) {
    if (typeof step.severity === 'number') worst = Math.max(worst ?? 0, step.severity);
    for (const tag of step.tags ?? []) tags.add(tag);
    text.push(step.note ?? '', step.url, step.pageTitle, ...(step.tags ?? []));
    const alignment = stepAlignment(step.scores ?? {}, session.rubric);
    if (alignment === null) continue;
    sum += alignment;
    scored += 1;
  }
  const position = new Map(ordered.map((s, i) => [s.id, i]));
  let first: { id: string; at: [number, number] } | null = null;
  let bytes = 0;
  for (const shot of screenshots) {
    bytes += shot.bytes + shot.thumbBytes;
    const at: [number, number] = [position.get(shot.stepId) ?? Infinity, shot.createdAt];
    if (!first || at[0] < first.at[0] || (at[0] === first.at[0] && at[1] < first.at[1])) first = { id: shot.id, at };
  }
  return {
    summary: {
      sessionId: session.id,
      sessionUpdatedAt: session.updatedAt,
      title: session.title,
      brand: session.brand,
      startUrl: session.startUrl,
      status: session.status,
      createdAt: session.createdAt,
      tags: [...tags].sort(),
      rubricId: session.rubric.id,
      rubricName: session.rubric.name,
      stepCount: ordered.length,
      scoredSteps: scored,
      bas: scored === 0 ? null : sum / scored,
      worstSeverity: worst,
      thumbScreenshotId: first?.id ?? null,
      bytes,
    },
    search: { sessionId: session.id, text: text.filter(Boolean).join('\n').toLowerCase().slice(0, MAX_SEARCH_CHARS) },
  };
}

/** Rows grouped by their session id. */
export function bySession<T extends { sessionId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.sessionId);
    if (list) list.push(row);
    else map.set(row.sessionId, [row]);
  }
  return map;
}

/** Builds a summary and a search text per session from the records as stored. */
export async function upgradeV3(tx: Transaction): Promise<void> {
  // A v1 step may lack fields added later, which the summary does not need.
  const sessions: SessionV3[] = await tx.table('sessions').toArray();
  const stepsOf = bySession<StepV3>(await tx.table('steps').toArray());
  const shotsOf = bySession<ScreenshotV3>(await tx.table('screenshots').toArray());
  const built = sessions.map((s) => summariseV3(s, stepsOf.get(s.id) ?? [], shotsOf.get(s.id) ?? []));
  await tx.table('summaries').bulkPut(built.map((b) => b.summary));
  await tx.table('searchTexts').bulkPut(built.map((b) => b.search));
}
