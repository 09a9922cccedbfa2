import type { DavClient } from './dav';
import { problemOf, workspaceFailure } from './errors';
import { encodeJson } from './head';
import { memberPath, MEMBERS, ROOT } from './layout';

// Test connection: before anything is saved, the folder must be listable, writable, readable and
// deletable, checked in that order with a probe file, so a wrong password or a read-only share is
// found now and said in words, not at the first publish.

export async function testConnection(dav: DavClient, probeName: string): Promise<void> {
  const at = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      const problem = problemOf(e);
      if (problem === 'auth' || problem === 'unreachable' || problem === 'insecure' || problem === 'redirect' || problem === 'full') throw e;
      throw workspaceFailure(problem ?? 'server', `${what} failed`);
    }
  };
  await at('listing the folder', () => dav.list(''));
  await at('making the mystery-shopper folder', () => dav.ensureDir(MEMBERS));
  const probe = `${ROOT}.probe-${probeName}`;
  const bytes = encodeJson({ probe: probeName });
  await at('writing a test file', () => dav.putAtomic(probe, bytes));
  const got = await at('reading the test file back', () => dav.get(probe));
  if (!got || new TextDecoder().decode(got.body) !== new TextDecoder().decode(bytes)) throw workspaceFailure('server', 'the test file read back differently');
  await at('deleting the test file', () => dav.delete(probe));
}

/** Who this member is, for the names in everyone's team library. */
export async function writeMember(dav: DavClient, memberId: string, name: string): Promise<void> {
  await dav.ensureDir(MEMBERS);
  await dav.putAtomic(memberPath(memberId), encodeJson({ memberId, name }));
}
