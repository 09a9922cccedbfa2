import { bundleEntries, type BundleData } from '../bundle/export';
import { sha256Hex } from '../bundle/format';
import type { DavClient } from './dav';
import type { DavEntry } from './xml';
import { workspaceFailure } from './errors';
import { encodeJson, readHead, type Head } from './head';
import { baseName, headPath, imagePathOf, imagesDir, MEMBERS, revOf, revPath, sessionDir, summaryPath } from './layout';
import { revisionParts } from './parts';
import { eachLimited } from './pool';
import { buildTeamEntry } from '../library/team-index';
import { putIndexEntry, thumbHashes } from './index-doc';

// Publishing one session: images first (each once, by content, a few at a time), then the revision, then head.json
// (the commit point, conditional), then old revisions are pruned, then the session's light row goes
// into its author's index, which the team library reads (lib/workspace/index-doc.ts). A crash at any point leaves the previous revision whole: nothing a reader follows is
// replaced before head.json says so, and head.json is never overwritten unseen.

export const KEEP_REVISIONS = 5;

/**
 * A temporary upload (`.upload-*`) older than this in our own session folder was left by a cut
 * connection; younger ones may be another device of the same member uploading right now. Generous,
 * so a device clock an hour off never deletes a live upload.
 */
export const STALE_UPLOAD_MS = 2 * 60 * 60_000;

export interface Member {
  memberId: string;
  memberName: string;
}

export interface PublishDeps {
  dav: DavClient;
  now(): number;
  wait(ms: number): Promise<void>;
  appVersion: string;
  /** Per file: the service worker has no upload progress. */
  progress?(done: number, total: number): void;
}

export interface Published {
  rev: number;
  minRev: number;
  /** Bytes sent, for the bench and the status line. */
  bytes: number;
  /** True when pixels were replaced (a burned redaction, a deleted step) and older revisions went. */
  purged: boolean;
}

function checkAuthor(head: Head | null, me: Member) {
  if (head?.deleted) throw workspaceFailure('deleted');
  if (head && head.author !== me.memberId) throw workspaceFailure('not-author', 'another member');
}

export async function publishSession(deps: PublishDeps, data: BundleData, me: Member, keep = KEEP_REVISIONS): Promise<Published> {
  const { dav } = deps;
  const session = data.sessions[0];
  if (!session || data.sessions.length !== 1) throw new Error('publishSession takes exactly one session');
  const id = session.id;

  const before = await readHead(dav, id, deps.wait);
  checkAuthor(before.head, me);

  const parts = revisionParts(await bundleEntries(data, { appVersion: deps.appVersion, now: deps.now() }));
  await dav.ensureDir(imagesDir(id));
  await dav.ensureDir(MEMBERS);
  // An image counts as there only at its full length: a torn upload is sent again.
  const listed = await dav.list(imagesDir(id));
  const present = new Map(listed.map((e) => [baseName(e.path), e.length]));
  const missing = [...parts.images].filter(([sha, image]) => present.get(sha) !== image.length);
  const total = missing.length + 3;
  let done = 0;
  let bytes = 0;
  const step = (n: number) => {
    bytes += n;
    deps.progress?.(++done, total);
  };
  // Images and the revision go straight to their names, without a temporary name and a MOVE (half
  // the requests): both are named by their content and no reader follows either before head.json
  // names the revision, which is written only after every one of them was stored whole.
  await eachLimited(missing, async ([sha, image]) => {
    await dav.put(imagePathOf(id, sha), image.body);
    step(image.length);
  });

  const rev = (before.head?.rev ?? 0) + 1;
  const head: Head = { rev, author: me.memberId, sha256: await sha256Hex(parts.rev) };
  const file = revPath(id, rev, head.sha256!);
  await dav.put(file, parts.rev);
  step(parts.rev.length);

  const headBytes = encodeJson(head);
  const committed = await dav.put(headPath(id), headBytes, before.etag ? { ifMatch: before.etag } : { ifNoneMatch: true });
  if (!committed) {
    // Our own write may have landed with its reply lost; a head unchanged since we read it means
    // the server refused for its own reasons (a weak ETag): retry shortly. Otherwise someone else
    // wrote first: their revision stays, ours is withdrawn, and this device keeps its version.
    const now = await readHead(dav, id, deps.wait);
    if (now.head?.sha256 !== head.sha256 || now.head.rev !== rev) {
      await dav.delete(file).catch(() => undefined);
      const unchanged = (now.head?.sha256 ?? null) === (before.head?.sha256 ?? null) && (now.head?.rev ?? 0) === (before.head?.rev ?? 0);
      if (unchanged) throw workspaceFailure('busy');
      checkAuthor(now.head, me);
      throw workspaceFailure('conflict', `revision ${now.head?.rev ?? '?'} is on the server`);
    }
  }
  step(headBytes.length);

  const { minRev, purged } = await prune(dav, id, rev, new Set(parts.images.keys()), listed, keep, deps.now());

  const entry = buildTeamEntry({ session, steps: data.steps, screenshots: data.screenshots, thumbs: await thumbHashes(data) }, { rev, minRev, now: deps.now() });
  const indexBytes = await putIndexEntry(deps, me, entry);
  // A summary an older version published holds every thumbnail inside, the unredacted ones too.
  if (before.head) await dav.delete(summaryPath(id));
  step(indexBytes);
  return { rev, minRev, bytes, purged };
}

/**
 * Old revisions go beyond `keep`; and when images of older revisions are no longer in the new one
 * (pixels were burned or a step deleted), every older revision goes with those images, so no copy
 * of those pixels stays on the server. Revisions are deleted before images, so no revision ever
 * names a missing image. `inImages` is the images folder as listed before this publish's uploads:
 * everything older is in it, and what this publish sent is current (one listing of hundreds of
 * entries fewer per publish; a stale image only another device of ours sent meanwhile waits for the next).
 */
async function prune(dav: DavClient, id: string, rev: number, current: Set<string>, inImages: DavEntry[], keep: number, now: number): Promise<{ minRev: number; purged: boolean }> {
  const inSession = await dav.list(sessionDir(id));
  // Temporary uploads a cut connection left behind: only in this session's folder (one author), only old ones.
  const leftover = (dir: string, e: DavEntry) => (!e.isCollection && baseName(e.path).startsWith('.upload-') && e.modified !== null && now - e.modified > STALE_UPLOAD_MS ? [`${dir}${baseName(e.path)}`] : []);
  for (const path of [...inSession.flatMap((e) => leftover(sessionDir(id), e)), ...inImages.flatMap((e) => leftover(imagesDir(id), e))]) await dav.delete(path).catch(() => undefined);
  const revs = inSession
    .map((e) => ({ name: baseName(e.path), n: revOf(baseName(e.path)) }))
    .filter((r): r is { name: string; n: number } => r.n !== null && r.n < rev);
  const stale = inImages.map((e) => baseName(e.path)).filter((sha) => /^[0-9a-f]{64}$/.test(sha) && !current.has(sha));
  const purged = stale.length > 0;
  const oldest = purged ? rev : Math.max(1, rev - keep + 1);
  for (const r of revs) if (r.n < oldest) await dav.delete(`${sessionDir(id)}${r.name}`);
  for (const sha of stale) await dav.delete(imagePathOf(id, sha));
  const left = revs.filter((r) => r.n >= oldest).map((r) => r.n);
  return { minRev: Math.min(rev, ...left), purged };
}

/**
 * Deleting a published session: its index entry becomes a tombstone (other members drop the session
 * and never bring it back; a summary an older version wrote goes), head.json says deleted, then the
 * revisions and images go.
 */
export async function tombstoneSession(deps: Pick<PublishDeps, 'dav' | 'now' | 'wait'>, sessionId: string, me: Member): Promise<void> {
  const { dav } = deps;
  const before = await readHead(dav, sessionId, deps.wait);
  if (before.head?.deleted) return;
  if (before.head && before.head.author !== me.memberId) throw workspaceFailure('not-author', 'another member');
  await dav.ensureDir(MEMBERS);
  await putIndexEntry(deps, me, { sessionId, deleted: true, deletedAt: deps.now() });
  await dav.delete(summaryPath(sessionId));
  if (before.head) {
    const ok = await dav.put(headPath(sessionId), encodeJson({ ...before.head, deleted: true, sha256: null }), { ifMatch: before.etag! });
    if (!ok) throw workspaceFailure('busy');
  }
  for (const entry of await dav.list(sessionDir(sessionId))) if (baseName(entry.path) !== 'head.json' && !entry.isCollection) await dav.delete(`${sessionDir(sessionId)}${baseName(entry.path)}`);
  await dav.delete(imagesDir(sessionId));
}
