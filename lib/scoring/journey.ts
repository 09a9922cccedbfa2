import type { Stage, Step } from '../schemas';

// Geometry of the journey chart, kept pure so that the panel, the dashboard and the HTML
// report draw the same picture.

export interface JourneyPoint {
  stepId: string;
  number: number;
  stageName: string;
  alignment: number | null;
  emotion: number | null;
  /** Centre of the step's slot, 0…width. */
  x: number;
  /** 0 at the top (alignment 100) to height (alignment 0); null when unscored. */
  y: number | null;
}

export interface StageBand {
  stageId: string;
  name: string;
  x0: number;
  x1: number;
}

/** Steps in position order; each gets an equal slot, and consecutive steps of one stage form a band. */
export function journeyPoints(
  steps: ReadonlyArray<Pick<Step, 'id' | 'stageId' | 'emotion'>>,
  stages: readonly Stage[],
  alignmentOf: (step: any) => number | null,
  plot: { w: number; h: number },
): { points: JourneyPoint[]; bands: StageBand[] } {
  const slot = steps.length ? plot.w / steps.length : plot.w;
  const names = new Map(stages.map((s) => [s.id, s.name]));
  const points = steps.map((step, i) => {
    const alignment = alignmentOf(step);
    return {
      stepId: step.id,
      number: i + 1,
      stageName: (step.stageId && names.get(step.stageId)) || '',
      alignment,
      emotion: step.emotion ?? null,
      x: (i + 0.5) * slot,
      y: alignment === null ? null : plot.h - (Math.min(100, Math.max(0, alignment)) / 100) * plot.h,
    };
  });
  const bands: StageBand[] = [];
  steps.forEach((step, i) => {
    const last = bands.at(-1);
    if (last && last.stageId === (step.stageId ?? '')) last.x1 = (i + 1) * slot;
    else bands.push({ stageId: step.stageId ?? '', name: (step.stageId && names.get(step.stageId)) || '', x0: i * slot, x1: (i + 1) * slot });
  });
  return { points, bands };
}
