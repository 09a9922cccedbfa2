import type { ImageVariant } from '../schemas';
import { stepsProblem } from '../step/rules';
import { SAFE_ID, imagePath, type BundleRecords, type ImageMime } from './format';

// The checks a bundle's contents must pass as a whole. Export runs them too, so that the app never
// writes a bundle that it would refuse to read.

/** Why the records do not hang together (a path in sessions.json and what is wrong), or null. */
export function referenceProblem({ sessions, steps, screenshots }: BundleRecords): string | null {
  const duplicate = firstDuplicate('sessions', sessions) ?? firstDuplicate('steps', steps) ?? firstDuplicate('screenshots', screenshots);
  if (duplicate) return duplicate;
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  for (const [i, step] of steps.entries()) {
    if (!sessionById.has(step.sessionId)) return `steps.${i}.sessionId: "${step.sessionId}" is not a session in this bundle`;
  }
  // The same rules as the app's own edits: stages, scores on the rubric's scale, one step per position.
  const broken = stepsProblem((step) => sessionById.get(step.sessionId)!, steps);
  if (broken) return `steps.${broken.index}.${broken.field}: ${broken.problem}`;
  const stepById = new Map(steps.map((s) => [s.id, s]));
  for (const [i, shot] of screenshots.entries()) {
    if (!SAFE_ID.test(shot.id)) return `screenshots.${i}.id: "${shot.id}" may hold only letters, digits, ".", "_" and "-"`;
    const step = stepById.get(shot.stepId);
    if (!step) return `screenshots.${i}.stepId: "${shot.stepId}" is not a step in this bundle`;
    if (step.sessionId !== shot.sessionId)
      return `screenshots.${i}.sessionId: "${shot.sessionId}" is not the session of its step "${step.id}"`;
  }
  return null;
}

function firstDuplicate(table: string, records: ReadonlyArray<{ id: string }>): string | null {
  const seen = new Set<string>();
  for (const [i, record] of records.entries()) {
    if (seen.has(record.id)) return `${table}.${i}.id: "${record.id}" appears twice`;
    seen.add(record.id);
  }
  return null;
}

export interface ImageRef {
  screenshotId: string;
  variant: ImageVariant;
  mimeType: ImageMime;
  /** Where it is (or would be) in the zip, for messages. */
  path: string;
}

/** Every screenshot has exactly a full image of its own type and a thumbnail, and every image has a screenshot. */
export function imagesProblem(screenshots: BundleRecords['screenshots'], images: readonly ImageRef[]): string | null {
  const shotById = new Map(screenshots.map((s) => [s.id, s]));
  const present = new Set<string>();
  for (const image of images) {
    const shot = shotById.get(image.screenshotId);
    if (!shot) return `${image.path}: no screenshot in sessions.json has the id "${image.screenshotId}"`;
    const key = `${image.screenshotId}/${image.variant}`;
    if (present.has(key)) return `${image.path}: a second ${image.variant} image for screenshot "${image.screenshotId}"`;
    present.add(key);
    if (image.variant === 'full' && image.mimeType !== shot.mimeType)
      return `${image.path}: screenshot "${shot.id}" is ${shot.mimeType}, but this image is ${image.mimeType}`;
  }
  for (const shot of screenshots) {
    if (!present.has(`${shot.id}/full`)) return `${imagePath(shot.id, 'full', shot.mimeType)}: is missing; screenshot "${shot.id}" has no image`;
    if (!present.has(`${shot.id}/thumb`)) return `images/${shot.id}/thumb: is missing; screenshot "${shot.id}" has no thumbnail`;
  }
  return null;
}
