// Words for zod's findings, shared by every importer so that a refused file reads the same
// whichever kind it was ("pillars.3.weight: must be a number", "… is missing").

/** zod's type names as a user would say them. */
export const EXPECTED_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'an object',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  record: 'an object',
};

/** The value at `path` inside parsed JSON, or undefined when any step of the path is absent. */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
