import { LIMITS } from './validation';
import { SCALE_CHOICES } from './builtin';
import type { Rubric, Scale } from '../schemas';

// A rubric while the editor holds it. Weights stay as typed text, so that "abc" or an empty box
// can be shown back with a message instead of being silently turned into 0.

export interface PillarDraft {
  id: string;
  name: string;
  description: string;
  weight: string;
}

export interface RubricDraft {
  id: string;
  name: string;
  description: string;
  scale: Scale;
  pillars: PillarDraft[];
}

export function toDraft(rubric: Rubric): RubricDraft {
  return {
    id: rubric.id,
    name: rubric.name,
    description: rubric.description,
    scale: { ...rubric.scale, labels: [...rubric.scale.labels] },
    pillars: rubric.pillars.map((p) => ({ id: p.id, name: p.name, description: p.description, weight: String(p.weight) })),
  };
}

/** The rubric a draft stands for; validateRubric says whether it may be saved. */
export function fromDraft(draft: RubricDraft): Rubric {
  return {
    id: draft.id,
    name: draft.name.trim(),
    description: draft.description.trim(),
    scale: { ...draft.scale, labels: draft.scale.labels.map((l) => l.trim()) },
    pillars: draft.pillars.map((p) => ({ id: p.id, name: p.name.trim(), description: p.description.trim(), weight: parseWeight(p.weight) })),
  };
}

/** A typed weight as a number; NaN when it is not one. A decimal comma is read as a point. */
export function parseWeight(text: string): number {
  const t = text.trim().replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

export const newPillar = (id: string): PillarDraft => ({ id, name: '', description: '', weight: '1' });

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * The scale 1–`max`: the rubric's own labels when it already had that length (switching away
 * and back loses nothing), else the starting labels of that choice.
 */
export function rescale(max: number, own: Scale): Scale {
  const choice = SCALE_CHOICES.find((s) => s.max === max) ?? SCALE_CHOICES[0]!;
  if (own.min === choice.min && own.max === choice.max && own.labels.length === choice.max - choice.min + 1) return own;
  return { ...choice, labels: [...choice.labels] };
}

/** `name`, or `name (suffix)`, `name (suffix 2)`… whichever is not taken (case-insensitive). */
export function uniqueName(name: string, taken: readonly string[], suffix: string): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!used.has(name.trim().toLowerCase())) return name;
  for (let n = 1; ; n++) {
    const tail = n === 1 ? ` (${suffix})` : ` (${suffix} ${n})`;
    const candidate = name.slice(0, LIMITS.name - tail.length) + tail;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** A copy to edit: a new id, and a name that tells it apart from the original. */
export function copyRubric(rubric: Rubric, id: string, takenNames: readonly string[]): Rubric {
  const { name, description, pillars, scale } = structuredClone(rubric);
  return { id, name: uniqueName(name, [...takenNames, name], 'copy'), description, pillars, scale };
}
