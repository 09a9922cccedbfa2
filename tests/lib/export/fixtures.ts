import type { ReportInput, ReportScreenshot } from '@/lib/export/html-report';
import { BRAND_PROMISE } from '@/lib/rubric/builtin';
import type { Screenshot, Session, Step } from '@/lib/schemas';

// A realistic six-step audit of the demo shop (tests/demo-shop), for the report's structural tests
// and for rendering a sample report to look at.

/** Undoes escapeHtml's entities (and only those): what a browser shows for escaped text. */
export const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[e]!);

/** The smallest valid PNG (1×1, transparent), as a data URL. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const T0 = Date.UTC(2025, 2, 14, 9, 30, 0);
const SITE = 'https://shop.northwind.example';

export const sampleSession: Session = {
  id: 'session-1',
  title: 'First purchase of a rain jacket',
  brand: 'Northwind Outfitters',
  startUrl: `${SITE}/`,
  promise: 'Gear that is easy to choose and easy to return, with no surprises at the till.',
  persona: 'Sam, 34, a weekend hiker buying a first proper rain jacket on a phone-sized budget and a laptop.',
  scenario: 'Find a waterproof jacket under £150 in size M, buy it with standard delivery, then check how to return it.',
  stages: [
    { id: 'discover', name: 'Discover' },
    { id: 'choose', name: 'Choose' },
    { id: 'buy', name: 'Buy' },
    { id: 'help', name: 'Get help' },
  ],
  tags: ['checkout', 'returns', 'Q1 benchmark'],
  status: 'completed',
  verdict:
    'Choosing is pleasant and the product page keeps the promise. The till breaks it: delivery costs appear only in the basket, and checkout demands an account before payment.\nFix those two and the score moves from mid-table to strong.',
  seq: { discover: 6, choose: 6, buy: 2, help: 5 },
  ces: 3,
  rubric: { ...BRAND_PROMISE, pillars: BRAND_PROMISE.pillars.map((p, i) => ({ ...p, weight: i === 0 ? 2 : 1 })) },
  environment: { userAgent: 'Mozilla/5.0', browser: 'Chromium 139', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 },
  createdAt: T0,
  updatedAt: T0 + 14 * 60_000,
  completedAt: T0 + 14 * 60_000,
};

type StepSpec = Pick<Step, 'stageId' | 'url' | 'pageTitle' | 'note' | 'scores' | 'severity' | 'tags' | 'emotion' | 'momentOfTruth'> & { at: number };

const specs: StepSpec[] = [
  { at: 0, stageId: 'discover', url: `${SITE}/`, pageTitle: 'Northwind Outfitters — Outdoor clothing and gear', note: 'Clear hero, the promise line "easy returns" is visible above the fold.', scores: { effortless: 5, transparent: 4, human: 4 }, severity: 0, tags: [], emotion: 1, momentOfTruth: false },
  { at: 48_000, stageId: 'choose', url: `${SITE}/products.html?category=jackets`, pageTitle: 'All products — Northwind Outfitters', note: 'Filters work, but there is no "waterproof" filter; had to open three products to compare ratings.', scores: { effortless: 3, transparent: 4, human: 'na' }, severity: 2, tags: ['missing information'], emotion: 0, momentOfTruth: false },
  { at: 155_000, stageId: 'choose', url: `${SITE}/product.html#sizes`, pageTitle: 'Trail Jacket — Northwind Outfitters', note: 'Size guide in cm and inches, 30-day free returns stated next to the price. Exactly the promise.', scores: { effortless: 5, transparent: 5, human: 4 }, severity: 0, tags: [], emotion: 2, momentOfTruth: true },
  { at: 260_000, stageId: 'buy', url: `${SITE}/cart.html`, pageTitle: 'Your basket (2 items) — Northwind Outfitters', note: 'Delivery £6.95 appears only now, and a "protection plan" was pre-ticked.\nBoth are surprises at the till.', scores: { effortless: 3, transparent: 1, human: 2 }, severity: 3, tags: ['inconsistent with promise', 'dark pattern'], emotion: -1, momentOfTruth: false },
  { at: 410_000, stageId: 'buy', url: `${SITE}/checkout.html`, pageTitle: 'Checkout — Northwind Outfitters', note: 'Account creation is required before payment; no guest checkout. Nearly abandoned here.', scores: { effortless: 1, transparent: 2, human: 1 }, severity: 4, tags: ['dead end', 'confusing'], emotion: -2, momentOfTruth: true },
  { at: 840_000, stageId: 'help', url: `${SITE}/help.html`, pageTitle: 'Help centre — Northwind Outfitters', note: 'Returns FAQ is easy to find; the chat button opens a form with a 48-hour reply time.', scores: { effortless: 4, transparent: 4, human: 3 }, severity: 1, tags: ['slow'], emotion: 0, momentOfTruth: false },
];

export const sampleSteps: Step[] = specs.map(({ at, ...spec }, i) => ({
  ...spec,
  id: `step-${i + 1}`,
  sessionId: sampleSession.id,
  position: i,
  capturedAt: T0 + at,
  sincePreviousMs: i === 0 ? null : at - specs[i - 1]!.at,
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
  context: null,
  updatedAt: T0 + at,
}));

export function screenshotOf(step: Step, dataUrl = TINY_PNG, overrides: Partial<Screenshot> = {}): ReportScreenshot {
  return {
    dataUrl,
    screenshot: {
      id: `shot-${step.id}`,
      stepId: step.id,
      sessionId: step.sessionId,
      kind: 'visible',
      mimeType: 'image/png',
      width: 1280,
      height: 800,
      devicePixelRatio: 1,
      bytes: 100,
      thumbWidth: 320,
      thumbHeight: 200,
      thumbBytes: 10,
      annotations: [],
      part: null,
      createdAt: step.capturedAt,
      ...overrides,
    },
  };
}

/** The sample audit with one screenshot per step; `dataUrlOf` supplies real images when wanted. */
export function sampleReportInput(dataUrlOf: (step: Step) => string = () => TINY_PNG): ReportInput {
  return {
    session: sampleSession,
    steps: sampleSteps,
    screenshots: new Map(sampleSteps.map((s) => [s.id, [screenshotOf(s, dataUrlOf(s))]])),
    generatedAt: T0 + 20 * 60_000,
    appVersion: '0.1.0',
  };
}
