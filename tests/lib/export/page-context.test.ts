import { describe, expect, it } from 'vitest';
import { exportCsv } from '@/lib/export/csv';
import { renderHtmlReport } from '@/lib/export/html-report';
import type { PageContext, Step } from '@/lib/schemas';
import { sampleReportInput, sampleSession, sampleSteps } from './fixtures';

// Page context in the exports: the numbers a "slow" tag needs, and the page's own error text,
// which is hostile and must stay text.

const context: PageContext = {
  ttfbMs: 120,
  domContentLoadedMs: 480,
  loadMs: 910,
  lcpMs: 1234,
  cls: 0.02,
  errorsWatched: true,
  errors: [{ message: '<img src=x onerror=alert(1)>TypeError', source: 'https://shop.test/app.js:1:2"><script>', at: 1 }],
  userAgent: 'Mozilla/5.0',
};
const withContext = (steps: Step[]) => steps.map((s, i) => (i === 0 ? { ...s, context } : { ...s, context: null }));

describe('page context in the HTML report', () => {
  it('shows the summary and the error, as text', () => {
    const input = sampleReportInput();
    const doc = renderHtmlReport({ ...input, steps: withContext(input.steps) });
    expect(doc).toContain('TTFB 120 ms · LCP 1.2 s · CLS 0.02 · 1 JS error');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;TypeError');
    expect(doc).not.toContain('<img src=x');
    expect(doc).not.toContain('"><script>');
  });
});

describe('page context in the CSV', () => {
  it('adds timing, vitals and the error count; blank where nothing was measured or watched', () => {
    const lines = exportCsv(sampleSession, withContext(sampleSteps)).split('\r\n');
    expect(lines[0]!.endsWith('"TTFB (ms)","Load (ms)","LCP (ms)","CLS","JavaScript errors"')).toBe(true);
    expect(lines[1]!.endsWith(',120,910,1234,0.02,1')).toBe(true);
    expect(lines[2]!.endsWith(',,,,,')).toBe(true);
  });
});
