import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { waitUntil, type Audit } from './harness';
import { readRevision } from '@/lib/workspace/parts';
import { parseIndex } from '@/lib/workspace/index-doc';
import { fillWorkspaceForm } from '../support/workspace-form.mjs';

// Shared by the team-workspace e2e files (not a test file): the dashboard, connecting through the
// real form, and reading what a publish left on the Apache server's disk.

export async function dashboard(audit: Audit): Promise<Page> {
  const page = await audit.ext.context.newPage();
  await page.goto(`chrome-extension://${audit.ext.extensionId}/dashboard.html#/`);
  return page;
}

export async function connect(page: Page, origin: string, user: string, password: string, name: string) {
  await fillWorkspaceForm(page, origin, user, password, name);
  await page.getByRole('button', { name: 'Test connection' }).click();
  // waitUntil, not expect.poll: this also runs in beforeAll hooks.
  await waitUntil(async () => ((await page.locator('.workspace-note').textContent()) ?? '').includes('Connection works'), 'the connection test passed', 60_000);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('heading', { name: 'Connected' }).waitFor({ timeout: 60_000 });
}

/** Selects sessions in the library and publishes them, confirming the first-publish preview when it shows. */
export async function publishFromLibrary(page: Page, titles: string[]) {
  await page.getByRole('link', { name: 'Sessions' }).click();
  for (const title of titles) await page.getByLabel(`Select “${title}”`).check();
  await page.getByRole('button', { name: /^Publish to team/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share with the team?' });
  await dialog.getByRole('button', { name: 'Publish to the team' }).click();
  await dialog.waitFor({ state: 'detached' });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * What a reader would find for a session on the server's disk (`folder` is the workspace folder's
 * directory): null when head.json is absent; otherwise the revision head.json names, checked whole —
 * its file matches head.json's hash, every image it names is there with the right bytes, and the
 * row its author's index gives the team library is of that revision.
 */
export function publishedOnDisk(folder: string, sessionId: string): null | { rev: number; stepCount: number; images: number } {
  const dir = join(folder, 'mystery-shopper', 'sessions', sessionId);
  if (!existsSync(join(dir, 'head.json'))) return null;
  const head = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as { rev: number; sha256: string };
  const zip = new Uint8Array(readFileSync(join(dir, `rev-${head.rev}-${head.sha256.slice(0, 8)}.zip`)));
  expect(sha256(zip)).toBe(head.sha256);
  const revision = readRevision(zip);
  for (const image of revision.images) expect(sha256(new Uint8Array(readFileSync(join(dir, 'images', image.sha256))))).toBe(image.sha256);
  const entry = indexedOnDisk(folder, sessionId);
  if (!entry || 'deleted' in entry) throw new Error(`no index lists ${sessionId}`);
  expect(entry.rev).toBe(head.rev);
  return { rev: head.rev, stepCount: entry.row.stepCount, images: new Set(revision.images.map((i) => i.sha256)).size };
}

/** A session's entry in its author's index on disk, if any: what the team library would list. */
export function indexedOnDisk(folder: string, sessionId: string) {
  const members = join(folder, 'mystery-shopper', 'members');
  for (const name of existsSync(members) ? readdirSync(members).filter((n) => n.endsWith('.index.json')) : []) {
    const read = parseIndex(new Uint8Array(readFileSync(join(members, name))), name.slice(0, -'.index.json'.length));
    if ('refused' in read) throw new Error(`${name}: ${read.refused}`);
    const entry = read.index.sessions.find((e) => e.sessionId === sessionId);
    if (entry) return entry;
  }
  return null;
}
