import { describe, expect, it } from 'vitest';
import { manifestOf, readmeText, type Target } from './build';

// Least privilege, as a gate: the built manifests ask for exactly this and nothing more. Adding a
// permission means changing this list on purpose and justifying it in README's permissions table.

const ALLOWED: Record<Target, { permissions: string[]; optional: string[]; hosts: string[] }> = {
  chrome: { permissions: ['scripting', 'sidePanel', 'storage', 'unlimitedStorage', 'webNavigation'], optional: [], hosts: ['<all_urls>'] },
  // Manifest V2 has no host_permissions key: hosts are listed among the permissions. No
  // sidePanel: Firefox's sidebar_action needs no permission.
  firefox: { permissions: ['<all_urls>', 'scripting', 'storage', 'unlimitedStorage', 'webNavigation'], optional: [], hosts: [] },
};

const sorted = (v: unknown) => [...((v as string[] | undefined) ?? [])].sort();

describe.each(['chrome', 'firefox'] as const)('%s manifest permissions', (target) => {
  const manifest = manifestOf(target);
  const asked = {
    permissions: sorted(manifest.permissions),
    optional: sorted([...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])]),
    hosts: sorted(manifest.host_permissions),
  };

  it('asks for exactly the allowed permissions', () => {
    console.log(`${target}: permissions ${JSON.stringify(asked.permissions)}, optional ${JSON.stringify(asked.optional)}, hosts ${JSON.stringify(asked.hosts)}`);
    expect(asked).toEqual({ permissions: sorted(ALLOWED[target].permissions), optional: sorted(ALLOWED[target].optional), hosts: sorted(ALLOWED[target].hosts) });
  });

  it('has every permission justified in README', () => {
    const readme = readmeText();
    const unexplained = [...asked.permissions, ...asked.optional, ...asked.hosts].filter((p) => !readme.includes(`| \`${p === '<all_urls>' ? 'host_permissions: <all_urls>' : p}\``));
    console.log(`${target}: ${unexplained.length} permission(s) without a row in README's table`);
    expect(unexplained).toEqual([]);
  });
});
