import { sha256Hex, sniffImage } from '../bundle/format';
import { thumbsOf } from '../library/team-index';
import { workspaceFailure } from './errors';
import { imagePathOf } from './layout';
import { davFor, type SyncDeps } from './sync';

// Team thumbnails on demand: a light row names each step's thumbnail by the hash its image file was
// published under; a view that shows one asks for it here, and it is fetched once into teamThumbs.
// The bytes are checked before they are kept — the hash they are named by, a size a thumbnail can
// have, an image type we render — so a hostile server can put nothing else on a team member's screen.

const MAX_THUMB_BYTES = 2 * 1024 ** 2;

/**
 * Each thumbnail asked for once while it is being fetched, however many views ask. How many go at
 * once is the server's limiter's business (limitedPerHost in lib/workspace/pool.ts, which the
 * service's HTTP seam goes through): thumbnails share its places with uploads and downloads, and
 * one slow thumbnail holds up no other.
 */
export function thumbFetcher(deps: SyncDeps) {
  const asked = new Map<string, Promise<null>>();
  return (sessionId: string, sha256: string): Promise<null> => {
    const id = `${sessionId}/${sha256}`;
    let got = asked.get(id);
    if (!got) {
      got = fetchTeamThumb(deps, sessionId, sha256).finally(() => asked.delete(id));
      asked.set(id, got);
    }
    return got;
  };
}

export async function fetchTeamThumb(deps: SyncDeps, sessionId: string, sha256: string): Promise<null> {
  const { db } = deps;
  const id = `${sessionId}/${sha256}`;
  if (await db.teamThumbs.get(id)) return null;
  // Only a thumbnail the session's current row names: nothing else of the server is fetched this way.
  if (!thumbsOf((await db.teamRows.get(sessionId))?.entry).has(sha256)) throw workspaceFailure('missing', 'that thumbnail is not in the team library');
  const config = await deps.config();
  if (!config) throw workspaceFailure('not-connected');
  const got = await davFor(deps, config).get(imagePathOf(sessionId, sha256));
  if (!got) throw workspaceFailure('missing', 'a thumbnail of that session');
  const mimeType = sniffImage(got.body);
  if (got.body.length > MAX_THUMB_BYTES || !mimeType || (await sha256Hex(got.body)) !== sha256) throw workspaceFailure('corrupt', `${imagePathOf(sessionId, sha256)}: not the thumbnail it is named after`);
  await deps.ensureRoom?.(got.body.length);
  await db.transaction('rw', [db.teamRows, db.teamThumbs], async () => {
    // The row may have changed while the bytes came (a redaction burned meanwhile): keep only what it still names.
    if (thumbsOf((await db.teamRows.get(sessionId))?.entry).has(sha256)) await db.teamThumbs.put({ id, sessionId, sha256, mimeType, bytes: got.body });
  });
  return null;
}
