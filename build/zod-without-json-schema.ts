// Build-time plugins (vite) for wxt.config.ts only; nothing here ships or is imported by app code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

// zod's classic schemas wire a JSON Schema generator into every schema type (toJSONSchema,
// `~standard.jsonSchema`), so it is bundled even though the extension never asks for a JSON
// Schema: ~18 KB minified, ~4 KB gzip, in every bundle and in the service worker, which has a
// size budget and cannot lazy-load. Here those two imports of classic/schemas.js resolve to
// stand-ins with the same export names; parsing and validation do not touch them. Calling
// schema.toJSONSchema() in the extension throws a sentence instead of producing one.
const PREFIX = '\0zod-without-json-schema:';
const STUBBED = ['../core/json-schema-processors.js', '../core/to-json-schema.js'];
const UNAVAILABLE = "throw new Error('JSON Schema generation is not bundled in Mystery Shopper (build/zod-without-json-schema.ts).')";

export function zodWithoutJsonSchema(): Plugin {
  const zodCore = createRequire(import.meta.url).resolve('zod/v4/core').replace(/index\.c?js$/, '');
  return {
    name: 'zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/.test(importer)) return null;
      return STUBBED.includes(source) ? PREFIX + source.slice('../core/'.length) : null;
    },
    // zod 4's object schema compiles a fast path with `new Function` when a probe says eval is
    // allowed; an extension's CSP never allows it, so that code (its code generator and the probe)
    // is dead weight in every bundle. The plain object schema is the same parser without it.
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/.test(id) || !code.includes('core.$ZodObjectJIT.init(')) return null;
      return { code: code.replace('core.$ZodObjectJIT.init(', 'core.$ZodObject.init('), map: null };
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length);
      // The same names as the real module, read from it, so a zod update that adds one still links.
      const real = readFileSync(zodCore + file, 'utf8');
      const names = [...real.matchAll(/^export (?:const|function|class) (\w+)/gm)].map((m) => m[1]!);
      const unavailable = `function unavailable() { ${UNAVAILABLE}; }`;
      // The create*Method factories run when a schema's `~standard` is read, so they return the
      // throwing function rather than throw themselves.
      const body = names.map((n) =>
        /^create\w*Method$/.test(n) ? `export const ${n} = () => unavailable;` : `export const ${n} = unavailable;`,
      );
      return [unavailable, ...body].join('\n');
    },
  };
}
