import { z } from 'zod';
import type { DavClient } from './dav';
import { baseName, MEMBERS, SAFE_NAME, SUMMARIES } from './layout';
import { SummaryDocSchema, type SummaryDoc } from '../library/team-summary';
import { eachLimited } from './pool';

// Pulling the team library: one PROPFIND of summaries/ and one of members/ list everything with its
// ETag; only files whose ETag changed since the last pull are fetched. A file that fails validation
// is skipped and reported, never stored: a hostile or damaged file changes nothing here.

export const MemberSchema = z.strictObject({ memberId: z.string().regex(SAFE_NAME), name: z.string().trim().min(1).max(100) });
export type MemberDoc = z.infer<typeof MemberSchema>;

export interface Known {
  /** sessionId → the ETag its summary had when last fetched */
  summaries: ReadonlyMap<string, string>;
  members: ReadonlyMap<string, string>;
}

export interface PullResult {
  changed: Array<{ doc: SummaryDoc; etag: string }>;
  /** Sessions whose summary is gone from the server. */
  gone: string[];
  members: Array<{ doc: MemberDoc; etag: string }>;
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

export async function pullTeam(dav: DavClient, known: Known, progress?: (done: number, total: number) => void): Promise<PullResult> {
  const result: PullResult = { changed: [], gone: [], members: [], refused: [], bytes: 0 };
  const listed = async (dir: string, have: ReadonlyMap<string, string>) => {
    const files = (await dav.list(dir)).filter((e) => !e.isCollection && e.path.endsWith('.json'));
    const ids = files.map((e) => ({ id: baseName(e.path).slice(0, -'.json'.length), etag: sameness(e.etag), length: e.length }));
    return { all: ids.filter((f) => SAFE_NAME.test(f.id)), fetch: ids.filter((f) => SAFE_NAME.test(f.id) && (!f.etag || have.get(f.id) !== f.etag)) };
  };
  const summaries = await listed(SUMMARIES, known.summaries);
  const members = await listed(MEMBERS, known.members);
  const present = new Set(summaries.all.map((f) => f.id));
  result.gone = [...known.summaries.keys()].filter((id) => !present.has(id));

  const total = summaries.fetch.length + members.fetch.length;
  let done = 0;
  const read = async (dir: string, id: string, length: number | null) => {
    if (length !== null && length > MAX_SUMMARY_BYTES) {
      result.refused.push(`${dir}${id}.json: larger than ${MAX_SUMMARY_BYTES / 1024 ** 2} MiB`);
      return undefined;
    }
    const got = await dav.get(`${dir}${id}.json`);
    progress?.(++done, total);
    if (!got) return undefined;
    result.bytes += got.body.length;
    try {
      return { json: JSON.parse(new TextDecoder().decode(got.body)) as unknown, etag: got.etag };
    } catch {
      result.refused.push(`${dir}${id}.json: not JSON`);
      return undefined;
    }
  };
  await eachLimited(members.fetch, async (file) => {
    const got = await read(MEMBERS, file.id, file.length);
    if (!got) return;
    const parsed = MemberSchema.safeParse(got.json);
    if (parsed.success && parsed.data.memberId === file.id) result.members.push({ doc: parsed.data, etag: file.etag });
    else result.refused.push(`${MEMBERS}${file.id}.json: not a member document`);
  });
  await eachLimited(summaries.fetch, async (file) => {
    const got = await read(SUMMARIES, file.id, file.length);
    if (!got) return;
    const parsed = SummaryDocSchema.safeParse(got.json);
    if (parsed.success && parsed.data.sessionId === file.id) result.changed.push({ doc: parsed.data, etag: file.etag });
    else result.refused.push(`${SUMMARIES}${file.id}.json: ${parsed.success ? 'names another session' : 'not a session summary'}`);
  });
  return result;
}
