import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { downloadBlob } from '@/lib/browser/files';
import { compareSessions, formatDelta, MAX_COMPARED, MIN_COMPARED, sessionLetter } from '@/lib/scoring/compare';
import { exportComparisonCsv } from '@/lib/export/compare-csv';
import { exportFileName } from '@/lib/export/names';
import type { Session, Step } from '@/lib/schemas';
import { formatScore } from '@/lib/scoring/alignment';
import { useRecentSessions, useSessionsWithSteps } from '../data/useSession';
import { ScoreBadge } from '../ScoreBadge';
import { CompareJourney } from './CompareJourney';
import { ComparePicker } from './ComparePicker';
import { EffortTable, FrictionTable, PillarTable, StageTable } from './CompareTables';
import { SeriesBadge } from './series';
import './compare.css';

interface Props {
  sessionIds: string[];
  onOpen(sessionId: string): void;
  /** Shows another set of sessions (the picker's choice). */
  onCompare(sessionIds: string[]): void;
}

type Loaded = Array<{ session: Session; steps: Step[] } | undefined>;

/** 2–4 sessions side by side, live: a step scored in the side panel moves the figures here. */
export function CompareView({ sessionIds: asked, onOpen, onCompare }: Props) {
  const key = asked.join(',');
  // An address naming a session twice compares it once.
  const sessionIds = useMemo(() => [...new Set(asked)], [key]);
  const loaded: Loaded | null = useSessionsWithSteps(sessionIds, key);
  const [picking, setPicking] = useState(false);
  const found = useMemo(() => loaded?.filter((x) => x !== undefined) ?? [], [loaded]);
  const unknown = loaded ? sessionIds.filter((_, i) => loaded[i] === undefined) : [];
  const valid = loaded !== null && unknown.length === 0 && found.length >= MIN_COMPARED && found.length <= MAX_COMPARED;

  if (loaded === null) return <p class="muted">Loading the comparison…</p>;
  if (!valid || picking)
    return (
      <div class="compare">
        <h1>Compare sessions</h1>
        <PickerWithSessions
          initial={sessionIds}
          unknown={unknown}
          onCompare={(ids) => {
            setPicking(false);
            onCompare(ids);
          }}
          onCancel={valid ? () => setPicking(false) : undefined}
        />
      </div>
    );
  return <Comparison sessions={found} onOpen={onOpen} onPick={() => setPicking(true)} />;
}

function PickerWithSessions(props: { initial: string[]; unknown: string[]; onCompare(ids: string[]): void; onCancel?: () => void }) {
  const sessions = useRecentSessions(500);
  // Keyed on the list's arrival so the ticks start from the address once the sessions are known.
  return <ComparePicker key={sessions === null ? 'loading' : 'ready'} sessions={sessions} {...props} />;
}

function Comparison({ sessions, onOpen, onPick }: { sessions: Array<{ session: Session; steps: Step[] }>; onOpen(id: string): void; onPick(): void }) {
  const [baselineId, setBaselineId] = useState(sessions[0]!.session.id);
  const moved = useRef(false);
  const baseline = Math.max(0, sessions.findIndex((s) => s.session.id === baselineId));
  const c = useMemo(() => compareSessions(sessions, baseline), [sessions, baseline]);
  // The button pressed turns into the "baseline" tag; keep the keyboard on that card.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    document.getElementById(`cmp-card-${baseline}`)?.focus();
  }, [baseline]);
  const titles = sessions.map((s) => s.session.title);
  const cols = { titles, baseline };
  const rubricNames = [...new Set(sessions.map((s) => s.session.rubric.name))];
  // Whichever list is shorter: "only in A" or "not in D".
  const where = (has: number[]) => {
    const lacks = sessions.map((_, i) => i).filter((i) => !has.includes(i));
    return has.length <= lacks.length ? `only in ${has.map(sessionLetter).join(', ')}` : `not in ${lacks.map(sessionLetter).join(', ')}`;
  };
  const left = [
    ...c.notCompared.pillars.map((p) => `pillar “${p.name}” (${where(p.sessions)})`),
    ...c.notCompared.stages.map((s) => `stage “${s.name}” (${where(s.sessions)})`),
  ];

  return (
    <div class="compare">
      <div class="compare-head">
        <div>
          <h1>Compare sessions</h1>
          <p class="muted">
            {sessions.length} sessions · {c.sameRubric ? `Rubric: ${rubricNames[0]}` : `Different rubrics: compared on the ${c.pillars.length} pillars they share`}
          </p>
        </div>
        <div class="compare-tools">
          <button type="button" onClick={onPick}>
            Change sessions
          </button>
          <button
            type="button"
            onClick={() =>
              downloadBlob(new Blob([exportComparisonCsv(c, titles)], { type: 'text/csv;charset=utf-8' }), exportFileName(`comparison ${titles.join(' vs ')}`, Date.now(), 'csv'))
            }
          >
            Download comparison (.csv)
          </button>
        </div>
      </div>

      {(left.length > 0 || !c.sameRubric) && (
        <section class="notice compare-notice" aria-labelledby="not-compared-heading">
          <h2 id="not-compared-heading">Not compared</h2>
          {!c.sameRubric && (
            <p>
              These sessions were scored with {rubricNames.length > 1 ? `different rubrics (${rubricNames.join(', ')})` : 'differently weighted versions of one rubric'}. Pillars are matched by name; each session’s
              score below is recomputed on the shared pillars{c.pillars.length ? ` (${c.pillars.map((p) => p.name).join(', ')})` : ', and there are none'}. Its own score is shown on its card.
            </p>
          )}
          {left.length > 0 && <p>Left out: {left.join('; ')}.</p>}
        </section>
      )}

      <ul class="compare-cards" aria-label="Compared sessions">
        {sessions.map(({ session, steps }, i) => (
          <li key={session.id} class={`compare-card${i === baseline ? ' is-baseline' : ''}`} aria-labelledby={`cmp-card-${i}`}>
            <div class="card-top">
              <SeriesBadge index={i} letter={sessionLetter(i)} />
              {i === baseline ? (
                <span class="baseline-tag">baseline</span>
              ) : (
                <button
                  type="button"
                  class="link small"
                  aria-label={`Set as baseline: ${session.title}`}
                  onClick={() => {
                    moved.current = true;
                    setBaselineId(session.id);
                  }}
                >
                  Set as baseline
                </button>
              )}
            </div>
            <h2 id={`cmp-card-${i}`} class="card-title" tabIndex={-1}>
              {session.title}
            </h2>
            <p class="muted card-meta">
              {session.brand || 'No brand'} · {steps.length} steps · {session.rubric.name}
            </p>
            <div class="card-score">
              <span class="big-badge">
                <ScoreBadge score={c.score.values[i]!} label={`Brand Alignment Score of ${sessionLetter(i)}`} />
              </span>
              <span class="card-delta">
                <small class="muted">{c.sameRubric ? 'Brand Alignment Score' : 'On shared pillars'}</small>
                {i === baseline ? 'Baseline' : `${formatDelta(c.score.deltas[i]!)} vs ${sessionLetter(baseline)}`}
                {!c.sameRubric && <small class="muted">Own score {formatScore(c.ownScores[i]!)}</small>}
              </span>
            </div>
            <button type="button" class="link" aria-label={`Open session: ${session.title}`} onClick={() => onOpen(session.id)}>
              Open session
            </button>
          </li>
        ))}
      </ul>

      <section class="card" aria-labelledby="compare-journey-heading">
        <h2 id="compare-journey-heading">Journeys</h2>
        <CompareJourney sessions={sessions} rubrics={c.rubrics} />
      </section>

      <div class={`compare-grid${sessions.length > 2 ? ' is-stacked' : ''}`}>
        <section class="card" aria-labelledby="compare-pillars-heading">
          <h2 id="compare-pillars-heading">Score and pillars</h2>
          <TableScroll labelledBy="compare-pillars-heading">
            <PillarTable comparison={c} {...cols} />
          </TableScroll>
        </section>
        <section class="card" aria-labelledby="compare-effort-heading">
          <h2 id="compare-effort-heading">Effort and friction</h2>
          <TableScroll labelledBy="compare-effort-heading">
            <EffortTable comparison={c} {...cols} />
          </TableScroll>
          <TableScroll labelledBy="compare-friction-heading">
            <FrictionTable comparison={c} {...cols} />
          </TableScroll>
        </section>
      </div>

      <section class="card" aria-labelledby="compare-stages-heading">
        <h2 id="compare-stages-heading">Stages × pillars</h2>
        <TableScroll labelledBy="compare-stages-heading">
            <StageTable comparison={c} {...cols} />
          </TableScroll>
      </section>
    </div>
  );
}

/** Tables scroll sideways in a narrow window; the wrapper takes focus so that keyboard users can scroll it too. */
function TableScroll({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="group" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
