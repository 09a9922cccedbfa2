import { SCALE_CHOICES } from './builtin';
import type { Rubric } from '../schemas';

// The rules a rubric must pass before it is stored, as one pure function shared by the editor
// (inline messages), the background (the last word before a write) and import (a file's
// problems). Limits match RubricSchema in schemas.ts, so what passes here passes there.

export const MIN_PILLARS = 2;
export const MAX_PILLARS = 12;
export const LIMITS = { name: 100, description: 500, pillarName: 60, pillarDescription: 300, label: 40, weight: 100 } as const;

/** A problem addressed to one field, e.g. `{ path: 'pillars.2.weight', message: 'must be greater than 0' }`. */
export interface RubricIssue {
  path: string;
  /** Reads after the path ("name: cannot be empty") and, capitalised, on its own beside the field. */
  message: string;
}


const tooLong = (max: number) => `must be at most ${max} characters`;

export function validateRubric(rubric: Rubric): RubricIssue[] {
  const issues: RubricIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  if (!rubric.name.trim()) add('name', 'cannot be empty');
  else if (rubric.name.trim().length > LIMITS.name) add('name', tooLong(LIMITS.name));
  if (rubric.description.length > LIMITS.description) add('description', tooLong(LIMITS.description));

  const count = rubric.pillars.length;
  if (count < MIN_PILLARS) add('pillars', `needs at least ${MIN_PILLARS} pillars (has ${count})`);
  if (count > MAX_PILLARS) add('pillars', `can have at most ${MAX_PILLARS} pillars (has ${count})`);

  const names = new Set<string>();
  const ids = new Set<string>();
  rubric.pillars.forEach((pillar, i) => {
    const at = `pillars.${i}`;
    const name = pillar.name.trim();
    if (!name) add(`${at}.name`, 'cannot be empty');
    else if (name.length > LIMITS.pillarName) add(`${at}.name`, tooLong(LIMITS.pillarName));
    else if (names.has(name.toLowerCase())) add(`${at}.name`, `"${name}" is already the name of another pillar`);
    names.add(name.toLowerCase());
    // Scores are keyed by pillar id; two pillars sharing one would share their scores.
    if (ids.has(pillar.id)) add(`${at}.id`, 'is the id of another pillar too');
    ids.add(pillar.id);
    if (pillar.description.length > LIMITS.pillarDescription) add(`${at}.description`, tooLong(LIMITS.pillarDescription));
    if (!Number.isFinite(pillar.weight)) add(`${at}.weight`, 'must be a number');
    else if (pillar.weight <= 0) add(`${at}.weight`, 'must be greater than 0');
    else if (pillar.weight > LIMITS.weight) add(`${at}.weight`, `must be at most ${LIMITS.weight}`);
  });

  const { min, max, labels } = rubric.scale;
  if (!SCALE_CHOICES.some((s) => s.min === min && s.max === max)) {
    add('scale', `must be ${SCALE_CHOICES.map((s) => `${s.min}–${s.max}`).join(', ').replace(/, ([^,]*)$/, ' or $1')} (is ${min}–${max})`);
  } else if (labels.length !== max - min + 1) {
    add('scale.labels', `needs ${max - min + 1} labels, one per value (has ${labels.length})`);
  } else {
    labels.forEach((label, i) => {
      if (!label.trim()) add(`scale.labels.${i}`, 'cannot be empty');
      else if (label.length > LIMITS.label) add(`scale.labels.${i}`, tooLong(LIMITS.label));
    });
  }
  return issues;
}

export const formatIssue = (issue: RubricIssue) => `${issue.path}: ${issue.message}`;

/** The first issue for each path, for showing one message beside each field. */
export function issuesByPath(issues: readonly RubricIssue[]): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
  return byPath;
}
