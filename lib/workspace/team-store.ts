import type { AppDB } from '../db';
import { stepsOfSession } from '../db/queries';
import type { TeamCopy, TeamRow } from '../db/workspace';
import { sha256Hex } from '../bundle/format';
import { entryFromSummary, isGone, thumbsOf, type TeamEntry, type TeamGone } from '../library/team-index';
import { thumbBytes, type SummaryDoc } from '../library/team-summary';
import { imageIdsOfShots, removeImages } from '../storage/images';
import type { Known, PullChange } from './pull';

// Storing what a pull learned (lib/workspace/pull.ts), one change per transaction: an author's
// index replaces that author's rows; rows whose session changed lose the cached thumbnails the new
// row no longer names (a burned redaction's old pixels among them) and the downloaded copy of a
// revision that is gone; a tombstone removes the copy and keeps the session out for good.

/** What this device knows of the team library, from keys and the few pre-index rows. */
export async function knownTeam(db: AppDB): Promise<Known> {
  return db.transaction('r', [db.teamRows, db.teamMembers, db.teamIndexes], async () => {
    const [ids, authors, legacy, members, indexes] = await Promise.all([
      db.teamRows.orderBy('author').primaryKeys(),
      db.teamRows.orderBy('author').keys(),
      db.teamRows.where('from').equals('summary').toArray(),
      db.teamMembers.toArray(),
      db.teamIndexes.toArray(),
    ]);
    const fromSummary = new Set(legacy.map((r) => r.sessionId));
    return {
      members: new Map(members.map((m) => [m.memberId, m.etag])),
      indexes: new Map(indexes.map((i) => [i.memberId, i.etag])),
      indexed: new Map(ids.flatMap((id, i) => (fromSummary.has(id) ? [] : [[id, authors[i] as string] as const]))),
      summaries: new Map(legacy.map((r) => [r.sessionId, r.etag ?? ''])),
    };
  });
}

const rowOf = (entry: TeamEntry | TeamGone, author: string, authorName: string, from: TeamRow['from'], etag: string | null): TeamRow =>
  isGone(entry) ? { sessionId: entry.sessionId, author, authorName, from, etag, entry: null } : { sessionId: entry.sessionId, author, authorName, from, etag, updatedAt: entry.row.sessionUpdatedAt, entry };

/** Stores one change; answers how many sessions it changed (added, edited, deleted). */
export async function storeChange(db: AppDB, change: PullChange): Promise<number> {
  if (change.kind === 'members') {
    await db.teamMembers.bulkPut(change.members.map(({ doc, etag }) => ({ memberId: doc.memberId, name: doc.name, etag })));
    return 0;
  }
  const rows = change.kind === 'index' ? change.index.sessions.map((e) => rowOf(e, change.memberId, change.index.authorName, 'index', null)) : change.kind === 'summaries' ? await summaryRows(db, change.changed) : [];
  const images: string[] = [];
  const count = await db.transaction('rw', [db.teamRows, db.teamIndexes, db.teamThumbs, db.teamCopies, db.sessions, db.steps, db.screenshots, db.images], async () => {
    let removed: TeamRow[] = [];
    if (change.kind === 'index') {
      removed = (await db.teamRows.where('author').equals(change.memberId).toArray()).filter((r) => r.from === 'index');
      await db.teamIndexes.put({ memberId: change.memberId, etag: change.etag });
    } else if (change.kind === 'indexes-gone') {
      removed = (await db.teamRows.where('author').anyOf(change.memberIds).toArray()).filter((r) => r.from === 'index');
      await db.teamIndexes.bulkDelete(change.memberIds);
    } else removed = (await db.teamRows.bulkGet(change.gone)).filter((r): r is TeamRow => r?.from === 'summary');
    const before = new Map([...removed, ...(await db.teamRows.bulkGet(rows.map((r) => r.sessionId))).filter((r): r is TeamRow => !!r)].map((r) => [r.sessionId, r]));
    const kept = new Set(rows.map((r) => r.sessionId));
    const gone = removed.filter((r) => !kept.has(r.sessionId));
    const changed = rows.filter((r) => differs(before.get(r.sessionId), r));
    await db.teamRows.bulkDelete(gone.map((r) => r.sessionId));
    await db.teamRows.bulkPut(rows);

    // Thumbnails and copies of what changed: only those the new row still names stay.
    const touched = new Map<string, TeamEntry | null>([...gone.map((r) => [r.sessionId, null] as const), ...changed.map((r) => [r.sessionId, r.entry] as const)]);
    if (touched.size === 0) return 0;
    const thumbs = await db.teamThumbs.where('sessionId').anyOf([...touched.keys()]).toArray();
    await db.teamThumbs.bulkDelete(thumbs.filter((t) => !thumbsOf(touched.get(t.sessionId)).has(t.sha256)).map((t) => t.id));
    const copies = (await db.teamCopies.bulkGet([...touched.keys()])).filter((c): c is TeamCopy => !!c);
    for (const copy of copies) {
      const entry = touched.get(copy.sessionId);
      // A tombstone, or a burned redaction that deleted the revision this copy was made from.
      if (!entry || entry.minRev > copy.rev || entry.rev !== copy.rev) images.push(...(await deleteCopy(db, copy.sessionId)));
    }
    return touched.size;
  });
  await removeImages(db, images);
  return count;
}

const differs = (before: TeamRow | undefined, after: TeamRow) =>
  !before || (before.entry === null) !== (after.entry === null) || before.entry?.rev !== after.entry?.rev || before.entry?.publishedAt !== after.entry?.publishedAt || before.author !== after.author;

/** Pre-index summaries as rows: each thumbnail named by the hash of its bytes, which is the image file on the server. */
async function summaryRows(db: AppDB, docs: Array<{ doc: SummaryDoc; etag: string }>): Promise<TeamRow[]> {
  const names = new Map((await db.teamMembers.toArray()).map((m) => [m.memberId, m.name]));
  return Promise.all(
    docs.map(async ({ doc, etag }) => {
      if ('deleted' in doc) return rowOf({ sessionId: doc.sessionId, deleted: true, deletedAt: doc.deletedAt }, doc.author, names.get(doc.author) ?? doc.author, 'summary', etag);
      const shas = new Map<string, string>();
      for (const step of doc.steps) if (step.thumb) shas.set(step.id, await sha256Hex(thumbBytes(step.thumb).bytes));
      return rowOf(entryFromSummary(doc, shas), doc.author, doc.authorName, 'summary', etag);
    }),
  );
}

/**
 * Removes a downloaded team copy's records (and image rows, where images are rows); a session of
 * this device is never touched. Returns the image keys whose files the caller removes once committed.
 */
export async function deleteCopy(db: AppDB, sessionId: string): Promise<string[]> {
  if (!(await db.teamCopies.get(sessionId))) return [];
  const steps = await stepsOfSession(db, sessionId);
  const shots = await db.screenshots.where('sessionId').equals(sessionId).toArray();
  await db.images.where('screenshotId').anyOf(shots.map((s) => s.id)).delete();
  await db.screenshots.bulkDelete(shots.map((s) => s.id));
  await db.steps.bulkDelete(steps.map((s) => s.id));
  await db.sessions.delete(sessionId);
  await db.teamCopies.delete(sessionId);
  return imageIdsOfShots(shots.map((s) => s.id));
}
