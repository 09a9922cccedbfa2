// Where things live in the workspace folder. Summaries and members sit flat in one folder each, so
// one PROPFIND (Depth 1) lists every session with its ETag and a pull fetches only what changed.
// This departs on purpose from DESIGN.md's sessions/<id>/summary.json and tombstone.json: with a
// summary inside each session's folder, a pull would need a PROPFIND per session (2,000 requests
// for 2,000 sessions) or Depth: infinity, which Apache (DavDepthInfinity Off) and Nextcloud refuse.
// A tombstone is that same summary file rewritten, so the listing that finds changes finds deletions.
//
//   mystery-shopper/members/<memberId>.json        { memberId, name }
//   mystery-shopper/members/<memberId>.index.json  that member's published sessions as light rows
//                                                  (lib/library/team-index.ts): what the team library
//                                                  lists, searches and shows in the friction view, each
//                                                  with its head revision, or a tombstone. Beside the
//                                                  member files, so one PROPFIND of members/ says (by
//                                                  ETag) which authors changed, and a pull fetches only
//                                                  their indexes: ten authors, ten GETs for a cold library.
//   mystery-shopper/summaries/<sessionId>.json     written by versions before the index (a summary with
//                                                  every thumbnail inside, or a tombstone): read for
//                                                  sessions no index lists, never written any more
//   mystery-shopper/sessions/<sessionId>/head.json { rev, author, sha256 } — the commit point
//   mystery-shopper/sessions/<sessionId>/rev-<n>-<sha8>.zip   a bundle whose images live apart
//                                                  (below); immutable once written, and named by its
//                                                  content too, so two writers never replace each
//                                                  other's file before head.json decides
//   mystery-shopper/sessions/<sessionId>/images/<sha256>   each image once, by content

export const ROOT = 'mystery-shopper/';
export const MEMBERS = `${ROOT}members/`;
export const SUMMARIES = `${ROOT}summaries/`;
export const SESSIONS = `${ROOT}sessions/`;

export const memberPath = (memberId: string) => `${MEMBERS}${memberId}.json`;
export const INDEX_SUFFIX = '.index.json';
export const indexPath = (memberId: string) => `${MEMBERS}${memberId}${INDEX_SUFFIX}`;
export const summaryPath = (sessionId: string) => `${SUMMARIES}${sessionId}.json`;
export const sessionDir = (sessionId: string) => `${SESSIONS}${sessionId}/`;
export const headPath = (sessionId: string) => `${sessionDir(sessionId)}head.json`;
export const revName = (rev: number, sha256: string) => `rev-${rev}-${sha256.slice(0, 8)}.zip`;
export const revPath = (sessionId: string, rev: number, sha256: string) => `${sessionDir(sessionId)}${revName(rev, sha256)}`;
export const imagesDir = (sessionId: string) => `${sessionDir(sessionId)}images/`;
export const imagePathOf = (sessionId: string, sha256: string) => `${imagesDir(sessionId)}${sha256}`;

/** The last path segment of a listed entry. */
export const baseName = (path: string) => path.replace(/\/$/, '').split('/').pop() ?? '';

/** The rev number of a revision's file name, or null. */
export function revOf(name: string): number | null {
  const m = /^rev-(\d{1,9})-[0-9a-f]{8}\.zip$/.exec(name);
  return m ? Number(m[1]) : null;
}

export { SAFE_NAME } from '../library/team-summary';
