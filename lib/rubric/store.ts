import type { AppDB } from '../db';
import { AppFailure } from '../errors';
import { formatIssue, validateRubric } from './validation';
import { findBuiltInRubric } from './builtin';
import { RubricSchema, type Rubric, type SavedRubric } from '../schemas';

// Writes to saved rubrics. Only the background calls these, as for sessions and steps.
// Sessions hold their own copy of a rubric, so neither write can change a past audit.

/** Creates or replaces a saved rubric, after the same checks the editor makes. */
export async function saveRubric(db: AppDB, input: Rubric, now: number): Promise<SavedRubric> {
  // startSession resolves built-in ids first, so a saved rubric under one would never be used.
  if (findBuiltInRubric(input.id))
    throw new AppFailure({ kind: 'invalid-message', detail: 'a built-in template cannot be changed; copy it, then save the copy' });
  const issues = validateRubric(input);
  if (issues.length) throw new AppFailure({ kind: 'invalid-message', detail: issues.map(formatIssue).join('; ') });
  const saved: SavedRubric = { ...RubricSchema.parse(input), updatedAt: now };
  await db.rubrics.put(saved);
  return saved;
}

export async function deleteRubric(db: AppDB, rubricId: string): Promise<void> {
  await db.transaction('rw', db.rubrics, async () => {
    if (!(await db.rubrics.get(rubricId))) throw new AppFailure({ kind: 'not-found', what: 'rubric' });
    await db.rubrics.delete(rubricId);
  });
}

/** A built-in template or a saved rubric, as a plain Rubric (no storage fields). */
export async function findRubric(db: AppDB, rubricId: string): Promise<Rubric | undefined> {
  const found = findBuiltInRubric(rubricId) ?? (await db.rubrics.get(rubricId));
  return found && RubricSchema.parse(found);
}
