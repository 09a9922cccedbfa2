import { afterEach, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppDB } from '@/lib/db';
import { imageKey } from '@/lib/schemas';
import { saveRubric } from '@/lib/rubric/store';
import { startSession } from '@/lib/session/lifecycle';
import { BRAND_PROMISE } from '@/lib/rubric/builtin';
import { environment, newSessionInput, testClock } from '../fixtures';

// Version 1 exactly as 0.1.0 shipped it: opening such a database must keep every record.
const V1_STORES = {
  sessions: 'id, status, updatedAt',
  steps: 'id, [sessionId+position]',
  screenshots: 'id, stepId, sessionId',
  images: 'id, screenshotId',
};

const name = 'upgrade-' + crypto.randomUUID();
afterEach(async () => {
  await Dexie.delete(name);
});

it('opens a version-1 database at the current version with every record intact and the newer tables', async () => {
  // Build the fixture with the current code's records, then store them through a v1-only Dexie.
  const scratch = new AppDB('scratch-' + crypto.randomUUID());
  const session = await startSession(scratch, newSessionInput(), environment, testClock());
  await scratch.delete();
  const step = {
    id: 'st1', sessionId: session.id, position: 0, stageId: session.stages[0]!.id, capturedAt: 1, sincePreviousMs: null,
    url: 'https://shop.example.com/', pageTitle: 'Shop', note: 'slow', scores: { 'get-it-right': 4 }, severity: 2, tags: ['slow'],
    emotion: -1, viewport: null, devicePixelRatio: 1, updatedAt: 1,
  };
  const shot = {
    id: 'sh1', stepId: 'st1', sessionId: session.id, kind: 'visible', mimeType: 'image/jpeg', width: 4, height: 2,
    devicePixelRatio: 1, bytes: 6, thumbWidth: 2, thumbHeight: 1, thumbBytes: 1, annotations: [], createdAt: 1,
  };
  const images = [
    { id: imageKey('sh1', 'full'), screenshotId: 'sh1', variant: 'full', blob: new Blob(['pixels'], { type: 'image/jpeg' }) },
    { id: imageKey('sh1', 'thumb'), screenshotId: 'sh1', variant: 'thumb', blob: new Blob(['t'], { type: 'image/jpeg' }) },
  ];
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  await v1.table('sessions').add(session);
  await v1.table('steps').add(step);
  await v1.table('screenshots').add(shot);
  await v1.table('images').bulkAdd(images);
  v1.close();

  const db = new AppDB(name);
  await db.open();
  expect(db.verno).toBe(5);
  expect(await db.sessions.toArray()).toEqual([session]);
  // 0.1.0 had no moment of truth, page context or screenshot parts; v4 gives them their defaults.
  expect(await db.steps.toArray()).toEqual([{ ...step, momentOfTruth: false, context: null }]);
  expect(await db.screenshots.toArray()).toEqual([{ ...shot, part: null }]);
  const stored = await db.images.orderBy('id').toArray();
  expect(stored.map(({ blob: _b, ...meta }) => meta)).toEqual(images.map(({ blob: _b, ...meta }) => meta));
  expect(await stored[0]!.blob.text()).toBe('pixels');
  // v1 indexes still answer queries.
  expect(await db.sessions.where('status').equals('active').count()).toBe(1);
  expect(await db.screenshots.where('stepId').equals('st1').count()).toBe(1);
  // And the new table works.
  expect(await db.rubrics.count()).toBe(0);
  await saveRubric(db, { ...BRAND_PROMISE, id: 'mine', name: 'Mine' }, 5);
  expect(await db.rubrics.where('updatedAt').above(0).primaryKeys()).toEqual(['mine']);
  // v3 built the library's summary from the stored steps.
  expect(await db.summaries.toArray()).toEqual([
    expect.objectContaining({ sessionId: session.id, sessionUpdatedAt: session.updatedAt, stepCount: 1, worstSeverity: 2, thumbScreenshotId: 'sh1', bytes: 7, tags: ['slow'], title: session.title }),
  ]);
  expect((await db.searchTexts.get(session.id))!.text).toContain('https://shop.example.com/');
  db.close();
});

it('opens a version-2 database with its rubrics, sessions and steps kept, and a summary per session', async () => {
  const scratch = new AppDB('scratch-' + crypto.randomUUID());
  const clock = testClock();
  const sessions = [await startSession(scratch, newSessionInput('One'), environment, clock), await startSession(scratch, newSessionInput('Two'), environment, clock)];
  await scratch.delete();
  const steps = [0, 1, 2].map((position) => ({
    id: `st${position}`, sessionId: sessions[0]!.id, position, stageId: null, capturedAt: position, sincePreviousMs: null,
    url: `https://shop.example.com/${position}`, pageTitle: 'Shop', note: `note ${position}`, scores: { 'get-it-right': 1 + position },
    severity: position, tags: [], emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: 1, context: null, updatedAt: position,
  }));
  const rubricRecord = { ...BRAND_PROMISE, id: 'team', name: 'Team rubric', updatedAt: 7 };
  const v2 = new Dexie(name);
  v2.version(1).stores(V1_STORES);
  v2.version(2).stores({ rubrics: 'id, updatedAt' });
  await v2.table('sessions').bulkAdd(sessions);
  await v2.table('steps').bulkAdd(steps);
  await v2.table('rubrics').add(rubricRecord);
  v2.close();

  const db = new AppDB(name);
  await db.open();
  expect(db.verno).toBe(5);
  expect(await db.sessions.orderBy('id').toArray()).toEqual([...sessions].sort((a, b) => a.id.localeCompare(b.id)));
  expect(await db.steps.toArray()).toEqual(steps);
  expect(await db.rubrics.toArray()).toEqual([rubricRecord]);
  const summaries = new Map((await db.summaries.toArray()).map((s) => [s.sessionId, s]));
  expect(summaries.get(sessions[0]!.id)).toMatchObject({ stepCount: 3, worstSeverity: 2, thumbScreenshotId: null, bas: 25 });
  expect(summaries.get(sessions[1]!.id)).toMatchObject({ stepCount: 0, bas: null });
  db.close();
});
