import { describe, expect, it } from 'vitest';
import { contextSummary } from '@/lib/step/page-context';
import { parsePageContext } from '@/lib/step/page-context-parse';
import { parseProbe } from '@/lib/capture/pipeline';
import { PageContextSchema } from '@/lib/schemas';
import { formatClock } from '@/lib/format';

const metrics = { ttfbMs: 120, domContentLoadedMs: 480, loadMs: 910, lcpMs: 1234, cls: 0.02, userAgent: 'Mozilla/5.0 Test' };
const errors = { watched: true, errors: [{ message: 'TypeError: x is undefined', source: 'https://shop.test/app.js:3:9', at: 1700000000000 }] };

describe('parsePageContext', () => {
  it('keeps what the page reported, as a valid PageContext', () => {
    const context = parsePageContext(metrics, errors)!;
    expect(PageContextSchema.parse(context)).toEqual(context);
    expect(context).toMatchObject({ ttfbMs: 120, lcpMs: 1234, cls: 0.02, errorsWatched: true });
    expect(context.errors).toHaveLength(1);
  });

  it('turns anything a hostile page put there into nulls, cut text and at most 50 errors', () => {
    const context = parsePageContext(
      { ttfbMs: -5, domContentLoadedMs: 'soon', loadMs: Infinity, lcpMs: 9e12, cls: NaN, userAgent: 'U'.repeat(50_000), extra: { evil: true } },
      { watched: true, errors: [...Array.from({ length: 500 }, (_, i) => ({ message: `E${i}`.padEnd(5000, '!'), source: 42, at: -1 })), 'not an error', null] },
    )!;
    expect(PageContextSchema.safeParse(context).success).toBe(true);
    expect(context).toMatchObject({ ttfbMs: null, domContentLoadedMs: null, loadMs: null, lcpMs: null, cls: null });
    expect(context.userAgent).toHaveLength(1000);
    expect(context.errors.length).toBeLessThanOrEqual(50);
    expect(context.errors.every((e) => e.message.length <= 1000 && e.source === '' && e.at === 0)).toBe(true);
  });

  it('says errors were not watched when the page had no listener from its start', () => {
    expect(parsePageContext(metrics, { watched: false, errors: [] })).toMatchObject({ errorsWatched: false, errors: [] });
    expect(parsePageContext(metrics, null)).toMatchObject({ errorsWatched: false });
  });

  it('says when it started watching a page that had already loaded, instead of claiming no errors', () => {
    const since = new Date(2026, 11, 1, 14, 3, 12).getTime();
    const late = parsePageContext(metrics, { watched: true, errors: [], since })!;
    expect(PageContextSchema.parse(late)).toEqual(late);
    expect(late.errorsWatchedSince).toBe(since);
    expect(contextSummary(late).endsWith(` · JS errors not watched before ${formatClock(since)}`)).toBe(true);
    expect(formatClock(since)).toMatch(/0?2:03:12|14:03:12/);
    expect(contextSummary(late)).not.toContain('no JS errors');
    expect(contextSummary(parsePageContext(metrics, { ...errors, since })!).endsWith(` · 1 JS error (not watched before ${formatClock(since)})`)).toBe(true);
    // Watched from the page's start: "no JS errors" is a claim it can make.
    expect(contextSummary(parsePageContext(metrics, { watched: true, errors: [], since: null })!)).toMatch(/ · no JS errors$/);
    expect(parsePageContext(metrics, { watched: true, errors: [], since: 'yesterday' })!.errorsWatchedSince).toBeNull();
  });

  it('is null when the page answered neither script', () => {
    expect(parsePageContext(null, undefined)).toBeNull();
    expect(parsePageContext('garbage', 42)).toBeNull();
  });

  it('summarises in one line', () => {
    expect(contextSummary(parsePageContext(metrics, errors)!)).toBe('TTFB 120 ms · LCP 1.2 s · CLS 0.02 · 1 JS error');
    expect(contextSummary(parsePageContext({ ...metrics, lcpMs: null, cls: 0 }, null)!)).toBe('TTFB 120 ms · CLS 0 · JS errors not watched');
  });
});

describe('parseProbe with context', () => {
  const raw = { url: 'https://shop.test/', title: 'Shop', viewport: { width: 1280, height: 720 }, devicePixelRatio: 1 };
  it('adds the parsed context when the capture gathered one', () => {
    expect(parseProbe(raw, { metrics, errors }).context).toMatchObject({ ttfbMs: 120, errorsWatched: true });
  });
  it('leaves it out for a plain page description', () => {
    expect(parseProbe(raw)).not.toHaveProperty('context');
  });
});
