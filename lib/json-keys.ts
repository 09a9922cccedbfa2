// Keys that mean something to JavaScript objects; a file from outside (a bundle, a rubric file)
// has no business carrying them, at any depth. Shared core: imports nothing.
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type KeyProblem = { kind: 'key'; path: string[]; key: string } | { kind: 'too-deep'; path: string[] };

/**
 * The first forbidden key in parsed JSON (`path` is where its object sits), or the first object
 * nested deeper than `maxDepth`; null when clean. Iterative, so a deeply nested file cannot
 * exhaust the stack.
 */
export function forbiddenKeyProblem(raw: unknown, maxDepth = Infinity): KeyProblem | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: raw, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length > maxDepth) return { kind: 'too-deep', path };
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'key', path, key };
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
