import { describe, expect, it } from 'vitest';
import { AppErrorSchema, AppFailure, isQuotaError, toAppError, userMessage, type AppError } from '@/lib/errors';

describe('userMessage', () => {
  it('explains a restricted page with its reason', () => {
    const message = userMessage({ kind: 'restricted-page', url: 'chrome://extensions/', reason: 'it is a browser page' });
    expect(message.startsWith("This page can't be captured:")).toBe(true);
    expect(message).toContain('it is a browser page');
  });

  it('gives a non-empty sentence for every kind of error', () => {
    const samples: AppError[] = [
      { kind: 'restricted-page', url: 'u', reason: 'r' },
      { kind: 'page-not-loaded', url: 'u' },
      { kind: 'no-tab' },
      { kind: 'no-active-session' },
      { kind: 'session-not-active', status: 'paused' },
      { kind: 'not-found', what: 'step' },
      { kind: 'invalid-message', detail: 'd' },
      { kind: 'forbidden-sender' },
      { kind: 'storage-full' },
      { kind: 'capture-failed', detail: 'd' },
      { kind: 'capture-cancelled', reason: 'user' },
      { kind: 'internal', detail: 'd' },
      { kind: 'workspace', problem: 'full', message: 'The server is full.' },
    ];
    // Every kind the schema knows is covered by a sample.
    expect(new Set(samples.map((s) => s.kind)).size).toBe(AppErrorSchema.options.length);
    for (const error of samples) expect(userMessage(error)).toMatch(/\S.*\.$/);
    expect(userMessage({ kind: 'session-not-active', status: 'paused' })).toContain('paused');
  });
});

describe('toAppError', () => {
  it('unwraps AppFailure, recognises a quota error and wraps anything else', () => {
    expect(toAppError(new AppFailure({ kind: 'no-tab' }))).toEqual({ kind: 'no-tab' });
    expect(toAppError(new DOMException('full', 'QuotaExceededError'))).toEqual({ kind: 'storage-full' });
    expect(toAppError('boom')).toEqual({ kind: 'internal', detail: 'boom' });
  });

  it('finds a quota error nested inside wrapper errors, and only then', () => {
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'X', inner: { name: 'QuotaExceededError' } } })).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'ConstraintError' } })).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});
