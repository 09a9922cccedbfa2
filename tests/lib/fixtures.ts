import { afterEach, beforeEach } from 'vitest';
import { AppDB } from '@/lib/db';
import { sha256Hex } from '@/lib/bundle/format';
import type { DraftStore } from '@/lib/notes/drafts';
import type { Clock } from '@/lib/session/lifecycle';
import { imageKey, type Environment, type Rubric, type Step } from '@/lib/schemas';
import { startSession } from '@/lib/session/lifecycle';

// Shared test helpers (not a test file): a fresh database per test and a controllable clock.

export function freshDb(): AppDB {
  return new AppDB('test-' + crypto.randomUUID());
}

export type TestClock = ReturnType<typeof testClock>;

/** A fresh database and clock for every test of the file, deleted after it. */
export function useFreshDb(onFresh: (fresh: { db: AppDB; clock: TestClock }) => void, clockStart?: number): void {
  let current: AppDB | undefined;
  beforeEach(() => {
    current = freshDb();
    onFresh({ db: current, clock: testClock(clockStart) });
  });
  afterEach(async () => {
    await current?.delete();
  });
}

export const environment: Environment = {
  userAgent: 'Mozilla/5.0 test',
  browser: 'Test 1',
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
};

export function testClock(start = 1_000_000): Clock & { time: number; ids: string[] } {
  let n = 0;
  const clock = {
    time: start,
    ids: [] as string[],
    now: () => clock.time,
    newId: () => {
      const id = `id-${++n}`;
      clock.ids.push(id);
      return id;
    },
  };
  return clock;
}

export function rubric(pillars: Array<{ id: string; weight?: number }>, scale = { min: 1, max: 5 }): Rubric {
  return {
    id: 'r',
    name: 'Test rubric',
    description: '',
    scale: { ...scale, labels: [] },
    pillars: pillars.map((p) => ({ id: p.id, name: p.id.toUpperCase(), description: '', weight: p.weight ?? 1 })),
  };
}

export const newSessionInput = (title = 'Checkout audit') => ({
  title,
  brand: 'Acme',
  startUrl: 'https://shop.example.com/',
  promise: 'Effortless shopping',
  rubricId: 'tpl-five-principles',
});

export async function countAll(db: AppDB) {
  return {
    sessions: await db.sessions.count(),
    steps: await db.steps.count(),
    screenshots: await db.screenshots.count(),
    images: await db.images.count(),
  };
}

/** An in-memory stand-in for localStorage: keys keep insertion order and removal shifts indexes, as in browsers. */
export class MemoryStore implements DraftStore {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  get length() {
    return this.map.size;
  }
}

/**
 * Every table's count and a sha256 over all of its records (image Blobs by their bytes), so a test
 * can say "the database is exactly as it was". Keys are sorted, so the digest ignores key order.
 */
export async function snapshotDb(db: AppDB): Promise<Record<string, { count: number; sha256: string }>> {
  const snapshot: Record<string, { count: number; sha256: string }> = {};
  // imageDigests is what the images hash to, kept beside them and written a moment after them
  // (lib/storage/images.ts): the images themselves are compared.
  for (const table of db.tables.filter((t) => t.name !== 'imageDigests')) {
    const records = await table.toArray();
    const lines: string[] = [];
    for (const record of records) lines.push(stableJson(await withBlobDigests(record)));
    lines.sort();
    snapshot[table.name] = { count: records.length, sha256: await sha256Text(lines.join('\n')) };
  }
  return snapshot;
}

async function withBlobDigests(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: value.type, sha256: await sha256Bytes(new Uint8Array(await value.arrayBuffer())) };
  if (Array.isArray(value)) return Promise.all(value.map(withBlobDigests));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await withBlobDigests(item);
    return out;
  }
  return value;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

export const sha256Bytes = sha256Hex;

const sha256Text = (text: string) => sha256Bytes(new TextEncoder().encode(text));

/** A session with `count` steps, each with one screenshot and its two (tiny) images. */
export async function sessionWithSteps(db: AppDB, clock: TestClock, count: number, title = 'Checkout audit') {
  const session = await startSession(db, newSessionInput(title), environment, clock);
  const steps: Step[] = [];
  for (let position = 0; position < count; position++) {
    const step: Step = {
      id: clock.newId(), sessionId: session.id, position, stageId: null, capturedAt: position, sincePreviousMs: null,
      url: `https://shop.example.com/${position}`, pageTitle: 'Shop', note: `note ${position}`, scores: {}, severity: null, tags: [],
      emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: position,
    };
    await db.steps.add(step);
    const shotId = `shot-${step.id}`;
    await db.screenshots.add({
      id: shotId, stepId: step.id, sessionId: session.id, kind: 'visible', mimeType: 'image/jpeg', width: 10, height: 10,
      devicePixelRatio: 1, bytes: 9, thumbWidth: 5, thumbHeight: 5, thumbBytes: 10, annotations: [], part: null, createdAt: position,
    });
    for (const variant of ['full', 'thumb'] as const)
      await db.images.add({ id: imageKey(shotId, variant), screenshotId: shotId, variant, blob: new Blob([`px-${position}-${variant}`], { type: 'image/jpeg' }) });
    steps.push(step);
  }
  return { session, steps };
}
