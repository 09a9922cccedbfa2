import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebdav } from '../../support/webdav.mjs';
import { AppFailure, userMessage } from '@/lib/errors';
import { diskRoom, MB, refusalFor } from '@/lib/storage/reserve';
import { writeMember } from '@/lib/workspace/connect';
import { enqueue } from '@/lib/workspace/queue';
import { davFor, openTeamSession, pull, runQueue } from '@/lib/workspace/sync';
import { sampleData, seedDb } from '../bundle/sample';
import { snapshotDb } from '../fixtures';
import { device, type Device } from './member';

// A pull or an open writes what it downloads, so the disk reserve refuses it as it refuses a
// capture or an import: with the same storage-full sentence, before anything is written.

let server: Awaited<ReturnType<typeof startWebdav>>;
let alice: Device;

beforeAll(async () => {
  server = await startWebdav({ users: { alice: 'alice-pass', bob: 'bob-pass' }, folders: ['reserve'] });
  alice = device(server.origin, 'alice', 'alice-pass', 'alice-id', 'Alice', 'reserve');
  const data = sampleData();
  const inSa = <T extends { sessionId: string }>(rows: T[]) => rows.filter((r) => r.sessionId === 'sa');
  await seedDb(alice.db, { ...data, sessions: data.sessions.filter((s) => s.id === 'sa'), steps: inSa(data.steps), screenshots: inSa(data.screenshots), images: data.images.filter((i) => ['sh-1', 'sh-2', 'sh-4'].includes(i.screenshotId)) });
  await writeMember(davFor(alice.deps, alice.config), 'alice-id', 'Alice');
  await enqueue(alice.db, 'publish', 'sa', alice.clock.time);
  await runQueue(alice.deps);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/**
 * Bob's disk, as lib/browser/storage.ts's ensureRoom sees it: `free` bytes left above nothing,
 * a 50 MB reserve. Records every size it was asked about.
 */
function bobWithDisk(free: number) {
  const bob = device(server.origin, 'bob', 'bob-pass', 'bob-id', 'Bob', 'reserve');
  const asked: number[] = [];
  const room = diskRoom({ quota: 10_000 * MB, usage: 10_000 * MB - free }, 50, 10_000 * MB);
  bob.deps.ensureRoom = async (bytes) => {
    asked.push(bytes);
    const refusal = refusalFor(room, bytes);
    if (refusal) throw new AppFailure(refusal);
  };
  return { bob, asked };
}

const storageFull = (free: number) => ({ error: { kind: 'storage-full', freeBytes: free } });

describe('workspace downloads and the disk reserve', { timeout: 60_000 }, () => {
  it('a pull is refused inside the reserve, with the storage-full sentence, and writes nothing (not even its status)', async () => {
    const free = 40 * MB;
    const { bob } = bobWithDisk(free);
    const before = await snapshotDb(bob.db);
    const error = await pull(bob.deps).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject(storageFull(free));
    expect(userMessage((error as AppFailure).error)).toBe('Your disk is almost full: 40 MB left. Free space or delete sessions; nothing was saved.');
    expect(await snapshotDb(bob.db)).toEqual(before);
  });

  it('a pull whose downloads would cross the reserve stores none of them', async () => {
    // 50 MB reserve + 100 bytes: room to start, not for the team library's summaries.
    const { bob, asked } = bobWithDisk(50 * MB + 100);
    await expect(pull(bob.deps)).rejects.toMatchObject(storageFull(50 * MB + 100));
    expect(asked.at(-1)).toBeGreaterThan(100);
    expect(await bob.db.teamRows.count()).toBe(0);
    expect(await bob.db.teamMembers.count()).toBe(0);
  });

  it('opening a team session whose revision would cross the reserve is refused before any record or image is stored', async () => {
    const roomy = bobWithDisk(1_000 * MB);
    await pull(roomy.bob.deps);
    // The same device, its disk now nearly full: room for the pull's summaries, not for the pixels.
    const free = 50 * MB + 2_000;
    const tight = bobWithDisk(free);
    tight.bob.db = roomy.bob.db;
    tight.bob.deps.db = roomy.bob.db;
    const before = await snapshotDb(roomy.bob.db);
    await expect(openTeamSession(tight.bob.deps, 'sa')).rejects.toMatchObject(storageFull(free));
    const after = await snapshotDb(roomy.bob.db);
    for (const table of ['sessions', 'steps', 'screenshots', 'images', 'teamCopies']) expect(after[table]).toEqual(before[table]);
    // With room, the same open goes through.
    expect(await openTeamSession(roomy.bob.deps, 'sa')).toEqual({ sessionId: 'sa', readOnly: true });
    expect(await roomy.bob.db.steps.where('sessionId').equals('sa').count()).toBe(3);
  });
});
