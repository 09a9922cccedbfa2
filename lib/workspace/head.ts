import { z } from 'zod';
import { isWeak, type DavClient } from './dav';
import { workspaceFailure } from './errors';
import { headPath, SAFE_NAME } from './layout';

// head.json is a session's commit point: { rev, author, sha256 } of the revision readers should use.
// It is written last, conditionally, and read with a strong ETag: Apache reports a weak ETag for
// about a second after a write, and If-Match with a weak ETag always fails, so a weak one is read
// again shortly instead of being used.

export const HeadSchema = z.strictObject({
  rev: z.number().int().nonnegative(),
  author: z.string().regex(SAFE_NAME),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  deleted: z.boolean().optional(),
});
export type Head = z.infer<typeof HeadSchema>;

export interface HeadRead {
  head: Head | null;
  etag: string | null;
}

export async function readHead(dav: DavClient, sessionId: string, wait: (ms: number) => Promise<void>, tries = 6): Promise<HeadRead> {
  const got = await readStrong(dav, headPath(sessionId), wait, tries);
  return got ? { head: parseHead(got.body), etag: got.etag } : { head: null, etag: null };
}

/** A file written conditionally (head.json, a member's index) with a strong ETag to write it back with; null when absent. */
export async function readStrong(dav: DavClient, path: string, wait: (ms: number) => Promise<void>, tries = 6): Promise<{ body: Uint8Array; etag: string } | null> {
  for (let i = 0; ; i++) {
    const got = await dav.get(path);
    if (!got) return null;
    if (got.etag && !isWeak(got.etag)) return { body: got.body, etag: got.etag };
    if (i >= tries) throw workspaceFailure('busy');
    await wait(400);
  }
}

export function parseHead(body: Uint8Array): Head {
  try {
    return HeadSchema.parse(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    throw workspaceFailure('corrupt', 'head.json');
  }
}

export const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
