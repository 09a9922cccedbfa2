import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterOptions, filterRows, formatBytes, libraryRows, NO_FILTER, siteOf, sortRows, SORT_KEYS, type LibraryRow } from '@/lib/library/filter';
import { staleSummaries, summariseSession } from '@/lib/library/summary';
import { brandAlignmentScore } from '@/lib/scoring/alignment';
import type { Session, Step } from '@/lib/schemas';
import { rubric } from '../fixtures';

const R = rubric([{ id: 'a', weight: 2 }, { id: 'b' }]);

const step = (position: number, over: Partial<Step> = {}): Step => ({
  id: `st${position}`, sessionId: 's1', position, stageId: null, capturedAt: position, sincePreviousMs: null,
  url: `https://Shop.example.com/p${position}`, pageTitle: `Page ${position}`, note: '', scores: {}, severity: null, tags: [],
  emotion: null, momentOfTruth: false, viewport: null, devicePixelRatio: null, context: null, updatedAt: position, ...over,
});
const shot = (id: string, stepId: string, createdAt: number) => ({ id, stepId, bytes: 1000, thumbBytes: 100, createdAt });

const session = (over: Partial<Session> = {}): Session => ({
  id: 's1', title: 'Checkout audit', brand: 'Northwind', startUrl: 'https://shop.example.com/start', promise: '', persona: '',
  scenario: '', stages: [{ id: 'g', name: 'Go' }], tags: ['q1'], status: 'paused', verdict: '', seq: {}, ces: null, rubric: R,
  environment: { userAgent: '', browser: '', viewport: null, devicePixelRatio: null }, createdAt: 10, updatedAt: 20, completedAt: null, ...over,
});

describe('summariseSession', () => {
  it('counts steps, scores them as the panel does, and finds the worst severity and first thumbnail', () => {
    const steps = [
      step(1, { scores: { a: 2, b: 5 }, severity: 3, tags: ['slow'], note: 'Delivery cost HIDDEN' }),
      step(0, { scores: { a: 5 }, severity: 1, tags: ['confusing', 'slow'] }),
      step(2, { severity: null }),
    ];
    const { summary, search } = summariseSession(session(), steps, [shot('late', 'st1', 5), shot('first-b', 'st0', 9), shot('first-a', 'st0', 8)]);
    expect(summary).toMatchObject({
      sessionId: 's1', sessionUpdatedAt: 20, title: 'Checkout audit', brand: 'Northwind', status: 'paused', createdAt: 10, stepCount: 3,
      scoredSteps: 2, worstSeverity: 3, thumbScreenshotId: 'first-a', tags: ['confusing', 'q1', 'slow'], bytes: 3300, rubricId: 'r', rubricName: 'Test rubric',
    });
    expect(summary.bas).toBe(brandAlignmentScore(steps, R).score);
    expect(search.text).toContain('delivery cost hidden');
    expect(search.text).toContain('https://shop.example.com/p2');
  });

  it('says nothing is scored, severe or pictured for an empty session', () => {
    expect(summariseSession(session(), [], []).summary).toMatchObject({ stepCount: 0, bas: null, worstSeverity: null, thumbScreenshotId: null, bytes: 0 });
  });

  it('bounds the search text however long the notes are', () => {
    const steps = Array.from({ length: 30 }, (_, i) => step(i, { note: 'x'.repeat(2000) }));
    expect(summariseSession(session(), steps, []).search.text.length).toBeLessThanOrEqual(20_000);
  });
});

describe('staleSummaries', () => {
  it('rebuilds missing and older summaries and drops those of deleted sessions', () => {
    const result = staleSummaries(
      [{ id: 'fresh', updatedAt: 5 }, { id: 'old', updatedAt: 9 }, { id: 'missing', updatedAt: 1 }],
      [{ sessionId: 'fresh', sessionUpdatedAt: 5 }, { sessionId: 'old', sessionUpdatedAt: 8 }, { sessionId: 'gone', sessionUpdatedAt: 3 }],
    );
    expect(result).toEqual({ rebuild: ['old', 'missing'], orphans: ['gone'] });
  });
});

describe('library rows', () => {
  const one = summariseSession(session(), [step(0, { note: 'Promo code field', tags: ['slow'], severity: 4 })], []);
  const two = summariseSession(session({ id: 's2', title: 'Returns', brand: 'Contoso', startUrl: 'not a url', tags: [], updatedAt: 30 }), [], []);
  const gone = summariseSession(session({ id: 'gone' }), [], []);
  const rows = libraryRows(
    [one.summary, two.summary, gone.summary],
    new Map([['s1', 20], ['s2', 31], ['s3', 1]]),
    new Map([[one.search.sessionId, one.search.text]]),
  );

  it('shows each existing session by its summary, marks one changed since as stale, and leaves out deleted ones', () => {
    expect(rows.map((r) => r.id)).toEqual(['s1', 's2']);
    expect(rows[0]).toMatchObject({ site: 'shop.example.com', steps: 1, worstSeverity: 4, tags: ['q1', 'slow'], stale: false });
    expect(rows[1]).toMatchObject({ site: 'not a url', steps: 0, bas: null, stale: true, updatedAt: 31 });
  });

  it('searches titles, brands, notes, URLs and tags, every word, ignoring case', () => {
    const ids = (query: string) => filterRows(rows, { ...NO_FILTER, query }).map((r) => r.id);
    expect(ids('PROMO')).toEqual(['s1']);
    expect(ids('contoso')).toEqual(['s2']);
    expect(ids('shop.example.com/p0')).toEqual(['s1']);
    expect(ids('q1 slow')).toEqual(['s1']);
    expect(ids('returns promo')).toEqual([]);
    expect(ids('  ')).toEqual(['s1', 's2']);
  });

  it('searches step texts kept apart from the rows as it does texts inside them', () => {
    // As the dashboard holds them: rows built without texts, the texts handed to the search.
    const bare = libraryRows([one.summary, two.summary], new Map([['s1', 20], ['s2', 31]]));
    const texts = new Map([[one.search.sessionId, one.search.text]]);
    const ids = (query: string, t?: ReadonlyMap<string, string>) => filterRows(bare, { ...NO_FILTER, query }, t).map((r) => r.id);
    expect(ids('promo')).toEqual([]);
    expect(ids('promo', texts)).toEqual(['s1']);
    // Every word must be found, in the row's own fields or in its texts.
    expect(ids('northwind promo', texts)).toEqual(['s1']);
    expect(ids('returns promo', texts)).toEqual([]);
    expect(ids('promo', texts)).toEqual(filterRows(rows, { ...NO_FILTER, query: 'promo' }).map((r) => r.id));
  });

  it('filters by status, brand, rubric, tag, severity and date', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.id);
    expect(ids({ brand: 'Contoso' })).toEqual(['s2']);
    expect(ids({ tag: 'slow' })).toEqual(['s1']);
    expect(ids({ minSeverity: 4 })).toEqual(['s1']);
    expect(ids({ minSeverity: 0 })).toEqual(['s1']);
    expect(ids({ status: 'completed' })).toEqual([]);
    expect(ids({ rubricId: 'r' })).toEqual(['s1', 's2']);
    expect(ids({ from: 11 })).toEqual([]);
    expect(ids({ to: 10 })).toEqual(['s1', 's2']);
  });

  it('offers each brand, rubric and tag once', () => {
    expect(filterOptions(rows)).toEqual({ brands: ['Contoso', 'Northwind'], rubrics: [{ id: 'r', name: 'Test rubric' }], tags: ['q1', 'slow'] });
  });
});

const rowArb: fc.Arbitrary<LibraryRow> = fc.record({
  id: fc.uuid(),
  title: fc.string({ maxLength: 8 }),
  brand: fc.constantFrom('A', 'b', 'C'),
  site: fc.string({ maxLength: 5 }),
  startUrl: fc.constant(''),
  createdAt: fc.nat(100),
  updatedAt: fc.nat(100),
  status: fc.constantFrom('active' as const, 'paused' as const, 'completed' as const),
  rubricId: fc.constantFrom('r1', 'r2'),
  rubricName: fc.constantFrom('One', 'Two'),
  tags: fc.array(fc.constantFrom('slow', 'broken'), { maxLength: 2 }),
  steps: fc.nat(30),
  bas: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
  worstSeverity: fc.option(fc.nat(4)),
  bytes: fc.nat(10_000),
  thumbScreenshotId: fc.constant(null),
  stale: fc.boolean(),
  haystack: fc.string({ maxLength: 12 }),
});

describe('sortRows (properties)', () => {
  it('keeps every row, orders values by the column either way, and puts missing values last', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.constantFrom(...SORT_KEYS), fc.constantFrom('ascending' as const, 'descending' as const), (rows, key, direction) => {
        const sorted = sortRows(rows, { key, direction });
        expect(sorted.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
        const values = sorted.map((r) => r[key]);
        const firstNull = values.indexOf(null);
        if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
        const present = values.filter((v) => v !== null);
        for (let i = 1; i < present.length; i++) {
          const [x, y] = [present[i - 1]!, present[i]!];
          const order = typeof x === 'string' ? x.localeCompare(y as string, undefined, { sensitivity: 'base', numeric: true }) : (x as number) - (y as number);
          expect(direction === 'ascending' ? order <= 0 : order >= 0).toBe(true);
        }
      }),
    );
  });

  it('filtering never adds a row and every kept row matches each word', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.string({ maxLength: 3 }), (rows, query) => {
        const kept = filterRows(rows, { ...NO_FILTER, query });
        expect(kept.length).toBeLessThanOrEqual(rows.length);
        for (const row of kept) for (const word of query.toLowerCase().split(/\s+/).filter(Boolean)) expect(row.haystack).toContain(word);
      }),
    );
  });
});

it('formats sizes and sites for people', () => {
  expect(formatBytes(512)).toBe('512 B');
  expect(formatBytes(1536)).toBe('1.5 KB');
  expect(formatBytes(12.4 * 1024 ** 2)).toBe('12 MB');
  expect(siteOf('https://www.example.com:8080/x?y')).toBe('www.example.com:8080');
});
