import { effortFigures, frictionCounts, pillarBreakdown, stagePillarTable, stageBreakdown, type EffortFigures, type FrictionCounts } from './breakdown';
import type { Rubric, Session, Step } from '../schemas';
import { brandAlignmentScore, formatScore } from './alignment';

// Two to four sessions side by side. Every figure comes from the same functions the panel and
// the report use (lib/scoring, lib/breakdown) run on each session; this module only decides what
// lines up with what and how far each session is from the baseline. Pure.

export interface CompareInput {
  session: Pick<Session, 'id' | 'title' | 'brand' | 'rubric' | 'stages'>;
  steps: ReadonlyArray<Pick<Step, 'id' | 'position' | 'capturedAt' | 'url' | 'stageId' | 'scores' | 'severity'>>;
}

/** One figure per session, and each session's distance from the baseline (null where either side has no figure). */
export interface Row {
  name: string;
  values: Array<number | null>;
  deltas: Array<number | null>;
}

export interface StageRow extends Row {
  /** false where the session has no stage of this name (its value is then null). */
  present: boolean[];
  /** Stage × pillar: one row per compared pillar. */
  cells: Row[];
}

export interface Comparison {
  baseline: number;
  /** True when every session scored against the same pillars, weights and scale. */
  sameRubric: boolean;
  /** What each session is scored on here: its rubric cut down to the shared pillars, in the baseline's order. */
  rubrics: Rubric[];
  /** Each session's own Brand Alignment Score (what its panel and report show). */
  ownScores: Array<number | null>;
  /** The compared score: the own score when rubrics are the same, else the score over shared pillars only. */
  score: Row;
  pillars: Row[];
  stages: StageRow[];
  effort: Row[];
  /** Steps per Nielsen severity 1–4, then unrated. */
  friction: Row[];
  notCompared: {
    /** Pillars some session lacks, with the indices of the sessions that have them. */
    pillars: Array<{ name: string; sessions: number[] }>;
    /** Stages some session lacks (their rows are in `stages` too, with gaps). */
    stages: Array<{ name: string; sessions: number[] }>;
  };
}

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

/**
 * Pillars and stages are matched by name, compared without case or extra spaces. Not by id: a
 * pillar id is internal, and a rubric copied and reworded keeps its old ids under new names, so
 * the name is what the consultant means by "the same pillar".
 */
export const matchKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Differences on the whole numbers the screen shows, so that a column of figures and its deltas add up. */
const shown = (v: number | null) => (v === null ? null : Number(formatScore(v)));

function row(name: string, values: Array<number | null>, baseline: number, round: boolean): Row {
  const v = round ? values.map(shown) : values;
  const base = v[baseline] ?? null;
  return { name, values, deltas: v.map((x) => (x === null || base === null ? null : x - base)) };
}

/** The pillars every session has, in the baseline's rubric order, keyed by match key. */
function sharedPillars(inputs: readonly CompareInput[], baseline: number) {
  const keysOf = inputs.map((i) => new Set(i.session.rubric.pillars.map((p) => matchKey(p.name))));
  const shared = inputs[baseline]!.session.rubric.pillars.filter((p) => keysOf.every((keys) => keys.has(matchKey(p.name))));
  const all = new Map<string, { name: string; sessions: number[] }>();
  inputs.forEach((input, s) =>
    input.session.rubric.pillars.forEach((p) => {
      const entry = all.get(matchKey(p.name)) ?? { name: p.name, sessions: [] };
      entry.sessions.push(s);
      all.set(matchKey(p.name), entry);
    }),
  );
  const missing = [...all.values()].filter((e) => e.sessions.length < inputs.length);
  // A rubric may name two pillars alike; the first one stands for the name.
  return { shared: [...new Set(shared.map((p) => matchKey(p.name)))], missing };
}

/** A session's rubric cut down to the given pillars (its own weights and scale kept), in that order. */
function restrict(rubric: Rubric, keys: readonly string[]): Rubric {
  const byKey = new Map(rubric.pillars.map((p) => [matchKey(p.name), p]));
  return { ...rubric, pillars: keys.map((k) => byKey.get(k)!) };
}

const rubricSignature = (r: Rubric) =>
  JSON.stringify([r.scale.min, r.scale.max, [...r.pillars].map((p) => [matchKey(p.name), p.weight]).sort()]);

/** Stage names across sessions, the baseline's order first, then each other session's new names in its order. */
function alignedStages(inputs: readonly CompareInput[], baseline: number) {
  const order = [baseline, ...inputs.map((_, i) => i).filter((i) => i !== baseline)];
  const names = new Map<string, string>();
  for (const s of order) for (const stage of inputs[s]!.session.stages) if (!names.has(matchKey(stage.name))) names.set(matchKey(stage.name), stage.name);
  return [...names].map(([key, name]) => ({ key, name }));
}

export function compareSessions(inputs: readonly CompareInput[], baseline = 0): Comparison {
  if (inputs.length < 1 || baseline < 0 || baseline >= inputs.length) throw new RangeError('baseline must name one of the compared sessions');
  const { shared, missing } = sharedPillars(inputs, baseline);
  const sameRubric = missing.length === 0 && new Set(inputs.map((i) => rubricSignature(i.session.rubric))).size === 1;
  // Always cut down (in the baseline's pillar order), so pillar p is the same pillar in every session.
  const rubrics = inputs.map((i) => restrict(i.session.rubric, shared));
  const sharedNames = restrict(inputs[baseline]!.session.rubric, shared).pillars.map((p) => p.name);

  const ownScores = inputs.map((i) => brandAlignmentScore(i.steps, i.session.rubric).score);
  const comparedScores = sameRubric ? ownScores : inputs.map((i, s) => (shared.length ? brandAlignmentScore(i.steps, rubrics[s]!).score : null));
  const pillarScores = inputs.map((i, s) => pillarBreakdown(i.steps, rubrics[s]!));

  const stageKeys = alignedStages(inputs, baseline);
  const perSession = inputs.map((i, s) => {
    const scores = stageBreakdown(i.steps, i.session.stages, rubrics[s]!);
    const table = stagePillarTable(i.steps, i.session.stages, rubrics[s]!);
    // A session holding two stages of one name (rare, but allowed) is read by its first.
    const byKey = new Map<string, { score: number | null; cells: Array<number | null> }>();
    scores.forEach((st, k) => {
      if (!byKey.has(matchKey(st.name))) byKey.set(matchKey(st.name), { score: st.score, cells: table[k]!.cells.map((c) => c.score) });
    });
    return byKey;
  });
  const stages: StageRow[] = stageKeys.map(({ key, name }) => {
    const found = perSession.map((m) => m.get(key));
    return {
      ...row(name, found.map((f) => f?.score ?? null), baseline, true),
      present: found.map((f) => f !== undefined),
      cells: sharedNames.map((pillar, p) => row(pillar, found.map((f) => f?.cells[p] ?? null), baseline, true)),
    };
  });

  const effort: EffortFigures[] = inputs.map((i) => effortFigures(i.steps));
  const friction: FrictionCounts[] = inputs.map((i) => frictionCounts(i.steps));
  const effortRow = (name: string, pick: (e: EffortFigures) => number) => row(name, effort.map(pick), baseline, false);
  const severity = ['Cosmetic', 'Minor', 'Major', 'Blocker'];

  return {
    baseline,
    sameRubric,
    rubrics,
    ownScores,
    score: row('Brand Alignment Score', comparedScores, baseline, true),
    pillars: sharedNames.map((name, p) => row(name, pillarScores.map((b) => b[p]!.score), baseline, true)),
    stages,
    effort: [
      effortRow('Steps', (e) => e.steps),
      effortRow('Time on task', (e) => e.timeOnTaskMs),
      effortRow('Page views', (e) => e.pageLoads),
      effortRow('Back-and-forth', (e) => e.revisits),
    ],
    friction: [
      ...severity.map((name, k) => row(name, friction.map((f) => f.bySeverity[k + 1]!), baseline, false)),
      row('Not rated', friction.map((f) => f.unrated), baseline, false),
    ],
    notCompared: {
      pillars: missing,
      stages: stageKeys
        .map(({ key, name }) => ({ name, sessions: perSession.flatMap((m, s) => (m.has(key) ? [s] : [])) }))
        .filter((st) => st.sessions.length < inputs.length),
    },
  };
}

/** A delta as shown: "+3", "−2" (a real minus sign), "±0"; an en dash where there is nothing to compare. */
export function formatDelta(delta: number | null, format: (n: number) => string = String): string {
  if (delta === null) return '–';
  if (delta === 0) return '±0';
  return delta > 0 ? `+${format(delta)}` : `−${format(-delta)}`;
}

/** Session columns are lettered A, B, C, D in the order they were picked. */
export const sessionLetter = (index: number) => String.fromCharCode(65 + index);
