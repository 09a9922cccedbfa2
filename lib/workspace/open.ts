import { readBundle, type ParsedBundle, type ReadBundleOptions } from '../bundle/import';
import type { DavClient } from './dav';
import { workspaceFailure } from './errors';
import { readHead } from './head';
import { imagePathOf, revPath } from './layout';
import { joinBundle, readRevision } from './parts';
import { sha256Hex } from '../bundle/format';
import { AppFailure } from '../errors';

// Downloading a team session's current revision: head.json names it, its images are fetched by
// hash, and the joined bundle goes through readBundle, the same full validation as an import, so a
// hostile or damaged file on the server is refused before anything is written.

export interface Downloaded {
  rev: number;
  author: string;
  bundle: ParsedBundle;
  bytes: number;
}

export async function downloadSession(
  dav: DavClient,
  sessionId: string,
  deps: { wait(ms: number): Promise<void>; decode: ReadBundleOptions['decode']; progress?(done: number, total: number): void; signal?: AbortSignal },
): Promise<Downloaded> {
  const { head } = await readHead(dav, sessionId, deps.wait);
  if (!head) throw workspaceFailure('missing', `the session ${sessionId} has no head.json`);
  if (head.deleted || head.sha256 === null) throw workspaceFailure('deleted');
  const got = await dav.get(revPath(sessionId, head.rev, head.sha256));
  if (!got) throw workspaceFailure('missing', `revision ${head.rev}`);
  if ((await sha256Hex(got.body)) !== head.sha256) throw workspaceFailure('corrupt', `revision ${head.rev} does not match head.json`);
  const rev = readRevision(got.body);
  let bytes = got.body.length;
  const images: Array<{ path: string; bytes: Uint8Array }> = [];
  const fetched = new Map<string, Uint8Array>();
  for (const [i, image] of rev.images.entries()) {
    let body = fetched.get(image.sha256);
    if (!body) {
      const file = await dav.get(imagePathOf(sessionId, image.sha256));
      if (!file) throw workspaceFailure('missing', `an image of revision ${head.rev}`);
      body = file.body;
      bytes += body.length;
      fetched.set(image.sha256, body);
    }
    images.push({ path: image.path, bytes: body });
    deps.progress?.(i + 1, rev.images.length);
  }
  let bundle: ParsedBundle;
  try {
    bundle = await readBundle(joinBundle(rev.manifestBytes, rev.records, images), { decode: deps.decode, signal: deps.signal });
  } catch (e) {
    throw workspaceFailure('corrupt', e instanceof AppFailure && 'detail' in e.error ? e.error.detail : String(e));
  }
  if (bundle.sessions.length !== 1 || bundle.sessions[0]!.id !== sessionId) throw workspaceFailure('corrupt', `revision ${head.rev} holds another session`);
  return { rev: head.rev, author: head.author, bundle, bytes };
}
