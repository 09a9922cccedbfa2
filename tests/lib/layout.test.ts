import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layout is the architecture: each lib/ folder sits on a layer and may import only its own
// layer and those below. A new folder must be given a layer here before anything may use it.
// Type-only imports count too: they are still a dependency a reader has to follow.

const ROOT = resolve(__dirname, '../..');

/** Lower number = lower layer. Same number = peers, which may import each other. */
const LAYERS: Record<string, number> = {
  // Shared core at lib/'s top: schemas, errors, ids, format, zod-words.
  core: 0,
  // Pure domain: no storage, no browser.
  scoring: 1,
  annotation: 1,
  notes: 1,
  library: 1,
  // The one Dexie module (its migration builds library summaries, hence above library/).
  db: 2,
  // Domain that reads and writes through db/.
  rubric: 3,
  session: 3,
  step: 3,
  // Disk room and the safety copy outside IndexedDB (reads db/ to copy it).
  storage: 3,
  // Whole-session pipelines out of and into the database.
  export: 4,
  bundle: 4,
  // The one message contract between pages and the background.
  contract: 5,
  // Glue to the browser: tabs, pixels, scripts in pages.
  capture: 6,
  browser: 6,
  // Glue to the team's WebDAV server: sync over db/, bundle/ and the contract.
  workspace: 6,
};
// channel.ts: the contract's port transport for long requests (progress, cancel, bytes).
const CONTRACT_FILES = new Set(['messages.ts', 'router.ts', 'channel.ts']);

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function specifiers(source: string, { values = false } = {}): string[] {
  // `values`: leave out type-only imports, which vanish from the built code.
  if (values) source = source.replace(/(?:import|export) type [^;]*?from\s*['"][^'"\n]+['"]/g, '');
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g)) found.push(m[1]!);
  return found;
}

/** The file a repo path without extension names. */
function fileOf(path: string): string | null {
  for (const candidate of [path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

/** Repo-relative path a specifier points at (without extension), or null for a package. */
function target(fromFile: string, spec: string): string | null {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(fromFile), spec));
  return null;
}

/** The layer name of a lib/ path (file or extension-less module path). */
function layerOf(libPath: string): string {
  const parts = libPath.split('/');
  if (parts.length === 2) return CONTRACT_FILES.has(parts[1]!.replace(/(\.tsx?)?$/, '.ts')) ? 'contract' : 'core';
  return parts[1]!;
}

const libFiles = filesUnder('lib');
const edges = libFiles.flatMap((file) =>
  specifiers(readFileSync(join(ROOT, file), 'utf8')).flatMap((spec) => {
    const to = target(file, spec);
    return to ? [{ file, spec, to }] : [];
  }),
);

describe('the lib/ layout', () => {
  it('finds the imports it checks (the parser is not silently blind)', () => {
    expect(libFiles.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.file === 'lib/step/commit.ts' && e.to === 'lib/db')).toBe(true);
    expect(target('lib/capture/pipeline.ts', '../step/commit')).toBe('lib/step/commit');
    expect(layerOf('lib/messages')).toBe('contract');
    expect(layerOf('lib/schemas.ts')).toBe('core');
  });

  it('gives every lib/ folder a layer', () => {
    const unknown = [...new Set(libFiles.map(layerOf))].filter((layer) => !(layer in LAYERS));
    expect(unknown, 'add the folder to LAYERS in tests/lib/layout.test.ts').toEqual([]);
  });

  it('never imports components/ or entrypoints/ from lib/', () => {
    const outward = edges.filter((e) => !e.to.startsWith('lib/') && !e.to.startsWith('node_modules'));
    expect(outward.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it('never imports a higher layer from a lower one', () => {
    const upward = edges
      .filter((e) => e.to.startsWith('lib/'))
      .filter((e) => (LAYERS[layerOf(e.to)] ?? Infinity) > (LAYERS[layerOf(e.file)] ?? -Infinity))
      .map((e) => `${e.file} (${layerOf(e.file)}) → ${e.spec} (${layerOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  it('flags an upward import when one is written (the check can fail)', () => {
    const from = 'lib/scoring/alignment.ts';
    const to = target(from, '../capture/pipeline')!;
    expect(LAYERS[layerOf(to)]!).toBeGreaterThan(LAYERS[layerOf(from)]!);
  });
});

const DB = (to: string | null, spec: string) => spec === 'dexie' || to === 'lib/db' || !!to?.startsWith('lib/db/');

describe('pages read through components/data/', () => {
  it('no view or entry point opens the database itself (only components/data/ and the background do)', () => {
    const pages = [...filesUnder('components'), ...filesUnder('entrypoints')].filter(
      (f) => !f.startsWith('components/data/') && f !== 'entrypoints/background.ts',
    );
    expect(pages.length).toBeGreaterThan(40);
    const direct = pages.flatMap((file) =>
      specifiers(readFileSync(join(ROOT, file), 'utf8'))
        .filter((spec) => DB(target(file, spec), spec))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(direct).toEqual([]);
  });

  it('the popup loads no Dexie and no lib/db/, following every import it runs', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const queue = filesUnder('entrypoints/popup');
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of specifiers(readFileSync(join(ROOT, file), 'utf8'), { values: true })) {
        const to = target(file, spec);
        if (DB(to, spec)) reached.push(`${file} → ${spec}`);
        const next = to && fileOf(to);
        if (next) queue.push(next);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
    expect(reached).toEqual([]);
  });
});
