import { refuse, where } from './format';
import { FORBIDDEN_KEYS, forbiddenKeyProblem } from '../json-keys';

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
  const found = forbiddenKeyProblem(raw);
  return found?.kind === 'key' ? [...found.path, found.key] : null;
}
