import { refuse, where } from './format';

// Keys that mean something to JavaScript objects; a bundle has no business carrying them, at any depth.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKey extends Error {}

/** UTF-8 JSON from a bundle file, refused (saying which file and where) if it is not clean JSON. */
export function parseBundleJson(bytes: Uint8Array, file: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(`${file}: is not UTF-8 text`);
  }
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return value;
    });
  } catch (e) {
    if (e instanceof ForbiddenKey) throw refuse(`${file}: ${where(forbiddenKeyPath(JSON.parse(text)) ?? [e.message])}: the key "${e.message}" is not allowed`);
    // A RangeError here is nesting deep enough to exhaust the reviver's stack: no bundle file is like that.
    if (e instanceof RangeError) throw refuse(`${file}: is nested too deeply to be a bundle file`);
    throw refuse(`${file}: is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Only on the failure path: parsed again without the reviver, to say where the key was. */
function forbiddenKeyPath(raw: unknown): string[] | null {
  // Iterative, so that a deeply nested file cannot exhaust the stack.
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: raw, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return [...path, key];
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
