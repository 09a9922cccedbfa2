import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, filesOf, manifestOf } from './build';

// No code that is not in the package: no eval or Function constructor, no script from a remote
// URL, no source map (stores reject them, and they would ship our sources twice).

interface Finding {
  file: string;
  rule: string;
  excerpt: string;
}

const RULES: Array<{ rule: string; pattern: RegExp }> = [
  { rule: 'eval', pattern: /(?<![\w$.])eval\s*\(/g },
  { rule: 'new Function', pattern: /new\s+Function\b/g },
  { rule: 'Function(...) call', pattern: /(?<![\w$.])Function\s*\(/g },
  // An alias hides a constructor call from the two rules above: `const F = Function; new F(src)`.
  { rule: 'Function constructor alias', pattern: /[=:,(]\s*Function\s*[,;)]/g },
  { rule: 'string timer', pattern: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g },
  { rule: 'remote script', pattern: /<script[^>]*\ssrc\s*=\s*["']?(?:https?:)?\/\//gi },
  { rule: 'remote import', pattern: /(?:\bimport\s*\(|\bfrom|\bimport|\bimportScripts\s*\()\s*["'`](?:https?:)?\/\//g },
  { rule: 'source map', pattern: /[#@]\s*sourceMappingURL=/g },
];

// Dependency internals that match a rule, each with why it is safe. Matched by their shape in
// the minified output, so that any other match still fails.
const KNOWN: Array<{ rule: string; shape: RegExp; why: string }> = [
  {
    rule: 'Function constructor alias',
    shape: /try\{const ([\w$]+)=Function;return new \1\(""\),!0\}catch\{return!1\}/,
    why: 'zod 4 probes whether eval is allowed (allowsEval); the extension CSP forbids it, so the probe throws and zod never compiles code',
  },
  {
    rule: 'Function constructor alias',
    shape: /compile\(\)\{const ([\w$]+)=Function,/,
    why: "zod 4's JIT (Doc.compile) runs only when that probe succeeded, which the extension CSP prevents",
  },
];

function scan(target: 'chrome' | 'firefox') {
  const dir = buildDir(target);
  const findings: Finding[] = [];
  const known: Array<Finding & { why: string }> = [];
  const files = filesOf(target);
  for (const file of files) {
    if (file.endsWith('.map')) findings.push({ file, rule: 'source map', excerpt: '(a .map file)' });
    if (!/\.(m?js|html|css|json)$/.test(file)) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const { rule, pattern } of RULES) {
      for (const m of text.matchAll(pattern)) {
        const around = text.slice(Math.max(0, m.index - 80), m.index + 80);
        const excuse = KNOWN.find((k) => k.rule === rule && k.shape.test(around));
        const finding = { file, rule, excerpt: around.replace(/\s+/g, ' ') };
        if (excuse) known.push({ ...finding, why: excuse.why });
        else findings.push(finding);
      }
    }
  }
  return { files: files.length, findings, known };
}

describe.each(['chrome', 'firefox'] as const)('%s build code', (target) => {
  it('has no eval, Function constructor, remote script or source map', () => {
    const { files, findings, known } = scan(target);
    console.log(`${target}: ${files} files scanned, ${findings.length} forbidden, ${known.length} known dependency sites:`);
    for (const k of known) console.log(`  ${k.file} (${k.rule}): ${k.why}`);
    for (const f of findings) console.log(`  FORBIDDEN ${f.file} (${f.rule}): …${f.excerpt}…`);
    expect(findings).toEqual([]);
  });

  it('keeps the default content security policy (no unsafe-eval, no remote sources)', () => {
    const csp = manifestOf(target).content_security_policy;
    const text = typeof csp === 'string' ? csp : JSON.stringify(csp ?? '');
    console.log(`${target}: content_security_policy ${text || '(browser default)'}`);
    expect(text).not.toMatch(/unsafe-eval|unsafe-inline|https?:|wasm-unsafe-eval/);
  });
});
