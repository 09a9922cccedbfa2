import { describe, expect, it } from 'vitest';
import { csvCell, exportCsv } from '@/lib/export/csv';
import { FIVE_PRINCIPLES } from '@/lib/rubric/builtin';
import { SessionSchema, StepSchema } from '@/lib/schemas';
import { parseCsv } from '../../support/csv';

const session = SessionSchema.parse({
  id: 's1',
  title: 'Gift, "mobile"',
  brand: '=HYPERLINK("http://evil")',
  startUrl: 'https://shop.example',
  promise: 'Easy',
  stages: [{ id: 'st1', name: 'Discover' }],
  status: 'completed',
  rubric: FIVE_PRINCIPLES,
  environment: { userAgent: 'x', browser: 'Chrome 1', viewport: null, devicePixelRatio: null },
  createdAt: 1,
  updatedAt: 1,
});
const step = (position: number, extra: object) =>
  StepSchema.parse({
    id: `p${position}`,
    sessionId: 's1',
    position,
    stageId: 'st1',
    capturedAt: Date.UTC(2026, 10, 23, 10, 0, position),
    sincePreviousMs: position === 0 ? null : 1000,
    url: 'https://shop.example/a',
    pageTitle: 'Home',
    viewport: null,
    devicePixelRatio: null,
    updatedAt: 1,
    ...extra,
  });

describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1+1`).replace(/^"|"$/g, '').startsWith(`'${lead}`)).toBe(true);
  });
  it('keeps numbers as numbers, even negative ones', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('');
  });
  it('quotes every text cell, so a semicolon locale cannot split one and run what follows', () => {
    expect(csvCell('Shop;=1+1')).toBe('"Shop;=1+1"');
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell(true)).toBe('"true"');
    // Excel in a semicolon locale reads our comma-separated row with ";" as the separator.
    const [cells] = parseCsv(`${[csvCell('Shop;=1+1'), csvCell('a;@SUM(1)'), csvCell(3)].join(',')}\r\n`, ';');
    expect(cells!.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('exportCsv', () => {
  const csv = exportCsv(session, [
    step(1, { note: 'Second, with "quotes"\nand a line', scores: { 'get-it-right': 5 }, severity: 3, tags: ['slow', 'dead end'], emotion: -1 }),
    step(0, { note: '-1 looks like a formula', scores: { 'get-it-right': 3, communicate: 'na' }, momentOfTruth: true }),
  ]);
  const rows = parseCsv(csv.slice(1));

  it('starts with a UTF-8 byte-order mark and ends rows with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
  it('has one row per step, in journey order, under a header naming each pillar', () => {
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Get it right (1–5)');
    expect(rows[1]![2]).toBe('1');
    expect(rows[2]![2]).toBe('2');
    expect(rows[0]!.length).toBe(rows[1]!.length);
  });
  it('writes what the shopper entered, safely', () => {
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(rows[1]![col('Note')]).toBe("'-1 looks like a formula");
    expect(rows[2]![col('Note')]).toBe('Second, with "quotes"\nand a line');
    expect(rows[1]![col('Brand')]).toBe('\'=HYPERLINK("http://evil")');
    expect(rows[1]![col('Communicate (1–5)')]).toBe('N/A');
    expect(rows[1]![col('Alignment (0–100)')]).toBe('50');
    expect(rows[2]![col('Severity')]).toBe('Major');
    expect(rows[2]![col('Friction tags')]).toBe('slow; dead end');
    expect(rows[2]![col('Emotion (−2…+2)')]).toBe('-1');
    expect(rows[1]![col('Moment of truth')]).toBe('yes');
    expect(rows[1]![col('Captured at')]).toBe('2026-11-23T10:00:00.000Z');
  });
});
