import { describe, expect, it } from 'vitest';
import { RubricSchema, ScreenshotSchema, SessionSchema, StepSchema } from '@/lib/schemas';

const validRubric = () => ({
  id: 'r1',
  name: 'Promise',
  description: '',
  scale: { min: 1, max: 3, labels: ['Bad', 'OK', 'Good'] },
  pillars: [
    { id: 'a', name: 'Alpha', description: '', weight: 1 },
    { id: 'b', name: 'Beta', description: '', weight: 2 },
  ],
});

const validSession = () => ({
  id: 's1',
  title: 'Checkout audit',
  brand: 'Acme',
  startUrl: 'https://shop.example.com/',
  promise: 'Effortless',
  stages: [{ id: 'st1', name: 'Discover' }],
  status: 'active',
  rubric: validRubric(),
  environment: { userAgent: 'ua', browser: 'Chrome 124', viewport: { width: 1280, height: 800 }, devicePixelRatio: 2 },
  createdAt: 1,
  updatedAt: 2,
});

const validStep = () => ({
  id: 'step1',
  sessionId: 's1',
  position: 0,
  capturedAt: 10,
  sincePreviousMs: null,
  url: 'https://shop.example.com/cart',
  pageTitle: 'Cart',
  scores: { a: 3, b: 'na' },
  severity: 2,
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
  updatedAt: 10,
});

const validScreenshot = () => ({
  id: 'shot1',
  stepId: 'step1',
  sessionId: 's1',
  kind: 'visible',
  mimeType: 'image/jpeg',
  width: 1280,
  height: 800,
  devicePixelRatio: 1,
  bytes: 1234,
  thumbWidth: 320,
  thumbHeight: 200,
  thumbBytes: 99,
  createdAt: 10,
});

describe('RubricSchema', () => {
  it('accepts a valid rubric', () => {
    expect(RubricSchema.safeParse(validRubric()).success).toBe(true);
  });

  it('accepts a scale with no labels at all', () => {
    const r = { ...validRubric(), scale: { min: 1, max: 7, labels: [] } };
    expect(RubricSchema.safeParse(r).success).toBe(true);
  });

  it('rejects a scale whose labels do not match its number of values', () => {
    const r = { ...validRubric(), scale: { min: 1, max: 5, labels: ['one', 'two', 'three'] } };
    expect(RubricSchema.safeParse(r).success).toBe(false);
  });

  it('rejects duplicate pillar ids', () => {
    const r = validRubric();
    r.pillars[1]!.id = 'a';
    expect(RubricSchema.safeParse(r).success).toBe(false);
  });

  it('rejects a rubric without pillars and a pillar with zero weight', () => {
    expect(RubricSchema.safeParse({ ...validRubric(), pillars: [] }).success).toBe(false);
    const r = validRubric();
    r.pillars[0]!.weight = 0;
    expect(RubricSchema.safeParse(r).success).toBe(false);
  });
});

describe('SessionSchema', () => {
  it('accepts a valid session and fills defaults', () => {
    const parsed = SessionSchema.parse(validSession());
    expect(parsed.tags).toEqual([]);
    expect(parsed.verdict).toBe('');
    expect(parsed.completedAt).toBeNull();
  });

  it('rejects an empty or whitespace-only title', () => {
    expect(SessionSchema.safeParse({ ...validSession(), title: '' }).success).toBe(false);
    expect(SessionSchema.safeParse({ ...validSession(), title: '   ' }).success).toBe(false);
  });

  it('rejects an unknown status', () => {
    expect(SessionSchema.safeParse({ ...validSession(), status: 'archived' }).success).toBe(false);
  });

  it('rejects a session whose rubric snapshot is invalid', () => {
    const s = validSession();
    s.rubric.pillars[1]!.id = 'a';
    expect(SessionSchema.safeParse(s).success).toBe(false);
  });
});

describe('StepSchema', () => {
  it('accepts a valid step with numeric and N/A scores', () => {
    const parsed = StepSchema.parse(validStep());
    expect(parsed.scores).toEqual({ a: 3, b: 'na' });
    expect(parsed.note).toBe('');
    expect(parsed.stageId).toBeNull();
  });

  it.each([
    ['a string other than na', 'high'],
    ['a fraction', 2.5],
    ['a value above 10', 11],
    ['a negative value', -1],
    ['null', null],
  ])('rejects a score that is %s', (_label, value) => {
    expect(StepSchema.safeParse({ ...validStep(), scores: { a: value } }).success).toBe(false);
  });

  it('rejects severity 5 but accepts 0 to 4', () => {
    expect(StepSchema.safeParse({ ...validStep(), severity: 5 }).success).toBe(false);
    for (const severity of [0, 1, 2, 3, 4]) expect(StepSchema.safeParse({ ...validStep(), severity }).success).toBe(true);
  });

  it('rejects a negative position or time since the previous step', () => {
    expect(StepSchema.safeParse({ ...validStep(), position: -1 }).success).toBe(false);
    expect(StepSchema.safeParse({ ...validStep(), sincePreviousMs: -5 }).success).toBe(false);
  });
});

describe('ScreenshotSchema', () => {
  it('accepts valid screenshot metadata', () => {
    expect(ScreenshotSchema.safeParse(validScreenshot()).success).toBe(true);
  });

  it('rejects an unknown kind, an unsupported mime type and a zero width', () => {
    expect(ScreenshotSchema.safeParse({ ...validScreenshot(), kind: 'video' }).success).toBe(false);
    expect(ScreenshotSchema.safeParse({ ...validScreenshot(), mimeType: 'image/gif' }).success).toBe(false);
    expect(ScreenshotSchema.safeParse({ ...validScreenshot(), width: 0 }).success).toBe(false);
  });
});
