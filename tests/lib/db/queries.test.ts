import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { activeSession, libraryData, screenshotsBySession, sessionsByRecent, stepsOfSession } from '@/lib/db/queries';
import { refreshSummaries } from '@/lib/db/summaries';
import type { Screenshot, Step } from '@/lib/schemas';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

const step = (id: string, sessionId: string, position: number): Step => ({
  id, sessionId, position, stageId: null, capturedAt: position, sincePreviousMs: null, url: 'https://a.example/', pageTitle: 'A',
  note: '', scores: {}, severity: null, tags: [], emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: position,
});

const shot = (id: string, stepId: string, sessionId: string, createdAt: number): Screenshot => ({
  id, stepId, sessionId, kind: 'visible', mimeType: 'image/jpeg', width: 10, height: 10, devicePixelRatio: 1,
  bytes: 1, thumbWidth: 5, thumbHeight: 5, thumbBytes: 1, annotations: [], part: null, createdAt,
});

describe('activeSession', () => {
  it('is the session that was started or resumed last, and undefined when none is active', async () => {
    expect(await activeSession(db)).toBeUndefined();
    const a = await startSession(db, newSessionInput('A'), environment, clock);
    const b = await startSession(db, newSessionInput('B'), environment, clock);
    expect((await activeSession(db))?.id).toBe(b.id);
    await setSessionStatus(db, a.id, 'active', clock.now());
    expect((await activeSession(db))?.id).toBe(a.id);
    await setSessionStatus(db, a.id, 'completed', clock.now());
    expect(await activeSession(db)).toBeUndefined();
  });
});

describe('sessionsByRecent', () => {
  it('lists the most recently updated first, up to the limit', async () => {
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C', 'D']) ids.push((await startSession(db, newSessionInput(title), environment, clock)).id);
    // Give each a distinct last change, in an order unrelated to creation: C, A, D, B (newest first).
    const updatedAt = [3000, 1000, 4000, 2000];
    for (let i = 0; i < ids.length; i++) await db.sessions.update(ids[i]!, { updatedAt: updatedAt[i]! });
    expect((await sessionsByRecent(db)).map((s) => s.id)).toEqual([ids[2], ids[0], ids[3], ids[1]]);
    expect((await sessionsByRecent(db, 2)).map((s) => s.id)).toEqual([ids[2], ids[0]]);
  });
});

describe('stepsOfSession', () => {
  it("returns only that session's steps, in position order", async () => {
    await db.steps.bulkAdd([step('s2', 'x', 2), step('o1', 'y', 0), step('s0', 'x', 0), step('s1', 'x', 1), step('o2', 'xx', 0)]);
    expect((await stepsOfSession(db, 'x')).map((s) => s.id)).toEqual(['s0', 's1', 's2']);
    expect(await stepsOfSession(db, 'none')).toEqual([]);
  });
});

describe('screenshotsBySession', () => {
  it('groups by step and orders each group by creation time', async () => {
    await db.screenshots.bulkAdd([shot('late', 'st1', 'x', 30), shot('early', 'st1', 'x', 10), shot('other', 'st2', 'x', 20), shot('foreign', 'st9', 'y', 5)]);
    const byStep = await screenshotsBySession(db, 'x');
    expect([...byStep.keys()].sort()).toEqual(['st1', 'st2']);
    expect(byStep.get('st1')!.map((s) => s.id)).toEqual(['early', 'late']);
    expect(byStep.get('st2')!.map((s) => s.id)).toEqual(['other']);
  });
});

describe('libraryData', () => {
  it('reads a first screen of the newest sessions with the count of all, then every row', async () => {
    for (const title of ['Oldest', 'Middle', 'Newest']) {
      await startSession(db, newSessionInput(title), environment, clock);
      clock.time += 1000;
    }
    await refreshSummaries(db);

    const first = await libraryData(db, 2);
    // Starting a session pauses the one before it, so "Middle" changed last, then "Newest".
    expect({ titles: first.summaries.map((s) => s.title), keys: first.updated.size, count: first.count, complete: first.complete }).toEqual({
      titles: ['Middle', 'Newest'],
      keys: 2,
      count: 3,
      complete: false,
    });
    // Each summary shown has its session's updatedAt, so none is taken for a deleted session.
    for (const s of first.summaries) expect(first.updated.get(s.sessionId)).toBe(s.sessionUpdatedAt);

    const all = await libraryData(db);
    expect({ keys: all.updated.size, summaries: all.summaries.length, count: all.count, complete: all.complete }).toEqual({ keys: 3, summaries: 3, count: 3, complete: true });
    expect((await libraryData(db, 5)).complete).toBe(true);
  });
});
