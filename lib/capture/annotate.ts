import { changeProblem, newRedactions, sameAnnotations, type ChangeProblem, type Redaction } from '../annotation/shapes';
import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { AnnotationSchema, imageKey, type Annotation, type Screenshot } from '../schemas';
import type { Painted } from './burn';
import { readImage, writeImages } from '../storage/images';
import { timed } from './marks';

/** The pixel work, behind a seam: the background passes lib/capture/burn.ts, tests a fake. */
export interface AnnotateDeps {
  paint(full: Blob, mimeType: Screenshot['mimeType'], redactions: readonly Redaction[], annotations: readonly Annotation[]): Promise<Painted>;
  now(): number;
}

export interface AnnotateRequest {
  screenshotId: string;
  annotations: Annotation[];
}

function refusal(problem: ChangeProblem, status: string): AppFailure {
  switch (problem.kind) {
    case 'completed-session':
      return new AppFailure({ kind: 'session-not-active', status });
    case 'duplicate-id':
      return new AppFailure({ kind: 'invalid-message', detail: `two annotations share the id "${problem.id}"` });
    case 'outside-image':
      return new AppFailure({ kind: 'invalid-message', detail: `annotation "${problem.id}" reaches outside the image` });
    case 'burned-redaction-changed':
      return new AppFailure({ kind: 'invalid-message', detail: 'a saved redaction is burned into the image and cannot be moved or removed' });
  }
}

// A save that lost a race with another save starts over from what that one stored; three
// rounds is far more than two editors of one screenshot will ever need.
const ATTEMPTS = 3;

/**
 * Replaces a screenshot's annotations. New redactions are burned into the stored image first,
 * then image, thumbnail and record are replaced in one transaction, and only if nobody saved in
 * between: burning from a stale copy would bring back pixels another save had erased.
 */
export async function saveAnnotations(db: AppDB, deps: AnnotateDeps, request: AnnotateRequest): Promise<Screenshot> {
  const annotations = request.annotations.map((a) => AnnotationSchema.parse(a));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const records = await db.transaction('r', [db.sessions, db.screenshots], async () => {
      const shot = await db.screenshots.get(request.screenshotId);
      if (!shot) throw new AppFailure({ kind: 'not-found', what: 'screenshot' });
      const session = await db.sessions.get(shot.sessionId);
      if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
      return { shot, session };
    });
    const full = await readImage(db, imageKey(records.shot.id, 'full'));
    if (!full) throw new AppFailure({ kind: 'not-found', what: 'screenshot image' });
    const before = { ...records, full };
    const { shot, session } = before;
    const problem = changeProblem(shot.annotations, annotations, session.status === 'completed');
    if (problem) throw refusal(problem, session.status);

    const painted = await timed('paint', () => deps.paint(before.full, shot.mimeType, newRedactions(shot.annotations, annotations), annotations));
    const now = deps.now();
    const unchanged = async () => {
      const current = await db.screenshots.get(shot.id);
      if (!current) throw new AppFailure({ kind: 'not-found', what: 'screenshot' });
      return sameAnnotations(current.annotations, shot.annotations) && current.bytes === shot.bytes;
    };
    const images = [
      ...(painted.full ? [{ id: imageKey(shot.id, 'full'), screenshotId: shot.id, variant: 'full' as const, blob: painted.full }] : []),
      { id: imageKey(shot.id, 'thumb'), screenshotId: shot.id, variant: 'thumb' as const, blob: painted.thumb.blob },
    ];
    // Checked before the files are rewritten (a file has no transaction to roll back), and again
    // in the transaction; the image queue keeps any other image write out in between. The files
    // are replaced, not added to: createWritable swaps the new bytes in, so the erased pixels are
    // kept nowhere (lib/browser/opfs.ts).
    const saved = await timed('commit', () => writeImages(db, images, (rows) => db.transaction('rw', [db.sessions, db.steps, db.screenshots, db.images], async () => {
      const current = await db.screenshots.get(shot.id);
      if (!current) throw new AppFailure({ kind: 'not-found', what: 'screenshot' });
      if (!(await unchanged())) return null;
      const changes: Partial<Screenshot> = {
        annotations,
        thumbWidth: painted.thumb.width,
        thumbHeight: painted.thumb.height,
        thumbBytes: painted.thumb.blob.size,
      };
      if (painted.full) changes.bytes = painted.full.size;
      await db.images.bulkPut(rows);
      await db.screenshots.update(shot.id, changes);
      await db.steps.update(shot.stepId, { updatedAt: now });
      // The library's summaries key on a session's updatedAt.
      await db.sessions.update(shot.sessionId, { updatedAt: now });
      return { ...current, ...changes };
    }), unchanged));
    if (saved) return saved;
  }
  throw new AppFailure({ kind: 'internal', detail: 'the screenshot kept changing while it was being saved; try again' });
}
