// The team workspace's files as lib/workspace itself writes them, made in Node for the bench
// (bench/workspace.mjs bundles this with esbuild): publishSession runs unchanged against an
// in-memory WebDAV folder, and the bench copies what it wrote into Apache's folder on disk, so
// 2,000 published sessions take seconds to seed instead of 2,000 publishes through a browser.
import { buildBundle, type BundleData } from '../lib/bundle/export';
import { DavClient } from '../lib/workspace/dav';
import type { Http, HttpRequest } from '../lib/workspace/http';
import { encodeJson } from '../lib/workspace/head';
import { indexPath, memberPath } from '../lib/workspace/layout';
import { parseIndex } from '../lib/workspace/index-doc';
import { withEntry, type TeamEntry, type TeamIndex } from '../lib/library/team-index';
import { publishSession, type Member } from '../lib/workspace/publish';
import { publishDataOf } from '../lib/workspace/source';
export { IN_FLIGHT } from '../lib/workspace/pool';
import { seedRecords } from '../tests/e2e/seed-records';

export interface Pixels {
  full: Uint8Array[];
  thumb: Uint8Array[];
  size: { width: number; height: number; thumbWidth: number; thumbHeight: number };
}

/** Seed records whose step n gets the n-th picture (cycling): real JPEGs with their real sizes. */
export function records(opts: { sessions: number; steps: number; idPrefix: string; title?: (i: number) => string; offset?: number }, px: Pixels): BundleData {
  const data = seedRecords({ sessions: opts.sessions, stepsPerSession: () => opts.steps, idPrefix: opts.idPrefix, title: opts.title }, () => px.full[0]!);
  const pick = new Map<string, number>();
  for (const [k, shot] of data.screenshots.entries()) {
    const n = ((opts.offset ?? 0) + k) % px.full.length;
    pick.set(shot.id, n);
    Object.assign(shot, { width: px.size.width, height: px.size.height, thumbWidth: px.size.thumbWidth, thumbHeight: px.size.thumbHeight, bytes: px.full[n]!.length, thumbBytes: px.thumb[n]!.length });
  }
  for (const image of data.images) image.bytes = (image.variant === 'full' ? px.full : px.thumb)[pick.get(image.screenshotId)!]!;
  return data;
}

export const bundleOf = (data: BundleData) => buildBundle(data, { appVersion: '0.1.0', now: Date.now() });

/** A WebDAV folder in memory, enough for publishSession: PUT (with If-Match/If-None-Match), GET, MOVE, DELETE, MKCOL; listings are empty. */
export function memoryFolder() {
  const files = new Map<string, { body: Uint8Array; etag: string }>();
  let version = 0;
  const answer = (status: number, body: Uint8Array = new Uint8Array(), etag: string | null = null) => ({ status, body, header: (n: string) => (n.toLowerCase() === 'etag' ? etag : null) });
  const http: Http = async (req: HttpRequest) => {
    const path = decodeURIComponent(new URL(req.url).pathname).replace(/^\/folder\//, '');
    const had = files.get(path);
    const h = req.headers ?? {};
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return had ? answer(200, had.body, had.etag) : answer(404);
      case 'PUT':
        if ((h['if-match'] && had?.etag !== h['if-match']) || (h['if-none-match'] && had)) return answer(412);
        files.set(path, { body: req.body instanceof Blob ? new Uint8Array(await req.body.arrayBuffer()) : req.body!, etag: `"${++version}"` });
        return answer(201);
      case 'MOVE': {
        const to = decodeURIComponent(new URL(h.destination!).pathname).replace(/^\/folder\//, '');
        files.set(to, { body: had!.body, etag: `"${++version}"` });
        files.delete(path);
        return answer(201);
      }
      case 'DELETE':
        files.delete(path);
        return answer(204);
      case 'MKCOL':
        return answer(201);
      default:
        return answer(404); // PROPFIND: nothing listed, so every image is sent and nothing pruned
    }
  };
  const dav = new DavClient({ folderUrl: 'http://memory/folder/', authorization: 'Basic x', http });
  return { files, dav };
}

/** Publishes one session (records of exactly one) into the folder, as the extension would. */
export async function publish(folder: ReturnType<typeof memoryFolder>, data: BundleData, me: Member, now: number) {
  return publishSession({ dav: folder.dav, now: () => now, wait: async () => undefined, appVersion: '0.1.0' }, await publishDataOf(data), me);
}

export const memberFile = (me: Member): [string, Uint8Array] => [memberPath(me.memberId), encodeJson({ memberId: me.memberId, name: me.memberName })];

/** One session's records out of many. */
export function only(data: BundleData, sessionId: string): BundleData {
  const shots = data.screenshots.filter((s) => s.sessionId === sessionId);
  const ids = new Set(shots.map((s) => s.id));
  return { sessions: data.sessions.filter((s) => s.id === sessionId), steps: data.steps.filter((s) => s.sessionId === sessionId), screenshots: shots, images: data.images.filter((i) => ids.has(i.screenshotId)) };
}

export { indexPath };

/** A member's index as the folder holds it (what publishSession wrote), read by the pull's own parser. */
export function indexIn(folder: ReturnType<typeof memoryFolder>, memberId: string): TeamIndex | null {
  const file = folder.files.get(indexPath(memberId));
  if (!file) return null;
  const read = parseIndex(file.body, memberId);
  if ('refused' in read) throw new Error(`${indexPath(memberId)}: ${read.refused}`);
  return read.index;
}

/**
 * Adds entries to a member's index in the folder as a publish of each would (withEntry, the merge
 * putIndexEntry makes): sessions the bench lists without publishing each one through a browser.
 */
export function addEntries(folder: ReturnType<typeof memoryFolder>, me: Member, entries: TeamEntry[], now: number) {
  let index = indexIn(folder, me.memberId);
  for (const entry of entries) index = withEntry(index, me, entry, now);
  const had = folder.files.get(indexPath(me.memberId));
  folder.files.set(indexPath(me.memberId), { body: encodeJson(index), etag: `${had?.etag ?? '"seed"'}+` });
}
