import { effortByStage, effortFigures, frictionCounts, lowestMoments, pillarBreakdown, stagePillarTable } from '@/lib/scoring/breakdown';
import { formatDuration } from '@/lib/format';
import type { Session, Step } from '@/lib/schemas';
import { SEVERITY_LABELS } from '@/lib/vocabulary';
import { brandAlignmentScore, formatScore, scoreTone, stepAlignment } from '@/lib/scoring/alignment';
import { JourneyChart } from './JourneyChart';

interface Props {
  session: Session;
  steps: readonly Step[];
  onOpenStep(stepId: string): void;
}

/** The session at a glance: score, pillars, stage × pillar heat map, journey, friction, effort. */
export function SummaryView({ session, steps, onOpenStep }: Props) {
  const { rubric, stages } = session;
  const bas = brandAlignmentScore(steps, rubric);
  const pillars = pillarBreakdown(steps, rubric);
  const table = stagePillarTable(steps, stages, rubric);
  const friction = frictionCounts(steps);
  const lows = lowestMoments(steps, rubric, 3);
  const effort = effortFigures(steps);
  const stageEffort = effortByStage(steps, stages).filter((s) => s.effort.steps > 0);
  const numberOf = new Map(steps.map((s, i) => [s.id, i + 1]));

  return (
    <div class="summary">
      <section class="card" aria-labelledby="pillars-heading">
        <h3 id="pillars-heading">Pillars</h3>
        <ul class="bars">
          {pillars.map((p) => (
            <li key={p.pillarId}>
              <span class="bar-name">{p.name}</span>
              <span class="bar-track" aria-hidden="true">
                <span class={`bar-fill tone-${scoreTone(p.score)}`} style={{ width: `${p.score ?? 0}%` }} />
              </span>
              <span class="bar-value" role="img" aria-label={`${p.name}: ${p.score === null ? 'not scored' : formatScore(p.score)}`}>
                {formatScore(p.score)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section class="card" aria-labelledby="journey-heading">
        <h3 id="journey-heading">Journey</h3>
        {steps.length === 0 ? (
          <p class="muted">Capture steps to see the journey.</p>
        ) : (
          <JourneyChart steps={steps} stages={stages} alignmentOf={(s) => stepAlignment(s.scores, rubric)} onOpenStep={onOpenStep} />
        )}
      </section>

      <section class="card" aria-labelledby="heat-heading">
        <h3 id="heat-heading">Stage × pillar</h3>
        {/* Focusable: it scrolls sideways when the rubric has many pillars, and keyboard users must reach that. */}
        <div class="heat-wrap" tabIndex={0} role="group" aria-labelledby="heat-heading">
          <table class="heat">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                {rubric.pillars.map((p) => (
                  <th key={p.id} scope="col" title={p.name}>
                    {p.name}
                  </th>
                ))}
                <th scope="col" title="Single Ease Question, 1–7">
                  SEQ
                </th>
              </tr>
            </thead>
            <tbody>
              {table.map((row) => (
                <tr key={row.stageId}>
                  <th scope="row">{row.name}</th>
                  {row.cells.map((c) => (
                    <td key={c.pillarId} class={`tone-${scoreTone(c.score)}`}>
                      {formatScore(c.score)}
                    </td>
                  ))}
                  <td class="seq">{session.seq?.[row.stageId] ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section class="card" aria-labelledby="friction-heading">
        <h3 id="friction-heading">Friction and effort</h3>
        <dl class="figures">
          {friction.bySeverity.map((n, sev) =>
            sev === 0 ? null : (
              <div key={sev}>
                <dt>{SEVERITY_LABELS[sev]}</dt>
                <dd>{n}</dd>
              </div>
            ),
          )}
          <div>
            <dt>Steps</dt>
            <dd>{effort.steps}</dd>
          </div>
          <div>
            <dt>Time on task</dt>
            <dd>{formatDuration(effort.timeOnTaskMs).replace('+', '')}</dd>
          </div>
          <div>
            <dt>Page views</dt>
            <dd>{effort.pageLoads}</dd>
          </div>
          <div>
            <dt>Back-and-forth</dt>
            <dd>{effort.revisits}</dd>
          </div>
          <div>
            <dt>CES (1–7)</dt>
            <dd>{session.ces ?? '–'}</dd>
          </div>
        </dl>
        {stageEffort.length > 0 && (
          <table class="effort">
            <caption>Effort by stage</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Steps</th>
                <th scope="col">Time</th>
                <th scope="col">Page views</th>
                <th scope="col">Back-and-forth</th>
              </tr>
            </thead>
            <tbody>
              {stageEffort.map((s) => (
                <tr key={s.stageId}>
                  <th scope="row">{s.name}</th>
                  <td>{s.effort.steps}</td>
                  <td>{formatDuration(s.effort.timeOnTaskMs).replace('+', '')}</td>
                  <td>{s.effort.pageLoads}</td>
                  <td>{s.effort.revisits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {lows.length > 0 && (
          <>
            <h4>Lowest moments</h4>
            <ol class="lows">
              {lows.map((m) => (
                <li key={m.stepId}>
                  <button type="button" class="link" onClick={() => onOpenStep(m.stepId)}>
                    Step {numberOf.get(m.stepId)}
                  </button>{' '}
                  — {formatScore(m.alignment)}
                  {m.momentOfTruth && <span class="mot"> · moment of truth</span>}
                </li>
              ))}
            </ol>
          </>
        )}
        <p class="muted small">
          Brand Alignment Score {formatScore(bas.score)} over {bas.scoredSteps} scored of {bas.totalSteps} steps.
        </p>
      </section>
    </div>
  );
}
