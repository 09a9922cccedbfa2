import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from './build';

// What each page makes the browser load before its first view, gzipped: the HTML, its scripts,
// module preloads and stylesheets, and every module those import statically (followed through
// the chunks). Dynamic import() is lazy-loaded on demand and listed apart, not counted.
// Budgets are the issue's; a page over its budget must lazy-load what its first view does not need.

const BUDGETS_KB: Record<string, number> = {
  'popup.html': 25,
  'sidepanel.html': 80,
  'dashboard.html': 110,
  'background.js': 110,
};

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

interface Load {
  files: string[];
  lazy: string[];
  gzip: number;
}

function load(dir: string, entry: string): Load {
  const seen = new Set<string>();
  const lazy = new Set<string>();
  const queue: string[] = [entry];
  const toPath = (from: string, ref: string) => (ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(from), ref));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    if (file.endsWith('.html')) {
      for (const m of text.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/g)) {
        const ref = m[1]!;
        if (!/^(https?:)?\/\//.test(ref)) queue.push(toPath(file, ref));
      }
    } else if (file.endsWith('.js')) {
      const [imports] = parse(text);
      for (const imp of imports) {
        if (!imp.n || !imp.n.startsWith('.') && !imp.n.startsWith('/')) continue;
        const target = toPath(file, imp.n);
        if (imp.d > -1) lazy.add(target);
        else queue.push(target);
      }
    }
  }
  const files = [...seen];
  for (const f of files) lazy.delete(f);
  return { files, lazy: [...lazy], gzip: files.reduce((sum, f) => sum + gz(readFileSync(join(dir, f))), 0) };
}

describe('size budgets (Chrome build, gzip, everything a first view loads)', () => {
  let dir = '';
  beforeAll(async () => {
    await init;
    dir = buildDir('chrome');
  });

  it.each(Object.entries(BUDGETS_KB))('%s stays within %d KB', (entry, budget) => {
    const { files, lazy, gzip } = load(dir, entry);
    const kb = gzip / 1024;
    console.log(`size ${entry}: ${kb.toFixed(1)} KB gzip of ${budget} KB (${files.length} files: ${files.join(', ')}${lazy.length ? `; lazy: ${lazy.join(', ')}` : ''})`);
    expect(kb).toBeLessThanOrEqual(budget);
  });
});


