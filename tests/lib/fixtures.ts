import { AppDB } from '@/lib/db';
import type { DraftStore } from '@/lib/drafts';
import type { Clock } from '@/lib/sessions';
import type { Environment, Rubric } from '@/lib/schemas';

// Shared test helpers (not a test file): a fresh database per test and a controllable clock.

export function freshDb(): AppDB {
  return new AppDB('test-' + crypto.randomUUID());
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
