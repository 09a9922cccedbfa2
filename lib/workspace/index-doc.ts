import type { BundleData } from '../bundle/export';
import { firstShots } from '../library/team-summary';
import { TeamIndexSchema, withEntry, type TeamEntry, type TeamGone, type TeamIndex } from '../library/team-index';
import type { DavClient } from './dav';
import { workspaceFailure } from './errors';
import { encodeJson, readStrong } from './head';
import { indexPath } from './layout';

// Writing a member's index (members/<memberId>.index.json) after a publish or a tombstone: read it
// with a strong ETag, put this session's entry in, write it back with If-Match (If-None-Match: *
// when there is none yet). A 412 means the file changed since we read it — our own write a moment
// ago whose ETag is still weak, or the same member publishing from another device — so we read it
// again and merge again: every other entry is kept as the server has it, nothing is overwritten
// unseen. The head of the session was committed before, so a failure here leaves the revision
// published and the job queued: the retry writes the entry.

const TRIES = 8;
const MAX_INDEX_BYTES = 64 * 1024 ** 2;

export interface IndexDeps {
  dav: DavClient;
  now(): number;
  wait(ms: number): Promise<void>;
}

/** A member's index as read from the server (untrusted), or a sentence saying why it is refused. */
export function parseIndex(body: Uint8Array, memberId: string): { index: TeamIndex } | { refused: string } {
  if (body.length > MAX_INDEX_BYTES) return { refused: `larger than ${MAX_INDEX_BYTES / 1024 ** 2} MiB` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { refused: 'not JSON' };
  }
  const parsed = TeamIndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { refused: `not a team index (${issue ? `${issue.path.join('.') || 'the document'}: ${issue.message}` : 'invalid'})` };
  }
  if (parsed.data.author !== memberId) return { refused: 'it is the index of another member' };
  return { index: parsed.data };
}

/** Puts one session's entry (or tombstone) into the member's index; returns the bytes written. */
export async function putIndexEntry(deps: IndexDeps, me: { memberId: string; memberName: string }, entry: TeamEntry | TeamGone): Promise<number> {
  const path = indexPath(me.memberId);
  for (let i = 0; i < TRIES; i++) {
    const got = await readStrong(deps.dav, path, deps.wait);
    let index: TeamIndex | null = null;
    if (got) {
      const read = parseIndex(got.body, me.memberId);
      // Writing over a damaged index would drop every other session of this member from the team.
      if ('refused' in read) throw workspaceFailure('corrupt', `${path}: ${read.refused}`);
      index = read.index;
    }
    const bytes = encodeJson(withEntry(index, me, entry, deps.now()));
    if (await deps.dav.put(path, bytes, got ? { ifMatch: got.etag } : { ifNoneMatch: true })) return bytes.length;
    await deps.wait(400);
  }
  throw workspaceFailure('busy');
}

/** screenshotId → sha256 of its thumbnail, for each step's first screenshot: the name its image file was published under. */
export function thumbHashes(data: { screenshots: BundleData['screenshots']; images: ReadonlyArray<{ screenshotId: string; variant: string; sha256: string }> }): Map<string, string> {
  const first = new Set([...firstShots(data.screenshots).values()].map((s) => s.id));
  const out = new Map<string, string>();
  for (const image of data.images) if (image.variant === 'thumb' && first.has(image.screenshotId)) out.set(image.screenshotId, image.sha256);
  return out;
}
