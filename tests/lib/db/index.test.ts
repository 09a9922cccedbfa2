import { afterEach, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppDB } from '@/lib/db';
import { imageKey } from '@/lib/schemas';
import { saveRubric } from '@/lib/rubric-store';
import { startSession } from '@/lib/sessions';
import { BRAND_PROMISE } from '@/lib/rubrics';
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
    emotion: -1, momentOfTruth: true, viewport: null, devicePixelRatio: 1, updatedAt: 1,
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
  expect(db.verno).toBe(3);
  expect(await db.sessions.toArray()).toEqual([session]);
  expect(await db.steps.toArray()).toEqual([step]);
  expect(await db.screenshots.toArray()).toEqual([shot]);
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
  db.close();
});
