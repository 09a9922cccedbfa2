import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the policy gates find the built extension: the output of `npm run build` (Chrome) and
// `npm run build:firefox`, which `npm test` runs before them.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const BUILDS = {
  chrome: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv2'),
} as const;
export type Target = keyof typeof BUILDS;

export function buildDir(target: Target): string {
  const dir = BUILDS[target];
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`no ${target} build at ${relative(ROOT, dir)}: run \`npx wxt build${target === 'firefox' ? ' -b firefox' : ''}\` first`);
  return dir;
}

export function manifestOf(target: Target): Record<string, any> {
  return JSON.parse(readFileSync(join(buildDir(target), 'manifest.json'), 'utf8'));
}

/** Every file of a build, as paths relative to it. */
export function filesOf(target: Target): string[] {
  const dir = buildDir(target);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

export const readmeText = () => readFileSync(join(ROOT, 'README.md'), 'utf8');
