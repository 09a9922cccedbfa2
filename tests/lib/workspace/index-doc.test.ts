import { describe, expect, it } from 'vitest';
import { DavClient } from '@/lib/workspace/dav';
import type { Http, HttpRequest } from '@/lib/workspace/http';
import { encodeJson } from '@/lib/workspace/head';
import { indexPath } from '@/lib/workspace/layout';
import { parseIndex, putIndexEntry, thumbHashes } from '@/lib/workspace/index-doc';
import { publishDataOf } from '@/lib/workspace/source';
import { buildTeamEntry, withEntry, type TeamEntry } from '@/lib/library/team-index';
import { buildTeamSummary } from '@/lib/library/team-summary';
import { teamRows } from '@/lib/library/team-rows';
import { sha256Hex } from '@/lib/bundle/format';
import { sampleData } from '../bundle/sample';

// A member's index (members/<memberId>.index.json): what publish writes, how a conditional write
// that lost a race merges again instead of overwriting, and what a reader refuses.

const me = { memberId: 'alice-id', memberName: 'Alice' };
const data = sampleData();

async function entryOf(sessionId: string, rev = 1): Promise<TeamEntry> {
  const only = { sessions: data.sessions.filter((s) => s.id === sessionId), steps: data.steps.filter((s) => s.sessionId === sessionId), screenshots: data.screenshots.filter((s) => s.sessionId === sessionId) };
  const thumbs = thumbHashes({ screenshots: only.screenshots, images: (await publishDataOf(data)).images });
  return buildTeamEntry({ session: only.sessions[0]!, ...only, thumbs }, { rev, minRev: 1, now: 1_800_000_000_000 });
}

type Files = Map<string, { body: Uint8Array; etag: string }>;

/** Files with ETags; a `meanwhile` set on it runs once, just before the next PUT lands (another device writing). */
function folderWith() {
  const state: { meanwhile?: (files: Files) => void } = {};
  const files = new Map<string, { body: Uint8Array; etag: string }>();
  const requests: string[] = [];
  let version = 0;
  const http: Http = async (req: HttpRequest) => {
    const path = decodeURIComponent(new URL(req.url).pathname).replace(/^\/folder\//, '');
    requests.push(`${req.method} ${path}`);
    const answer = (status: number, body: Uint8Array = new Uint8Array(), etag: string | null = null) => ({ status, body, header: (n: string) => (n === 'etag' ? etag : null) });
    const had = files.get(path);
    if (req.method === 'GET') return had ? answer(200, had.body, had.etag) : answer(404);
    if (req.method !== 'PUT') return answer(405);
    const meanwhile = state.meanwhile;
    state.meanwhile = undefined;
    meanwhile?.(files);
    const now = files.get(path);
    const h = req.headers ?? {};
    if ((h['if-match'] && now?.etag !== h['if-match']) || (h['if-none-match'] && now)) return answer(412);
    files.set(path, { body: req.body instanceof Blob ? new Uint8Array(await req.body.arrayBuffer()) : req.body!, etag: `"${++version}"` });
    return answer(201);
  };
  return { state, files, requests, dav: new DavClient({ folderUrl: 'http://server/folder/', authorization: 'Basic x', http }) };
}

const read = (files: Map<string, { body: Uint8Array }>) => {
  const got = parseIndex(files.get(indexPath(me.memberId))!.body, me.memberId);
  if ('refused' in got) throw new Error(got.refused);
  return got.index;
};
const deps = (dav: DavClient) => ({ dav, now: () => 1_800_000_000_000, wait: async () => undefined });

describe('a member index', () => {
  it('holds light rows: each step names its thumbnail by the hash of the image file, no image bytes', async () => {
    const entry = await entryOf('sa');
    const thumb = data.images.find((i) => i.screenshotId === 'sh-1' && i.variant === 'thumb')!;
    expect(entry.steps[0]).toMatchObject({ note: 'Slow <script>x</script>', severity: 2, thumb: await sha256Hex(thumb.bytes) });
    expect(JSON.stringify(entry)).not.toMatch(/data:image/);
    // Smaller than the summary that carried the thumbnails, by the thumbnails.
    const summary = buildTeamSummary({ session: data.sessions[0]!, steps: data.steps.filter((s) => s.sessionId === 'sa'), screenshots: data.screenshots.filter((s) => s.sessionId === 'sa'), thumbs: new Map([['sh-1', `data:image/webp;base64,${btoa('x'.repeat(3000))}`]]) }, { rev: 1, minRev: 1, author: 'alice-id', authorName: 'Alice', now: 1 });
    expect(JSON.stringify(entry).length).toBeLessThan(JSON.stringify(summary).length - 3000);
  });

  it('is searched by its steps’ words and its author, as a summary was', async () => {
    const [row] = teamRows([{ ...(await entryOf('sa')), author: 'alice-id', authorName: 'Alice' }]);
    expect(row!.haystack).toContain('slow <script>x</script>');
    expect(row!.haystack).toContain('alice');
    expect(row!.thumbScreenshotId).toMatch(/^team:sa\/[0-9a-f]{64}$/);
  });

  it('a publish creates the index when there is none (If-None-Match) and replaces only its own session’s entry after', async () => {
    const folder = folderWith();
    await putIndexEntry(deps(folder.dav), me, await entryOf('sa'));
    await putIndexEntry(deps(folder.dav), me, await entryOf('sb'));
    await putIndexEntry(deps(folder.dav), me, await entryOf('sa', 2));
    expect(read(folder.files).sessions.map((e) => [e.sessionId, 'rev' in e ? e.rev : 'gone'])).toEqual([['sb', 1], ['sa', 2]]);
    await putIndexEntry(deps(folder.dav), me, { sessionId: 'sb', deleted: true, deletedAt: 5 });
    expect(read(folder.files).sessions.map((e) => [e.sessionId, 'deleted' in e])).toEqual([['sa', false], ['sb', true]]);
  });

  it('a 412 (the same member wrote from another device meanwhile) reads again and merges: both entries are kept', async () => {
    const other = await entryOf('sb');
    const folder = folderWith();
    await putIndexEntry(deps(folder.dav), me, await entryOf('sa'));
    folder.state.meanwhile = (files) => files.set(indexPath(me.memberId), { body: encodeJson(withEntry(read(files), me, other, 2)), etag: '"other-device"' });
    await putIndexEntry(deps(folder.dav), me, await entryOf('sa', 2));
    expect(read(folder.files).sessions.map((e) => e.sessionId).sort()).toEqual(['sa', 'sb']);
    expect(folder.requests.filter((r) => r.startsWith('PUT')).length).toBe(3);
  });

  it('a damaged index on the server is never written over (that would drop the member’s other sessions): the publish fails in words', async () => {
    const folder = folderWith();
    folder.files.set(indexPath(me.memberId), { body: new TextEncoder().encode('{"format":"mystery-shopper-team-index"'), etag: '"1"' });
    await expect(putIndexEntry(deps(folder.dav), me, await entryOf('sa'))).rejects.toMatchObject({ error: { problem: 'corrupt', message: expect.stringContaining('not JSON') } });
    expect(folder.requests.some((r) => r.startsWith('PUT'))).toBe(false);
  });

  it('a reader refuses, in words, an index that is not one: wrong author, a session twice, image bytes in place of a hash, a row of another session', async () => {
    const entry = await entryOf('sa');
    const doc = withEntry(null, me, entry, 1);
    const bytes = (v: unknown) => encodeJson(v);
    expect(parseIndex(bytes(doc), 'bob-id')).toEqual({ refused: 'it is the index of another member' });
    expect(parseIndex(bytes({ ...doc, sessions: [entry, entry] }), me.memberId)).toMatchObject({ refused: expect.stringContaining('lists a session twice') });
    const dataUrl = { ...entry, steps: entry.steps.map((s) => ({ ...s, thumb: 'data:image/webp;base64,AAAA' })) };
    expect(parseIndex(bytes({ ...doc, sessions: [dataUrl] }), me.memberId)).toMatchObject({ refused: expect.stringMatching(/^not a team index \(sessions\.0\.steps\.0\.thumb: /) });
    expect(parseIndex(bytes({ ...doc, sessions: [{ ...entry, sessionId: 'sb' }] }), me.memberId)).toMatchObject({ refused: expect.stringContaining('its row names another session') });
    expect(parseIndex(new TextEncoder().encode('<html>'), me.memberId)).toEqual({ refused: 'not JSON' });
    expect(parseIndex(bytes(doc), me.memberId)).toEqual({ index: doc });
  });
});
