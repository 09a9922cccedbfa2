import { z } from 'zod';
import type { DavClient } from './dav';
import { baseName, INDEX_SUFFIX, indexPath, MEMBERS, SAFE_NAME, SUMMARIES } from './layout';
import { SummaryDocSchema, type SummaryDoc } from '../library/team-summary';
import type { TeamIndex } from '../library/team-index';
import { parseIndex } from './index-doc';
import { eachLimited } from './pool';
import { serialQueue } from '../serial';

// Pulling the team library: one PROPFIND of members/ lists every member file and every author's
// index with its ETag; only indexes whose ETag changed since the last pull are fetched, and each is
// handed to `store` as soon as it is read and checked, so the first author's rows are on screen
// while the others still download. Then summaries/, which only versions before the index wrote:
// a summary there is fetched (once, by ETag) only when no index lists its session. A file that
// fails validation is skipped and reported, never stored: a hostile or damaged file changes nothing.

export const MemberSchema = z.strictObject({ memberId: z.string().regex(SAFE_NAME), name: z.string().trim().min(1).max(100) });
export type MemberDoc = z.infer<typeof MemberSchema>;

export interface Known {
  members: ReadonlyMap<string, string>;
  /** memberId → the ETag of their index as last stored */
  indexes: ReadonlyMap<string, string>;
  /** sessionId → author, of every row stored from an index (tombstones too) */
  indexed: ReadonlyMap<string, string>;
  /** sessionId → the ETag of the pre-index summary its row was read from */
  summaries: ReadonlyMap<string, string>;
}

/** What a pull learned, handed over piece by piece, each to be stored before the next is read. */
export type PullChange =
  | { kind: 'members'; members: Array<{ doc: MemberDoc; etag: string }> }
  | { kind: 'index'; memberId: string; etag: string; index: TeamIndex; bytes: number }
  /** Authors whose index is gone from the server: their rows go. */
  | { kind: 'indexes-gone'; memberIds: string[] }
  /** Pre-index summaries fetched, and sessions whose summary is gone (or that an index lists now). */
  | { kind: 'summaries'; changed: Array<{ doc: SummaryDoc; etag: string }>; gone: string[]; bytes: number };

export interface PullResult {
  /** Files refused, with why, for the status line. */
  refused: string[];
  /** Bytes of the files fetched (listings excluded). */
  bytes: number;
}

const MAX_SUMMARY_BYTES = 16 * 1024 ** 2;

/**
 * ETags compared weakly (RFC 9110's weak comparison): Apache marks a file's ETag weak for a second
 * after a write and strong afterwards, with the same value, and that is no change worth a download.
 */
const sameness = (etag: string | null) => (etag ?? '').replace(/^W\//, '');

export async function pullTeam(dav: DavClient, known: Known, store: (change: PullChange) => Promise<void>, progress?: (done: number, total: number) => void): Promise<PullResult> {
  const result: PullResult = { refused: [], bytes: 0 };
  const files = async (dir: string) =>
    (await dav.list(dir)).filter((e) => !e.isCollection && e.path.endsWith('.json')).map((e) => ({ name: baseName(e.path), etag: sameness(e.etag), length: e.length }));
  const changed = (etag: string, had: string | undefined) => !etag || had !== etag;

  const inMembers = await files(MEMBERS);
  const memberFiles = inMembers.flatMap((f) => (f.name.endsWith(INDEX_SUFFIX) ? [] : [{ ...f, id: f.name.slice(0, -'.json'.length) }])).filter((f) => SAFE_NAME.test(f.id));
  const indexFiles = inMembers.flatMap((f) => (f.name.endsWith(INDEX_SUFFIX) ? [{ ...f, id: f.name.slice(0, -INDEX_SUFFIX.length) }] : [])).filter((f) => SAFE_NAME.test(f.id));
  const membersToFetch = memberFiles.filter((f) => changed(f.etag, known.members.get(f.id)));
  const indexesToFetch = indexFiles.filter((f) => changed(f.etag, known.indexes.get(f.id)));

  let done = 0;
  let total = membersToFetch.length + indexesToFetch.length;
  const read = async (path: string, length: number | null, max: number) => {
    if (length !== null && length > max) {
      result.refused.push(`${path}: larger than ${max / 1024 ** 2} MiB`);
      return undefined;
    }
    const got = await dav.get(path);
    progress?.(++done, total);
    if (!got) return undefined;
    result.bytes += got.body.length;
    return got.body;
  };
  const json = (path: string, body: Uint8Array) => {
    try {
      return JSON.parse(new TextDecoder().decode(body)) as unknown;
    } catch {
      result.refused.push(`${path}: not JSON`);
      return undefined;
    }
  };

  // Indexes first: they are the library's rows. Who lists which session, as far as known after each.
  const owner = new Map(known.indexed);
  // Downloads overlap; checking and storing go one index at a time, so the first is stored (and on
  // screen) after one check, not after the checks of every index that arrived with it.
  const oneByOne = serialQueue();
  await eachLimited(indexesToFetch, async (file) => {
    const path = indexPath(file.id);
    const body = await read(path, file.length, Infinity);
    if (!body) return;
    await oneByOne(async () => {
      const got = parseIndex(body, file.id);
      if ('refused' in got) return void result.refused.push(`${path}: ${got.refused}`);
      // One author per session: an index claiming a session another member's index lists is refused whole.
      const claimed = got.index.sessions.find((e) => (owner.get(e.sessionId) ?? file.id) !== file.id);
      if (claimed) return void result.refused.push(`${path}: it lists ${claimed.sessionId}, a session of another member`);
      for (const e of got.index.sessions) owner.set(e.sessionId, file.id);
      await store({ kind: 'index', memberId: file.id, etag: file.etag, index: got.index, bytes: body.length });
    });
  });
  const present = new Set(indexFiles.map((f) => f.id));
  const indexesGone = [...known.indexes.keys()].filter((id) => !present.has(id));
  if (indexesGone.length > 0) await store({ kind: 'indexes-gone', memberIds: indexesGone });
  for (const [sessionId, author] of owner) if (indexesGone.includes(author)) owner.delete(sessionId);

  const members: Array<{ doc: MemberDoc; etag: string }> = [];
  await eachLimited(membersToFetch, async (file) => {
    const path = `${MEMBERS}${file.id}.json`;
    const body = await read(path, file.length, MAX_SUMMARY_BYTES);
    const doc = body && json(path, body);
    if (doc === undefined) return;
    const parsed = MemberSchema.safeParse(doc);
    if (parsed.success && parsed.data.memberId === file.id) members.push({ doc: parsed.data, etag: file.etag });
    else result.refused.push(`${path}: not a member document`);
  });
  if (members.length > 0) await store({ kind: 'members', members });

  // Sessions published before indexes: their own summaries, unless an index lists them now.
  const summaries = (await files(SUMMARIES)).map((f) => ({ ...f, id: f.name.slice(0, -'.json'.length) })).filter((f) => SAFE_NAME.test(f.id) && !owner.has(f.id));
  const listed = new Set(summaries.map((f) => f.id));
  const gone = [...known.summaries.keys()].filter((id) => !listed.has(id));
  const toFetch = summaries.filter((f) => changed(f.etag, known.summaries.get(f.id)));
  total += toFetch.length;
  const fetched: Array<{ doc: SummaryDoc; etag: string }> = [];
  let bytes = 0;
  await eachLimited(toFetch, async (file) => {
    const path = `${SUMMARIES}${file.id}.json`;
    const body = await read(path, file.length, MAX_SUMMARY_BYTES);
    const doc = body && json(path, body);
    if (doc === undefined) return;
    bytes += body!.length;
    const parsed = SummaryDocSchema.safeParse(doc);
    if (parsed.success && parsed.data.sessionId === file.id) fetched.push({ doc: parsed.data, etag: file.etag });
    else result.refused.push(`${path}: ${parsed.success ? 'names another session' : 'not a session summary'}`);
  });
  if (fetched.length > 0 || gone.length > 0) await store({ kind: 'summaries', changed: fetched, gone, bytes });
  return result;
}
