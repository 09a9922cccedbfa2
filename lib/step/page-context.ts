import { formatClock } from '../format';
import type { PageContext } from '../schemas';

// A step's page context in words (TTFB, LCP, CLS, JS errors) for cards and reports. Parsing what
// the page said is in ./page-context-parse (zod, background only), so pages load no zod for this.

/** "TTFB 120 ms · LCP 1.2 s · CLS 0.02 · 1 JS error": the step card's one line. */
export function contextSummary(context: PageContext): string {
  const parts: string[] = [];
  if (context.ttfbMs !== null) parts.push(`TTFB ${formatMs(context.ttfbMs)}`);
  if (context.lcpMs !== null) parts.push(`LCP ${formatMs(context.lcpMs)}`);
  if (context.cls !== null) parts.push(`CLS ${formatCls(context.cls)}`);
  parts.push(errorCount(context));
  return parts.join(' · ');
}

export function errorCount(context: PageContext): string {
  if (!context.errorsWatched) return 'JS errors not watched';
  const n = context.errors.length;
  const since = context.errorsWatchedSince;
  // Watched only from some point of the page's life: what came before is unknown, not "none".
  if (since !== null && since !== undefined) {
    const before = `not watched before ${formatClock(since)}`;
    return n === 0 ? `JS errors ${before}` : `${n} JS ${n === 1 ? 'error' : 'errors'} (${before})`;
  }
  return n === 0 ? 'no JS errors' : `${n} JS ${n === 1 ? 'error' : 'errors'}`;
}

export const formatMs = (value: number) => (value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`);
export const formatCls = (value: number) => (value === 0 ? '0' : value < 0.01 ? value.toFixed(3) : value.toFixed(2));
