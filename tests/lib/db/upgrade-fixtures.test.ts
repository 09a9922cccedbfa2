import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { AppDB } from '@/lib/db';
import { RubricSchema, ScreenshotSchema, SessionSchema, StepSchema } from '@/lib/schemas';
import { summariseSession } from '@/lib/library/summary';
import { libraryRows } from '@/lib/library/filter';
import { sha256Hex } from '@/lib/bundle/format';
import { writeDatabaseInPage } from '../../support/dump-db.mjs';

// Each fixture is a database written by the extension as it was at one schema version: built from
// that commit, a small audit walked in Chromium and dumped by tests/support/dump-db.mjs. Loading
// it at its own schema and opening it with today's AppDB must keep every record and every image
// byte, and leave records the current schemas accept and a library that shows every session.

const DIR = new URL('../../fixtures/db/', import.meta.url);
const CURRENT = 7;

interface StoreShape {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}
interface Fixture {
  label: string;
  idbVersion: number;
  stores: Record<string, StoreShape>;
  records: Record<string, unknown[]>;
}
interface EncodedBlob {
  $blob: { type: string; size: number; sha256: string; base64: string };
}
type Row = Record<string, unknown>;

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, fixture: JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Fixture }));

const isBlob = (v: unknown): v is EncodedBlob => typeof v === 'object' && v !== null && '$blob' in v;

/** Every Blob of a dumped record, as the dump hashed it, keyed by where it sits. */
function blobsOf(value: unknown, at: string, out = new Map<string, EncodedBlob['$blob']>()) {
  if (isBlob(value)) out.set(at, value.$blob);
  else if (Array.isArray(value)) value.forEach((v, i) => blobsOf(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) blobsOf(v, `${at}.${k}`, out);
  return out;
}

/** The same for stored records, hashed now. */
async function storedBlobsOf(value: unknown, at: string, out = new Map<string, { type: string; size: number; sha256: string }>()) {
  if (value instanceof Blob) out.set(at, { type: value.type, size: value.size, sha256: await sha256Hex(new Uint8Array(await value.arrayBuffer())) });
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) await storedBlobsOf(v, `${at}[${i}]`, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) await storedBlobsOf(v, `${at}.${k}`, out);
  return out;
}

/** Recreates the fixture's database exactly: its native version, stores and indexes, its records. */
const restore = (name: string, fixture: Fixture) => writeDatabaseInPage({ name, dump: fixture });

/** A dumped record as data: Blobs (tagged or real) compare by the placeholder, undefined fields drop. */
const withoutBlobs = (row: unknown): unknown =>
  JSON.parse(JSON.stringify(row, (_k, v) => (v instanceof Blob || isBlob(v) ? '<blob>' : v && typeof v === 'object' && '$undefined' in v ? undefined : v)));

const KEPT_TABLES = ['sessions', 'steps', 'screenshots', 'images', 'rubrics', 'trash'] as const;
const keyOf = (table: string) => (table === 'summaries' || table === 'searchTexts' ? 'sessionId' : 'id');

async function expectUpgradedIntact(name: string, fixture: Fixture) {
  const db = new AppDB(name);
  await db.open();
  try {
    expect(db.verno).toBe(CURRENT);
    for (const table of KEPT_TABLES) {
      const before = (fixture.records[table] ?? []) as Row[];
      const after = (await db.table(table).toArray()) as Row[];
      expect(after.length, `${table}: record count`).toBe(before.length);
      const byId = new Map(after.map((r) => [r[keyOf(table)], r]));
      for (const original of before) {
        const id = original[keyOf(table)];
        const stored = byId.get(id);
        // Every field the old version wrote is still there, with its value: repairs only add.
        expect(withoutBlobs(stored), `${table} ${String(id)}`).toMatchObject(withoutBlobs(original) as object);
        // Every image byte: the same hash, type and size wherever a Blob was (images, trash copies).
        const expected = blobsOf(original, table);
        const found = await storedBlobsOf(stored, table);
        expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [at, blob] of expected) expect(found.get(at), at).toEqual({ type: blob.type, size: blob.size, sha256: blob.sha256 });
      }
    }

    // The records as the app reads them: each passes its current schema as stored (nothing left
    // for a default to fill in), including the copies waiting in the trash.
    const sessions = await db.sessions.toArray();
    const steps = await db.steps.toArray();
    const shots = await db.screenshots.toArray();
    const trash = await db.trash.toArray();
    for (const s of [...sessions, ...trash.flatMap((t) => t.sessions)]) expect(SessionSchema.parse(s)).toEqual(s);
    for (const s of [...steps, ...trash.flatMap((t) => t.steps)]) expect(StepSchema.parse(s)).toEqual(s);
    for (const s of [...shots, ...trash.flatMap((t) => t.screenshots)]) expect(ScreenshotSchema.parse(s)).toEqual(s);
    for (const { updatedAt, ...rubric } of await db.rubrics.toArray()) {
      expect(typeof updatedAt).toBe('number');
      expect(RubricSchema.parse(rubric)).toEqual(rubric);
    }

    // The library: one summary and one search text per session, exactly what today's summariser
    // makes of the stored records, so every session is listed with its title and found by its notes.
    const summaries = await db.summaries.toArray();
    const texts = await db.searchTexts.toArray();
    expect(summaries.map((s) => s.sessionId).sort()).toEqual(sessions.map((s) => s.id).sort());
    for (const session of sessions) {
      const { summary, search } = summariseSession(
        session,
        steps.filter((s) => s.sessionId === session.id),
        shots.filter((s) => s.sessionId === session.id),
      );
      expect(summaries.find((s) => s.sessionId === session.id)).toEqual(summary);
      expect(texts.find((t) => t.sessionId === session.id)).toEqual(search);
    }
    const rows = libraryRows(summaries, new Map(sessions.map((s) => [s.id, s.updatedAt])), new Map(texts.map((t) => [t.sessionId, t.text])));
    expect(rows.map((r) => r.title).sort()).toEqual(['Fixture audit A', 'Fixture audit B']);
    expect(rows.every((r) => !r.stale)).toBe(true);
    const noted = steps.find((s) => s.note === 'Basket hides the delivery cost')!;
    expect(rows.find((r) => r.id === noted.sessionId)!.haystack).toContain('basket hides the delivery cost');
  } finally {
    db.close();
  }
}

it('keeps every migration frozen: an upgrade imports nothing of the app, only Dexie and older migrations', () => {
  const dir = new URL('../../../lib/db/migrations/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThanOrEqual(2);
  for (const file of files) {
    const imports = [...readFileSync(new URL(file, dir), 'utf8').matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^(dexie|\.\/v\d+)$/);
  }
});

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

it('has a fixture from every commit that changed the schema', () => {
  expect(fixtures.map((f) => f.file)).toEqual(['v1-3eb4ebe.json', 'v2-d8ec817.json', 'v3-5978567.json', 'v3-662aee4.json', 'v3-d194314.json']);
  // Each is a real capture: two sessions, their steps and screenshots, a full image and a thumbnail each.
  for (const { fixture } of fixtures) {
    expect(fixture.records.sessions).toHaveLength(2);
    expect(fixture.records.steps!.length).toBeGreaterThanOrEqual(4);
    expect(fixture.records.images).toHaveLength(2 * fixture.records.screenshots!.length);
  }
});

describe.each(fixtures)('$file', ({ fixture }) => {
  it(`opens at version ${CURRENT} with every record, every image hash and a full library`, async () => {
    name = `fixture-${crypto.randomUUID()}`;
    await restore(name, fixture);
    await expectUpgradedIntact(name, fixture);
  });
});

// How early v3 profiles really went on: a later build with v3's final stores opened them at the
// same version, and Dexie added the missing tables at native version 31 without running any
// upgrade, leaving summaries missing (5978567) or of the old shape (662aee4) for good.
const FINAL_V3 = {
  sessions: 'id, status, updatedAt',
  steps: 'id, [sessionId+position]',
  screenshots: 'id, stepId, sessionId',
  images: 'id, screenshotId',
  rubrics: 'id, updatedAt',
  trash: 'id, deletedAt',
  summaries: 'sessionId, sessionUpdatedAt',
  searchTexts: 'sessionId',
};

describe.each(fixtures.filter((f) => f.file === 'v3-5978567.json' || f.file === 'v3-662aee4.json'))('$file, patched by a later v3 build', ({ fixture }) => {
  it(`is repaired at version ${CURRENT}`, async () => {
    name = `fixture-${crypto.randomUUID()}`;
    await restore(name, fixture);
    const later = new Dexie(name);
    later.version(1).stores({ sessions: FINAL_V3.sessions, steps: FINAL_V3.steps, screenshots: FINAL_V3.screenshots, images: FINAL_V3.images });
    later.version(2).stores({ rubrics: FINAL_V3.rubrics });
    later.version(3).stores({ trash: FINAL_V3.trash, summaries: FINAL_V3.summaries, searchTexts: FINAL_V3.searchTexts });
    await later.open();
    // The state the repair starts from: native 31, the new tables there but not filled.
    expect(later.backendDB().version).toBe(31);
    expect(await later.table('searchTexts').count()).toBe(0);
    later.close();
    await expectUpgradedIntact(name, fixture);
  });
});
