import { afterEach, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppDB } from '@/lib/db';
import { imageKey } from '@/lib/schemas';
import { sha256Hex } from '@/lib/bundle/format';
import { imageDigests } from '@/lib/storage/images';
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
  expect(db.verno).toBe(7);
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
  expect(db.verno).toBe(7);
  expect(await db.sessions.orderBy('id').toArray()).toEqual([...sessions].sort((a, b) => a.id.localeCompare(b.id)));
  expect(await db.steps.toArray()).toEqual(steps);
  expect(await db.rubrics.toArray()).toEqual([rubricRecord]);
  const summaries = new Map((await db.summaries.toArray()).map((s) => [s.sessionId, s]));
  expect(summaries.get(sessions[0]!.id)).toMatchObject({ stepCount: 3, worstSeverity: 2, thumbScreenshotId: null, bas: 25 });
  expect(summaries.get(sessions[1]!.id)).toMatchObject({ stepCount: 0, bas: null });
  db.close();
});

// Version 5 exactly as the team workspace first declared it (on top of versions 1–4 above).
const V5_STORES = { workspaceJobs: 'id, notBefore', publications: 'sessionId', teamSessions: 'sessionId, author', teamMembers: 'memberId', teamCopies: 'sessionId', syncStatus: 'id' };
// Version 6 exactly as the team library's read path declared it.
const V6_STORES = { teamSessions: null, teamRows: 'sessionId, author, updatedAt, from', teamIndexes: 'memberId', teamThumbs: 'id, sessionId' };

/** The database as versions 1 to `upTo` declared it, before today's AppDB opens it. */
function shipped(upTo: 5 | 6): Dexie {
  const old = new Dexie(name);
  old.version(1).stores(V1_STORES);
  old.version(2).stores({ rubrics: 'id, updatedAt' });
  old.version(3).stores({ trash: 'id, deletedAt', summaries: 'sessionId, sessionUpdatedAt', searchTexts: 'sessionId' });
  old.version(4).stores({});
  old.version(5).stores(V5_STORES);
  if (upTo >= 6) old.version(6).stores(V6_STORES);
  return old;
}

it('opens a version-5 database at version 6: the team library cached with thumbnails is dropped and pulled again; copies, publications and the queue stay', async () => {
  const v5 = shipped(5);
  await v5.open();
  await v5.table('teamSessions').put({ sessionId: 's1', etag: '"1"', author: 'ann', summary: { sessionId: 's1', steps: [{ thumb: 'data:image/webp;base64,AAAA' }] } });
  await v5.table('teamMembers').put({ memberId: 'ann', name: 'Ann', etag: '"m"' });
  await v5.table('teamCopies').put({ sessionId: 's2', author: 'ann', authorName: 'Ann', rev: 3, openedAt: 9 });
  await v5.table('publications').put({ sessionId: 's3', rev: 1, minRev: 1, publishedUpdatedAt: 1, firstPublishedAt: 1, lastPublishedAt: 1, problem: null, message: null });
  await v5.table('workspaceJobs').put({ id: 'publish:s3', kind: 'publish', sessionId: 's3', attempts: 0, notBefore: 5, createdAt: 1, problem: null, message: null });
  await v5.table('syncStatus').put({ id: 'status', running: null, lastPullAt: 1_800_000_000_000, lastError: null });
  v5.close();

  const db = new AppDB(name);
  await db.open();
  expect(db.verno).toBe(7);
  expect(db.tables.map((t) => t.name)).not.toContain('teamSessions');
  expect(await db.teamRows.count()).toBe(0);
  // The library opening pulls at once: the last pull is forgotten.
  expect(await db.syncStatus.get('status')).toEqual({ id: 'status', running: null, lastPullAt: null, lastError: null });
  expect(await db.teamCopies.get('s2')).toEqual({ sessionId: 's2', author: 'ann', authorName: 'Ann', rev: 3, openedAt: 9 });
  expect((await db.publications.get('s3'))?.rev).toBe(1);
  expect((await db.workspaceJobs.get('publish:s3'))?.notBefore).toBe(5);
  expect((await db.teamMembers.get('ann'))?.name).toBe('Ann');
  // The new tables answer the library's queries by their indexes.
  await db.teamRows.bulkPut([
    { sessionId: 'a', author: 'ann', authorName: 'Ann', from: 'index', etag: null, updatedAt: 2, entry: null },
    { sessionId: 'gone', author: 'ann', authorName: 'Ann', from: 'summary', etag: '"x"', entry: null },
  ]);
  expect(await db.teamRows.orderBy('updatedAt').primaryKeys()).toEqual(['a']);
  expect(await db.teamRows.where('from').equals('summary').primaryKeys()).toEqual(['gone']);
  db.close();
});

it('opens a version-6 database at version 7 with every record and image kept; images stored before are hashed once, when a publish needs them', async () => {
  const v6 = shipped(6);
  await v6.open();
  const pixels = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  await v6.table('images').put({ id: imageKey('sh1', 'full'), screenshotId: 'sh1', variant: 'full', blob: new Blob([pixels], { type: 'image/jpeg' }) });
  await v6.table('publications').put({ sessionId: 's3', rev: 2, minRev: 1, publishedUpdatedAt: 1, firstPublishedAt: 1, lastPublishedAt: 1, problem: null, message: null });
  await v6.table('teamRows').put({ sessionId: 'a', author: 'ann', authorName: 'Ann', from: 'index', etag: null, updatedAt: 2, entry: null });
  v6.close();

  const db = new AppDB(name);
  await db.open();
  expect(db.verno).toBe(7);
  expect((await db.publications.get('s3'))?.rev).toBe(2);
  expect(await db.teamRows.orderBy('updatedAt').primaryKeys()).toEqual(['a']);
  expect(new Uint8Array(await (await db.images.get(imageKey('sh1', 'full')))!.blob.arrayBuffer())).toEqual(pixels);
  // No digest yet: the first publish hashes the image, and keeps what it found.
  expect(await db.imageDigests.count()).toBe(0);
  const { digests } = await imageDigests(db, [imageKey('sh1', 'full'), imageKey('sh1', 'thumb')]);
  const kept = { id: imageKey('sh1', 'full'), sha256: await sha256Hex(pixels), size: pixels.length, mimeType: 'image/jpeg' };
  expect([...digests.values()]).toEqual([kept]);
  expect(await db.imageDigests.toArray()).toEqual([kept]);
  db.close();
});
