import { z } from 'zod';
import { EXPECTED_WORDS, valueAt } from '../zod-words';
import { uniqueName } from './draft';
import { RubricShapeSchema } from './shape';
import { formatIssue, validateRubric } from './validation';
import { RubricSchema, type Rubric } from '../schemas';
import { slugify } from '../format';
import { forbiddenKeyProblem } from '../json-keys';

// A rubric shared as a small JSON file. Pure: the page reads and writes the files, this
// module only turns text into a rubric (or a list of problems) and back.

export const RUBRIC_FILE_FORMAT = 'mystery-shopper-rubric';
export const RUBRIC_FILE_VERSION = 1;
/** A rubric of 12 pillars is a few KB; anything near this cap is not one. */
export const MAX_RUBRIC_FILE_BYTES = 256 * 1024;
// envelope → rubric → pillars → pillar → value is four levels; a little slack, then refuse.
const MAX_DEPTH = 8;

const RubricFileSchema = z.strictObject({
  format: z.literal(RUBRIC_FILE_FORMAT),
  version: z.literal(RUBRIC_FILE_VERSION),
  rubric: RubricShapeSchema,
});

export type ImportResult = { ok: true; rubric: Rubric } | { ok: false; problems: string[] };

export function exportRubricFile(rubric: Rubric): string {
  // Only the rubric's own fields: storage details such as updatedAt would make import refuse it.
  const { id, name, description, pillars, scale } = rubric;
  const clean = { id, name, description, pillars: pillars.map(({ id, name, description, weight }) => ({ id, name, description, weight })), scale };
  return JSON.stringify({ format: RUBRIC_FILE_FORMAT, version: RUBRIC_FILE_VERSION, rubric: clean }, null, 2) + '\n';
}

export function rubricFileName(rubric: Pick<Rubric, 'name'>): string {
  return `${slugify(rubric.name) || 'rubric'}.rubric.json`;
}

/** Checked before a file is read at all, so a huge file never reaches memory. */
export function fileSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_RUBRIC_FILE_BYTES) return null;
  return `the file is ${Math.ceil(bytes / 1024)} KB; a rubric file is at most ${MAX_RUBRIC_FILE_BYTES / 1024} KB`;
}

export interface ImportOptions {
  newId(): string;
  /** Names already in use: an imported rubric with one of them is renamed, never merged. */
  takenNames?: readonly string[];
}

/**
 * Reads a rubric file. The rubric always gets a fresh id, so an import can never overwrite a
 * saved rubric; on any problem nothing is returned but the problems, each saying where.
 */
export function importRubricFile(text: string, options: ImportOptions): ImportResult {
  const fail = (...problems: string[]): ImportResult => ({ ok: false, problems });
  const sizeProblem = fileSizeProblem(new TextEncoder().encode(text).length);
  if (sizeProblem) return fail(sizeProblem);

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('the file is not JSON; a rubric file is the .json file that Export rubric saves');
  }
  const structural = structureProblem(raw);
  if (structural) return fail(structural);

  const envelope = raw as Record<string, unknown>;
  if (envelope.format !== RUBRIC_FILE_FORMAT)
    return fail(`format: expected "${RUBRIC_FILE_FORMAT}", found ${JSON.stringify(envelope.format) ?? 'nothing'}; this is not a Mystery Shopper rubric file`);
  if (typeof envelope.version === 'number' && envelope.version > RUBRIC_FILE_VERSION)
    return fail(`version: the file is version ${envelope.version}, from a newer Mystery Shopper; this one reads version ${RUBRIC_FILE_VERSION}. Update the extension, then import it again`);

  const parsed = RubricFileSchema.safeParse(raw);
  if (!parsed.success) return fail(...parsed.error.issues.map((issue) => `${where(issue.path)}: ${describeIssue(issue, raw)}`));

  const issues = validateRubric(parsed.data.rubric);
  if (issues.length) return fail(...issues.map(formatIssue));

  const rubric = RubricSchema.parse({ ...parsed.data.rubric, id: options.newId(), name: uniqueName(parsed.data.rubric.name.trim(), options.takenNames ?? [], 'imported') });
  return { ok: true, rubric };
}

/** A JSON object, with no forbidden key and no deeper than a rubric ever is. */
function structureProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'the file is not a Mystery Shopper rubric file (expected an object with format, version and rubric)';
  const found = forbiddenKeyProblem(raw, MAX_DEPTH);
  if (!found) return null;
  return found.kind === 'too-deep' ? `${where(found.path)}: nested too deeply to be part of a rubric` : `${where(found.path)}: the key "${found.key}" is not allowed`;
}

/** Paths inside the rubric read as the editor's own field paths: `pillars.3.weight`. */
function where(path: readonly PropertyKey[]): string {
  const keys = path.map(String);
  if (keys.length === 0) return 'file';
  return (keys[0] === 'rubric' && keys.length > 1 ? keys.slice(1) : keys).join('.');
}


function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(raw, issue.path) === undefined) return 'is missing';
      return `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`;
    }
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

