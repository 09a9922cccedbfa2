import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebdav } from '../../support/webdav.mjs';
import { pull } from '@/lib/workspace/sync';
import { buildTeamSummary } from '@/lib/library/team-summary';
import { sha256Hex } from '@/lib/bundle/format';
import { sampleData } from '../bundle/sample';
import { device } from './member';

// A server written by a version before indexes: a summary per session, thumbnails inside. Those
// sessions still appear (read once, by ETag); a damaged index beside them changes nothing.

let server: Awaited<ReturnType<typeof startWebdav>>;
const root = () => join(server.dir, 'old', 'mystery-shopper');
const put = (path: string, body: string | Uint8Array) => {
  mkdirSync(join(root(), path, '..'), { recursive: true });
  writeFileSync(join(root(), path), body);
};

beforeAll(async () => {
  server = await startWebdav({ users: { bob: 'bob-pass' }, folders: ['old'] });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

describe('a workspace from before the index', { timeout: 60_000 }, () => {
  it('lists a session published as a summary only, its thumbnail named by the hash of its bytes; a bad index is refused in words and stores nothing', async () => {
    const data = sampleData();
    const thumb = data.images.find((i) => i.screenshotId === 'sh-1' && i.variant === 'thumb')!;
    const url = `data:${thumb.mimeType};base64,${Buffer.from(thumb.bytes).toString('base64')}`;
    const summary = buildTeamSummary(
      { session: data.sessions[0]!, steps: data.steps.filter((s) => s.sessionId === 'sa'), screenshots: data.screenshots.filter((s) => s.sessionId === 'sa'), thumbs: new Map([['sh-1', url]]) },
      { rev: 2, minRev: 1, author: 'alice-id', authorName: 'Alice', now: 5 },
    );
    put('summaries/sa.json', JSON.stringify(summary));
    put('members/alice-id.json', JSON.stringify({ memberId: 'alice-id', name: 'Alice' }));
    put('members/mallory.index.json', JSON.stringify({ format: 'mystery-shopper-team-index', version: 1, author: 'mallory', authorName: 'M', updatedAt: 1, sessions: [{ sessionId: 'x', deleted: 'yes' }] }));

    const bob = device(server.origin, 'bob', 'bob-pass', 'bob-id', 'Bob', 'old');
    const first = await pull(bob.deps);
    expect(first.refused).toEqual([expect.stringMatching(/^mystery-shopper\/members\/mallory\.index\.json: not a team index \(sessions\.0/)]);
    const row = await bob.db.teamRows.get('sa');
    expect(row).toMatchObject({ from: 'summary', author: 'alice-id', authorName: 'Alice', entry: { rev: 2, row: { title: 'Kettle checkout <b>audit</b>' } } });
    expect(row!.entry!.steps[0]!.thumb).toBe(await sha256Hex(thumb.bytes));
    expect(await bob.db.teamIndexes.count()).toBe(0);
    // Nothing changed: nothing is fetched again but the refused index (it may be mended).
    const again = await pull(bob.deps);
    expect({ changed: again.changed, refused: again.refused.length }).toEqual({ changed: 0, refused: 1 });

    // The author's index now lists the session (a publish by today's version): the index wins.
    const entry = { ...row!.entry!, rev: 3 };
    put('members/alice-id.index.json', JSON.stringify({ format: 'mystery-shopper-team-index', version: 1, author: 'alice-id', authorName: 'Alice', updatedAt: 9, sessions: [entry] }));
    expect((await pull(bob.deps)).changed).toBe(1);
    expect(await bob.db.teamRows.get('sa')).toMatchObject({ from: 'index', entry: { rev: 3 } });
  });
});
