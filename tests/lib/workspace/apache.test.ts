import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebdav } from '../../support/webdav.mjs';
import { startFaultProxy } from '../../support/fault-proxy.mjs';
import { basicAuth } from '@/lib/workspace/config';
import { DavClient } from '@/lib/workspace/dav';
import { testConnection, writeMember } from '@/lib/workspace/connect';
import { fetchHttp } from '@/lib/workspace/http';
import { enqueue } from '@/lib/workspace/queue';
import { assertWritable, davFor, openTeamSession, pull, queueFollowUps, runQueue, SETTLE_MS } from '@/lib/workspace/sync';
import { fetchTeamThumb } from '@/lib/workspace/thumbs';
import { sha256Hex } from '@/lib/bundle/format';
import { writeImages } from '@/lib/storage/images';
import { sampleData, seedDb } from '../bundle/sample';
import { snapshotDb } from '../fixtures';
import { device, type Device } from './member';

// The workspace against a real Apache mod_dav on 127.0.0.1 (tests/support/webdav.mjs), two members
// each with their own database, and faults injected by the proxy between one of them and the server.

let server: Awaited<ReturnType<typeof startWebdav>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let alice: Device;
let bob: Device;

beforeAll(async () => {
  server = await startWebdav({ users: { alice: 'alice-pass', bob: 'bob-pass' }, folders: ['team', 'faults'] });
  proxy = await startFaultProxy({ target: server.origin });
}, 30_000);
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});
afterEach(() => proxy.clear());

let folder = 'team';
async function freshPair(name: string) {
  folder = name;
  // Alice talks through the proxy (faults), Bob straight to the server.
  alice = device(proxy.origin, 'alice', 'alice-pass', 'alice-id', 'Alice', folder);
  bob = device(server.origin, 'bob', 'bob-pass', 'bob-id', 'Bob', folder);
  const data = sampleData();
  await seedDb(alice.db, { ...data, sessions: data.sessions.filter((s) => s.id === 'sa'), steps: data.steps.filter((s) => s.sessionId === 'sa'), screenshots: data.screenshots.filter((s) => s.sessionId === 'sa'), images: data.images.filter((i) => ['sh-1', 'sh-2', 'sh-4'].includes(i.screenshotId)) });
  await writeMember(davFor(alice.deps, alice.config), 'alice-id', 'Alice');
}

const onServer = (path: string) => (existsSync(join(server.dir, folder, path)) ? readdirSync(join(server.dir, folder, path)) : []);

// A real server on a busy machine: each test gets a minute, not vitest's five seconds.
describe('connecting', { timeout: 60_000 }, () => {
  it('lists, writes, reads and deletes a probe before saving, and leaves nothing behind', async () => {
    const dav = new DavClient({ folderUrl: `${server.origin}/team/`, authorization: basicAuth('alice', 'alice-pass'), http: fetchHttp() });
    await testConnection(dav, 'probe1');
    expect(onServer('mystery-shopper').filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('says in words that the server refused the password', async () => {
    const dav = new DavClient({ folderUrl: `${server.origin}/team/`, authorization: basicAuth('alice', 'wrong'), http: fetchHttp() });
    await expect(testConnection(dav, 'probe2')).rejects.toMatchObject({ error: { problem: 'auth', message: expect.stringContaining('The server refused the password') } });
  });

  it('says the server could not be reached when nothing listens', async () => {
    const dav = new DavClient({ folderUrl: 'http://127.0.0.1:9/team/', authorization: basicAuth('a', 'b'), http: fetchHttp() });
    await expect(testConnection(dav, 'probe3')).rejects.toMatchObject({ error: { problem: 'unreachable' } });
  });
});

describe('two members on one workspace', { timeout: 60_000 }, () => {
  beforeAll(() => freshPair('team'), 60_000);

  it('Alice publishes; Bob pulls and sees it under her name; opening it downloads a read-only copy', async () => {
    await enqueue(alice.db, 'publish', 'sa', alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(1);
    expect(await alice.db.publications.get('sa')).toMatchObject({ rev: 1, problem: null });

    await pull(bob.deps);
    const team = await bob.db.teamRows.get('sa');
    expect(team).toMatchObject({ author: 'alice-id', authorName: 'Alice', from: 'index', entry: { rev: 1, row: { title: 'Kettle checkout <b>audit</b>', stepCount: 3 } } });
    // A light row: the step's words and figures, its thumbnail only named, by the hash of its file.
    const first = team!.entry!.steps[0]!;
    expect(first).toMatchObject({ severity: 2, tags: ['slow'], note: 'Slow <script>x</script>', stage: 'Discover', thumb: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(onServer('mystery-shopper/sessions/sa/images')).toContain(first.thumb);
    expect((await bob.db.teamMembers.get('alice-id'))?.name).toBe('Alice');
    // Shown, the thumbnail is fetched once, checked against its name, and kept.
    expect(await bob.db.teamThumbs.count()).toBe(0);
    await fetchTeamThumb(bob.deps, 'sa', first.thumb!);
    const thumb = await bob.db.teamThumbs.get(`sa/${first.thumb}`);
    expect({ mime: thumb?.mimeType, hash: thumb && (await sha256Hex(thumb.bytes)) }).toEqual({ mime: 'image/webp', hash: first.thumb });
    await expect(fetchTeamThumb(bob.deps, 'sa', 'f'.repeat(64))).rejects.toMatchObject({ error: { problem: 'missing' } });

    expect(await openTeamSession(bob.deps, 'sa')).toEqual({ sessionId: 'sa', readOnly: true });
    expect(await bob.db.steps.where('sessionId').equals('sa').count()).toBe(3);
    expect(await bob.db.images.count()).toBe(6);
    await expect(assertWritable(bob.db, { stepId: 'a1' })).rejects.toMatchObject({ error: { problem: 'not-author', message: expect.stringContaining('belongs to Alice') } });
  });

  it('a second pull fetches nothing that did not change', async () => {
    const before = proxy.log.length;
    const result = await pull(bob.deps);
    expect(result).toMatchObject({ changed: 0, bytes: 0 });
    expect(proxy.log.length).toBe(before);
  });

  it('Alice edits; once the edits settle the session is republished, and Bob sees the change', async () => {
    await alice.db.steps.update('a1', { note: 'Slow, and the total changed' });
    alice.clock.time += 1000;
    await alice.db.sessions.update('sa', { updatedAt: alice.clock.time });
    await queueFollowUps(alice.db, alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(0); // not settled yet
    alice.clock.time += SETTLE_MS;
    expect(await runQueue(alice.deps)).toBe(1);
    expect((await alice.db.publications.get('sa'))?.rev).toBe(2);
    // Images are stored once: the second revision uploaded none.
    expect(onServer('mystery-shopper/sessions/sa/images')).toHaveLength(6);

    await pull(bob.deps);
    expect((await bob.db.teamRows.get('sa'))?.entry?.steps[0]?.note).toBe('Slow, and the total changed');
    // The stale copy was dropped; opening again downloads revision 2.
    expect(await bob.db.teamCopies.get('sa')).toBeUndefined();
    await openTeamSession(bob.deps, 'sa');
    expect((await bob.db.steps.get('a1'))?.note).toBe('Slow, and the total changed');
  });

  it('Bob cannot publish over Alice: nothing is overwritten and his device keeps its version', async () => {
    await enqueue(bob.db, 'publish', 'sa', bob.clock.time);
    await runQueue(bob.deps);
    expect((await bob.db.syncStatus.get('status'))?.lastError).toMatchObject({ problem: 'not-author' });
    await pull(alice.deps);
    expect(await alice.db.teamRows.get('sa')).toMatchObject({ author: 'alice-id', entry: { rev: 2 } });
  });

  it('a burned redaction deletes every older revision and image that held the pixels; Bob drops his copy', async () => {
    const shot = (await alice.db.images.get('sh-1/full'))!;
    const oldBytes = new Uint8Array(await shot.blob.arrayBuffer());
    const burned = oldBytes.slice();
    burned.fill(0x70, 100, 2000);
    // Through the one writer of images, as annotate.ts burns a redaction: it drops the image's kept digest first.
    await writeImages(alice.db, [{ ...shot, blob: new Blob([burned], { type: shot.blob.type }) }], (rows) =>
      alice.db.transaction('rw', [alice.db.images, alice.db.screenshots], async () => {
        await alice.db.images.bulkPut(rows);
        await alice.db.screenshots.update('sh-1', { bytes: burned.length });
        return true;
      }),
    );
    alice.clock.time += 1000;
    await alice.db.sessions.update('sa', { updatedAt: alice.clock.time });
    await queueFollowUps(alice.db, alice.clock.time);
    alice.clock.time += SETTLE_MS;
    expect(await runQueue(alice.deps)).toBe(1);
    const revs = onServer('mystery-shopper/sessions/sa').filter((n) => n.startsWith('rev-'));
    expect(revs).toEqual([expect.stringMatching(/^rev-3-/)]);
    expect(onServer('mystery-shopper/sessions/sa/images')).not.toContain(await sha256Hex(oldBytes));
    expect(onServer('mystery-shopper/sessions/sa/images')).toContain(await sha256Hex(burned));

    await pull(bob.deps);
    expect((await bob.db.teamRows.get('sa'))?.entry).toMatchObject({ rev: 3, minRev: 3 });
    expect(await bob.db.sessions.get('sa')).toBeUndefined();
    expect(await bob.db.images.count()).toBe(0);
  });

  it('a deleted session becomes a tombstone, and Bob drops it for good', async () => {
    await openTeamSession(bob.deps, 'sa');
    await alice.db.transaction('rw', [alice.db.sessions, alice.db.steps, alice.db.screenshots, alice.db.images], async () => {
      await alice.db.images.clear();
      await alice.db.screenshots.clear();
      await alice.db.steps.clear();
      await alice.db.sessions.delete('sa');
    });
    await queueFollowUps(alice.db, alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(1);
    expect(await alice.db.publications.get('sa')).toBeUndefined();
    expect(onServer('mystery-shopper/sessions/sa')).toEqual(['head.json']);

    await pull(bob.deps);
    expect((await bob.db.teamRows.get('sa'))?.entry).toBeNull();
    expect(await bob.db.teamThumbs.count()).toBe(0);
    expect(await bob.db.sessions.get('sa')).toBeUndefined();
    await expect(openTeamSession(bob.deps, 'sa')).rejects.toMatchObject({ error: { problem: 'deleted' } });
  });
});

describe('faults between Alice and the server', { timeout: 60_000 }, () => {
  beforeAll(() => freshPair('faults'), 60_000);

  async function publishThrough(fault: Parameters<typeof proxy.inject>[1], match: Parameters<typeof proxy.inject>[0], words: RegExp) {
    alice.clock.time += 1000;
    const before = await snapshotDb(alice.db);
    proxy.inject(match, fault);
    await enqueue(alice.db, 'publish', 'sa', alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(0);
    const job = await alice.db.workspaceJobs.get('publish:sa');
    expect(job?.message).toMatch(words);
    expect((await alice.db.syncStatus.get('status'))?.lastError?.message).toMatch(words);
    // Nothing of the session changed on this device.
    const after = await snapshotDb(alice.db);
    for (const table of ['sessions', 'steps', 'screenshots', 'images']) expect(after[table]).toEqual(before[table]);
    proxy.clear();
    alice.clock.time += 60 * 60_000;
    expect(await runQueue(alice.deps)).toBe(1);
    expect(await alice.db.workspaceJobs.count()).toBe(0);
  }

  it('the server is full (507): queued, said in words, retried to success', () =>
    publishThrough({ status: 507 }, { method: 'PUT' }, /The server is full/));

  it('a server error (500) on the index, after the head committed: queued and retried to success', () =>
    publishThrough({ status: 500 }, { method: 'PUT', path: /\.index\.json$/ }, /The server had a problem/));

  it('a connection cut mid-upload: queued and retried to success', () =>
    publishThrough({ cutUploadAfter: 100 }, { method: 'PUT', path: /\/rev-\d+-/ }, /could not be reached/));

  it('a 412 on the index that does not go away: never written over unseen, retried later', () =>
    publishThrough({ status: 412 }, { method: 'PUT', path: /\.index\.json$/ }, /retried in a moment/));

  it('the server down: queued and retried to success', () => publishThrough({ refuse: true }, {}, /could not be reached/));

  it('a 412 on head.json that nobody caused is retried shortly, never taken as leave to overwrite', () =>
    publishThrough({ status: 412 }, { method: 'PUT', path: /head\.json$/ }, /retried in a moment/));

  it('a locked folder (423): queued and retried', () => publishThrough({ status: 423 }, { method: 'PUT' }, /locked/));

  it('temporary uploads a cut connection left in our session folder are deleted by the next publish, once they are old', async () => {
    const dir = join(server.dir, folder, 'mystery-shopper/sessions/sa');
    const leave = (path: string, ageMs: number) => {
      writeFileSync(join(dir, path), 'half a file');
      const at = new Date(alice.clock.time - ageMs);
      utimesSync(join(dir, path), at, at);
    };
    leave('images/.upload-cut-image', 3 * 60 * 60_000);
    leave('.upload-cut-revision', 3 * 60 * 60_000);
    // Young: another device of the same member may be uploading it right now.
    leave('images/.upload-live', 60_000);
    alice.clock.time += 1000;
    await enqueue(alice.db, 'publish', 'sa', alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(1);
    expect(onServer('mystery-shopper/sessions/sa/images').filter((n) => n.startsWith('.upload-'))).toEqual(['.upload-live']);
    expect(onServer('mystery-shopper/sessions/sa').filter((n) => n.startsWith('.upload-'))).toEqual([]);
    rmSync(join(dir, 'images/.upload-live'));
  });

  it('a refused password (401) blocks the queue until the user acts', async () => {
    proxy.inject({}, { status: 401 });
    await alice.db.sessions.update('sa', { updatedAt: alice.clock.time + 1 });
    await enqueue(alice.db, 'publish', 'sa', alice.clock.time);
    await runQueue(alice.deps);
    const job = await alice.db.workspaceJobs.get('publish:sa');
    expect(job).toMatchObject({ problem: 'auth', notBefore: Infinity });
    expect(job?.message).toMatch(/The server refused the password/);
    proxy.clear();
    const { releaseAll } = await import('@/lib/workspace/queue');
    await releaseAll(alice.db, alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(1);
  });

  it('an image left short on the server (an upload torn on a server that writes in place) is sent again; the session opens whole', async () => {
    const dav = davFor(alice.deps, alice.config);
    const path = `mystery-shopper/sessions/sa/images/${onServer('mystery-shopper/sessions/sa/images')[0]!}`;
    const whole = (await dav.get(path))!.body;
    await dav.put(path, whole.slice(0, 100));
    alice.clock.time += 1000;
    await enqueue(alice.db, 'publish', 'sa', alice.clock.time);
    expect(await runQueue(alice.deps)).toBe(1);
    expect((await dav.get(path))!.body).toEqual(whole);
    const reader = device(server.origin, 'bob', 'bob-pass', 'bob-id', 'Bob', folder);
    await pull(reader.deps);
    expect(await openTeamSession(reader.deps, 'sa')).toEqual({ sessionId: 'sa', readOnly: true });
  });

  it('a connection cut mid-download changes nothing on the reader, and the next try succeeds', async () => {
    // Bob through the proxy this time.
    const reader = device(proxy.origin, 'bob', 'bob-pass', 'bob-id', 'Bob', folder);
    await pull(reader.deps);
    const before = await snapshotDb(reader.db);
    proxy.inject({ method: 'GET', path: /\/images\// }, { cutDownloadAfter: 200 }, 1);
    await expect(openTeamSession(reader.deps, 'sa')).rejects.toMatchObject({ error: { problem: 'unreachable' } });
    const after = await snapshotDb(reader.db);
    for (const table of ['sessions', 'steps', 'screenshots', 'images', 'teamCopies']) expect(after[table]).toEqual(before[table]);
    await openTeamSession(reader.deps, 'sa');
    expect(await reader.db.steps.where('sessionId').equals('sa').count()).toBe(3);
  });

  it('a damaged file on the server is refused like a bad import and changes nothing', async () => {
    const reader = device(server.origin, 'bob', 'bob-pass', 'bob-id', 'Bob', folder);
    await pull(reader.deps);
    const dav = davFor(reader.deps, alice.config);
    const images = onServer('mystery-shopper/sessions/sa/images');
    // Replace one image with other bytes of the same length: its checksum no longer matches.
    const victim = images[0]!;
    const got = await dav.get(`mystery-shopper/sessions/sa/images/${victim}`);
    const evil = got!.body.slice();
    evil[evil.length - 1] = 0xff - evil[evil.length - 1]!;
    await dav.put(`mystery-shopper/sessions/sa/images/${victim}`, evil);
    const before = await snapshotDb(reader.db);
    await expect(openTeamSession(reader.deps, 'sa')).rejects.toMatchObject({ error: { problem: 'corrupt', message: expect.stringMatching(/damaged/) } });
    const after = await snapshotDb(reader.db);
    for (const table of ['sessions', 'steps', 'screenshots', 'images', 'teamCopies']) expect(after[table]).toEqual(before[table]);
  });
});
