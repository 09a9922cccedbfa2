import { describe, expect, it } from 'vitest';
import { journeyPoints } from '@/lib/scoring/journey';
import type { Stage } from '@/lib/schemas';

const stages: Stage[] = [
  { id: 'st-a', name: 'Discover' },
  { id: 'st-b', name: 'Buy' },
];

type S = { id: string; stageId: string | null; emotion: number | null; alignment: number | null };
const step = (id: string, stageId: string | null, alignment: number | null = null, emotion: number | null = null): S => ({
  id,
  stageId,
  emotion,
  alignment,
});
const alignmentOf = (s: S) => s.alignment;

describe('journeyPoints', () => {
  const plot = { w: 400, h: 200 };

  it('gives each step an equal slot and puts its point at the slot centre', () => {
    const steps = [step('a', 'st-a'), step('b', 'st-a'), step('c', 'st-b'), step('d', 'st-b')];
    const slot = plot.w / steps.length;
    const { points } = journeyPoints(steps, stages, alignmentOf, plot);
    expect(points.map((p) => p.x)).toEqual(steps.map((_, i) => i * slot + slot / 2));
    expect(points.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(points.map((p) => p.stepId)).toEqual(['a', 'b', 'c', 'd']);
    expect(points.map((p) => p.stageName)).toEqual(['Discover', 'Discover', 'Buy', 'Buy']);
  });

  it('a single step sits in the middle of the plot', () => {
    const { points } = journeyPoints([step('a', 'st-a')], stages, alignmentOf, plot);
    expect(points[0]!.x).toBe(plot.w / 2);
  });

  it('maps alignment 100 to the top, 0 to the bottom, and leaves unscored steps without y', () => {
    const steps = [step('top', 'st-a', 100), step('bottom', 'st-a', 0), step('quarter', 'st-a', 25), step('none', 'st-a', null)];
    const { points } = journeyPoints(steps, stages, alignmentOf, plot);
    expect(points.map((p) => p.y)).toEqual([0, plot.h, plot.h - 0.25 * plot.h, null]);
    expect(points.map((p) => p.alignment)).toEqual([100, 0, 25, null]);
  });

  it('keeps points inside the plot when alignment is out of range', () => {
    const { points } = journeyPoints([step('over', 'st-a', 130), step('under', 'st-a', -20)], stages, alignmentOf, plot);
    expect(points.map((p) => p.y)).toEqual([0, plot.h]);
  });

  it('carries emotion, null when absent', () => {
    const { points } = journeyPoints([step('a', 'st-a', null, -2), step('b', 'st-a')], stages, alignmentOf, plot);
    expect(points.map((p) => p.emotion)).toEqual([-2, null]);
  });

  it('merges consecutive steps of one stage into a band', () => {
    const steps = [step('a', 'st-a'), step('b', 'st-a'), step('c', 'st-a'), step('d', 'st-b')];
    const slot = plot.w / steps.length;
    const { bands } = journeyPoints(steps, stages, alignmentOf, plot);
    expect(bands).toEqual([
      { stageId: 'st-a', name: 'Discover', x0: 0, x1: 3 * slot },
      { stageId: 'st-b', name: 'Buy', x0: 3 * slot, x1: 4 * slot },
    ]);
  });

  it('splits bands when the stage changes back and forth', () => {
    const steps = [step('a', 'st-a'), step('b', 'st-b'), step('c', 'st-b'), step('d', 'st-a'), step('e', 'st-b')];
    const slot = plot.w / steps.length;
    const { bands } = journeyPoints(steps, stages, alignmentOf, plot);
    expect(bands).toEqual([
      { stageId: 'st-a', name: 'Discover', x0: 0, x1: slot },
      { stageId: 'st-b', name: 'Buy', x0: slot, x1: 3 * slot },
      { stageId: 'st-a', name: 'Discover', x0: 3 * slot, x1: 4 * slot },
      { stageId: 'st-b', name: 'Buy', x0: 4 * slot, x1: 5 * slot },
    ]);
  });

  it('groups steps without a stage, or with a stage no longer in the session, under an unnamed band', () => {
    const steps = [step('a', null), step('b', null), step('c', 'st-gone')];
    const slot = plot.w / steps.length;
    const { points, bands } = journeyPoints(steps, stages, alignmentOf, plot);
    expect(points.map((p) => p.stageName)).toEqual(['', '', '']);
    expect(bands).toEqual([
      { stageId: '', name: '', x0: 0, x1: 2 * slot },
      { stageId: 'st-gone', name: '', x0: 2 * slot, x1: 3 * slot },
    ]);
  });

  it('returns nothing for no steps', () => {
    expect(journeyPoints([], stages, alignmentOf, plot)).toEqual({ points: [], bands: [] });
  });
});
