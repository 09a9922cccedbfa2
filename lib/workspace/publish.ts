import { describeBundle } from '../bundle/export';
import { timed } from '../capture/marks';
import { sha256Hex } from '../bundle/format';
import type { DavClient } from './dav';
import type { DavEntry } from './xml';
import { workspaceFailure } from './errors';
import { encodeJson, readHead, type Head } from './head';
import { baseName, headPath, imagePathOf, imagesDir, MEMBERS, revOf, revPath, sessionDir, summaryPath } from './layout';
import { revisionParts } from './parts';
import { eachLimited, IN_FLIGHT } from './pool';
import { buildTeamEntry } from '../library/team-index';
import { putIndexEntry, thumbHashes } from './index-doc';
import type { PublishData } from './source';

// Publishing one session: images and the revision side by side (each image once, by content, a few at
// a time, each read a little ahead of its upload), then head.json (the commit point, conditional), then old revisions are
// pruned while the session's light row goes into its author's index, which the team library reads
// (lib/workspace/index-doc.ts). A crash at any point leaves the previous revision whole: nothing a
// reader follows is replaced before head.json says so, and head.json is never overwritten unseen.
// The head, the images folder and the session folder are read side by side before anything is sent:
// what is there, whether the folders exist (then no MKCOL is sent), what a prune will delete.

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

/** A session still being read from this device, by its id: the server is asked meanwhile. */
export interface PublishSource {
  sessionId: string;
  data: Promise<PublishData>;
}

const quiet = <T>(p: Promise<T>) => (p.catch(() => undefined), p);

export async function publishSession(deps: PublishDeps, source: PublishData | PublishSource, me: Member, keep = KEEP_REVISIONS): Promise<Published> {
  const { dav } = deps;
  const id = 'sessionId' in source ? source.sessionId : source.sessions[0]?.id;
  if (!id) throw new Error('publishSession takes exactly one session');

  // members/ exists once connected; asked again beside the reads (one MKCOL answered 405), off the path.
  const members = dav.ensureDir(MEMBERS);
  // The session is read here and its bundle described (and so checked: bad records send nothing)
  // while the server answers; each waits to be awaited below without an unhandled rejection meanwhile.
  const reading = quiet(
    (async () => {
      const data = 'sessionId' in source ? await source.data : source;
      if (data.sessions.length !== 1 || data.sessions[0]!.id !== id) throw new Error(id);
      return { data, parts: await timed('publish:describe', async () => revisionParts(await describeBundle(data, data.images, { appVersion: deps.appVersion, now: deps.now() }))) };
    })(),
  );
  const [before, inImages, inSession] = await timed('publish:reads', () => Promise.all([readHead(dav, id, deps.wait), dav.listing(imagesDir(id)), dav.list(sessionDir(id)), members]));
  const { data, parts } = await reading;
  const session = data.sessions[0]!;
  checkAuthor(before.head, me);

  if (!inImages) await dav.ensureDir(imagesDir(id));
  const listed = inImages ?? [];
  // An image counts as there only at its full length: a torn upload is sent again.
  const present = new Map(listed.map((e) => [baseName(e.path), e.length]));
  const missing = [...parts.images].filter(([sha, image]) => present.get(sha) !== image.size);
  const total = missing.length + 3;
  let done = 0;
  let bytes = 0;
  const step = (n: number) => {
    bytes += n;
    deps.progress?.(++done, total);
  };
  // Images and the revision go straight to their names, without a temporary name and a MOVE (half
  // the requests), and side by side: both are named by their content and no reader follows either
  // before head.json names the revision, which is written only after every one of them was stored
  // whole. An upload cut short leaves at most a short file, which the length check above sends
  // again and no head names.
  const rev = (before.head?.rev ?? 0) + 1;
  // Each image's file is opened two windows ahead of its upload (three round trips to the browser,
  // slower than an upload on a busy machine: bench/workspace.mjs's profile), so no connection waits
  // for a read; a file holds no bytes until read, so keeping them all to the end costs nothing.
  const reads = new Map<number, Promise<Blob | Uint8Array>>();
  const bodyOf = (k: number) => {
    if (k >= missing.length) return;
    if (!reads.has(k)) {
      // A read ahead that fails is thrown by its own upload; none is left unhandled meanwhile.
      reads.set(k, quiet(missing[k]![1].body()));
    }
    return reads.get(k)!;
  };
  const [revision, images] = await Promise.allSettled([
    (async () => {
      const sha256 = await sha256Hex(parts.rev);
      const file = revPath(id, rev, sha256);
      await dav.put(file, parts.rev);
      return { file, sha256 };
    })(),
    timed('publish:images', () =>
      eachLimited(missing, async ([sha, image], k) => {
        const body = bodyOf(k)!;
        for (let ahead = k + 1; ahead <= k + 2 * IN_FLIGHT; ahead++) void bodyOf(ahead);
        await dav.put(imagePathOf(id, sha), await body);
        step(image.size);
      }),
    ),
  ]);
  // Both settled before either failure is thrown: no request is left running behind a failed publish.
  if (images.status === 'rejected') throw images.reason;
  if (revision.status === 'rejected') throw revision.reason;
  // Counted after the images although sent beside them: the status line's files done are images
  // until then, which is what a Cancel reports as sent (components/dashboard/SyncStatusLine.tsx).
  step(parts.rev.length);
  const { file } = revision.value;
  const head: Head = { rev, author: me.memberId, sha256: revision.value.sha256 };

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

  const plan = prunePlan(id, rev, new Set(parts.images.keys()), inSession, listed, keep, deps.now());
  const entry = buildTeamEntry({ session, steps: data.steps, screenshots: data.screenshots, thumbs: thumbHashes(data) }, { rev, minRev: plan.minRev, now: deps.now() });
  // The index names the oldest revision kept, which is known before the old ones go: both at once.
  const [indexBytes] = await Promise.all([
    timed('publish:index', () => putIndexEntry(deps, me, entry)),
    prune(dav, plan),
    // A summary an older version published holds every thumbnail inside, the unredacted ones too.
    before.head ? dav.delete(summaryPath(id)) : null,
  ]);
  step(indexBytes);
  return { rev, minRev: plan.minRev, bytes, purged: plan.purged };
}

/**
 * Old revisions go beyond `keep`; and when images of older revisions are no longer in the new one
 * (pixels were burned or a step deleted), every older revision goes with those images, so no copy
 * of those pixels stays on the server. `inSession` and `inImages` are the session's folders as listed
 * before this publish's uploads: everything older is in them, and what this publish sent is current
 * (a stale image or revision only another device of ours sent meanwhile waits for the next publish).
 */
function prunePlan(id: string, rev: number, current: Set<string>, inSession: DavEntry[], inImages: DavEntry[], keep: number, now: number) {
  // Temporary uploads a cut connection left behind: only in this session's folder (one author), only old ones.
  const leftover = (dir: string, e: DavEntry) => (!e.isCollection && baseName(e.path).startsWith('.upload-') && e.modified !== null && now - e.modified > STALE_UPLOAD_MS ? [`${dir}${baseName(e.path)}`] : []);
  const leftovers = [...inSession.flatMap((e) => leftover(sessionDir(id), e)), ...inImages.flatMap((e) => leftover(imagesDir(id), e))];
  const revs = inSession
    .map((e) => ({ name: baseName(e.path), n: revOf(baseName(e.path)) }))
    .filter((r): r is { name: string; n: number } => r.n !== null && r.n < rev);
  const stale = inImages.map((e) => baseName(e.path)).filter((sha) => /^[0-9a-f]{64}$/.test(sha) && !current.has(sha));
  const purged = stale.length > 0;
  const oldest = purged ? rev : Math.max(1, rev - keep + 1);
  const left = revs.filter((r) => r.n >= oldest).map((r) => r.n);
  return {
    leftovers,
    revisions: revs.filter((r) => r.n < oldest).map((r) => `${sessionDir(id)}${r.name}`),
    images: stale.map((sha) => imagePathOf(id, sha)),
    minRev: Math.min(rev, ...left),
    purged,
  };
}

/** Revisions are deleted before images, so no revision ever names a missing image. */
async function prune(dav: DavClient, plan: ReturnType<typeof prunePlan>): Promise<void> {
  for (const path of plan.leftovers) await dav.delete(path).catch(() => undefined);
  for (const path of plan.revisions) await dav.delete(path);
  for (const path of plan.images) await dav.delete(path);
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
