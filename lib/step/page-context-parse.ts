import { z } from 'zod';
import type { PageContext } from '../schemas';

// What a page says about its own load, checked and clipped: the page can overwrite anything our
// scripts read (it shares the DOM, and the error buffer lives in its own world), so a field
// that is not what we expect becomes null or is dropped, and long text is cut, never refused.

const MAX_MS = 3_600_000;
const ms = z.unknown().transform((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_MS ? Math.round(v) : null));
const clip = (max: number) => z.unknown().transform((v) => (typeof v === 'string' ? v.slice(0, max) : ''));

const MetricsSchema = z.object({
  ttfbMs: ms,
  domContentLoadedMs: ms,
  loadMs: ms,
  lcpMs: ms,
  cls: z.unknown().transform((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000 ? v : null)),
  userAgent: clip(1000),
});

const ErrorSchema = z.object({
  message: clip(1000),
  source: clip(2000),
  at: z.unknown().transform((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0)),
});

const ErrorsSchema = z.object({
  watched: z.literal(true),
  errors: z.array(z.unknown()).max(10_000),
  since: z.unknown().optional().transform((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null)),
});

/**
 * The step's page context from what the two page scripts returned; null when neither said
 * anything usable (the page refused both), so "no data" is never stored as "all zero".
 */
export function parsePageContext(metrics: unknown, errors: unknown): PageContext | null {
  const m = MetricsSchema.safeParse(metrics);
  const e = ErrorsSchema.safeParse(errors);
  if (!m.success && !e.success) return null;
  const kept = e.success
    ? e.data.errors
        .slice(-50)
        .map((x) => ErrorSchema.safeParse(x))
        .flatMap((r) => (r.success && r.data.message ? [r.data] : []))
    : [];
  return {
    ttfbMs: m.success ? m.data.ttfbMs : null,
    domContentLoadedMs: m.success ? m.data.domContentLoadedMs : null,
    loadMs: m.success ? m.data.loadMs : null,
    lcpMs: m.success ? m.data.lcpMs : null,
    cls: m.success ? m.data.cls : null,
    errorsWatched: e.success,
    errorsWatchedSince: e.success ? e.data.since : null,
    errors: kept,
    userAgent: m.success ? m.data.userAgent : '',
  };
}
