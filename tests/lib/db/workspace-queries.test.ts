import { describe, expect, it } from 'vitest';
import type { AppDB } from '@/lib/db';
import { publishPreview, queuedJobCount, syncStatus, teamCopy, teamLibraryData, teamSessionRows } from '@/lib/db/queries';
import { buildTeamEntry } from '@/lib/library/team-index';
import type { Screenshot, Step } from '@/lib/schemas';
import { startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, type TestClock, useFreshDb } from '../fixtures';

// The team pages' reads (team library, friction view, review of a team copy, publish preview, sync line).

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh));

const step = (id: string, sessionId: string, position: number): Step => ({
  id, sessionId, position, stageId: null, capturedAt: position, sincePreviousMs: null, url: 'https://a.example/', pageTitle: `Page ${id}`,
  note: '', scores: {}, severity: null, tags: [], emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: position,
});
const shot = (id: string, stepId: string, sessionId: string): Screenshot => ({
  id, stepId, sessionId, kind: 'visible', mimeType: 'image/jpeg', width: 10, height: 10, devicePixelRatio: 1,
  bytes: 1, thumbWidth: 5, thumbHeight: 5, thumbBytes: 1, annotations: [], part: null, createdAt: 1,
});

async function teamSession(title: string, author: string) {
  const session = await startSession(db, newSessionInput(title), environment, clock);
  const entry = buildTeamEntry({ session, steps: [], screenshots: [], thumbs: new Map() }, { rev: 1, minRev: 1, now: clock.now() });
  return { sessionId: entry.sessionId, author, authorName: author.toUpperCase(), from: 'index' as const, etag: null, updatedAt: entry.row.sessionUpdatedAt, entry };
}

describe('team library reads', () => {
  it('lists light rows newest first without tombstones, with downloaded copies and own publications; a first screen reads only the newest', async () => {
    const a = await teamSession('A', 'ann');
    const b = await teamSession('B', 'bob');
    await db.teamRows.bulkPut([a, b, { sessionId: 'gone', author: 'bob', authorName: 'BOB', from: 'index', etag: null, entry: null }]);
    await db.teamCopies.put({ sessionId: b.sessionId, author: 'bob', authorName: 'BOB', rev: 1, openedAt: 5 });
    await db.publications.put({ sessionId: a.sessionId, rev: 1, minRev: 1, publishedUpdatedAt: 1, firstPublishedAt: 1, lastPublishedAt: 1, problem: null, message: null });

    expect((await teamSessionRows(db)).map((s) => s.row.title)).toEqual(['B', 'A']);
    const data = await teamLibraryData(db);
    expect(data.rows.map((s) => s.authorName)).toEqual(['BOB', 'ANN']);
    expect(data.complete).toBe(true);
    const first = await teamLibraryData(db, 1);
    expect({ titles: first.rows.map((s) => s.row.title), complete: first.complete }).toEqual({ titles: ['B'], complete: false });
    expect([...data.copies]).toEqual([b.sessionId]);
    expect([...data.published.keys()]).toEqual([a.sessionId]);
    expect((await teamCopy(db, b.sessionId))?.authorName).toBe('BOB');
    expect(await teamCopy(db, a.sessionId)).toBeUndefined();
  });
});

describe('publishPreview', () => {
  it("shows each asked session's steps in order and its own screenshots, leaving out ids that are gone", async () => {
    const s = await startSession(db, newSessionInput('Shop'), environment, clock);
    await db.steps.bulkAdd([step('second', s.id, 1), step('first', s.id, 0), step('elsewhere', 'other', 0)]);
    await db.screenshots.bulkAdd([shot('p1', 'first', s.id), shot('p2', 'second', s.id), shot('p3', 'elsewhere', 'other')]);
    const preview = await publishPreview(db, ['missing', s.id]);
    expect(preview.map((p) => [p.session.title, p.steps.map((x) => x.id), p.shots.map((x) => x.id).sort()])).toEqual([['Shop', ['first', 'second'], ['p1', 'p2']]]);
  });
});

describe('sync line reads', () => {
  it('reports the queue length and the stored status row', async () => {
    expect(await queuedJobCount(db)).toBe(0);
    expect(await syncStatus(db)).toBeUndefined();
    await db.workspaceJobs.put({ id: 'publish:x', kind: 'publish', sessionId: 'x', attempts: 0, notBefore: 0, createdAt: 0, problem: null, message: null });
    await db.syncStatus.put({ id: 'status', running: null, lastPullAt: 42, lastError: null });
    expect(await queuedJobCount(db)).toBe(1);
    expect((await syncStatus(db))?.lastPullAt).toBe(42);
  });
});
