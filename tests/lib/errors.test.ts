import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppErrorSchema } from '@/lib/error-schema';
import { AppFailure, isQuotaError, toAppError, userMessage, type AppError } from '@/lib/errors';

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
      { kind: 'background-stopped' },
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

// Shapes as browsers and Dexie raise them when a write finds the disk full.
describe('isQuotaError over real storage failures', () => {
  const dom = (message: string, name: string) => new DOMException(message, name);
  const full: [string, unknown][] = [
    ['Chromium quota', dom('The quota has been exceeded.', 'QuotaExceededError')],
    ['Chromium blob writer (the one that loses the store)', dom('Failed to write blobs (IOError)', 'DataError')],
    ['Chromium unknown IO', dom('Internal error: IOError while writing', 'UnknownError')],
    ['Chromium LevelDB', dom('Unable to create writable file /p/IndexedDB/x.ldb', 'UnknownError')],
    ['Dexie wrapping a blob failure', new Dexie.DataError('DataError Failed to write blobs (IOError)', dom('Failed to write blobs (IOError)', 'DataError'))],
    ['Dexie abort wrapping a quota error', new Dexie.AbortError('Transaction aborted', new Dexie.QuotaExceededError('Quota', dom('q', 'QuotaExceededError')))],
    ['Dexie transaction with failures', Object.assign(new Dexie.AbortError('aborted'), { failures: [dom('Failed to write blobs (IOError)', 'UnknownError')] })],
    ['Firefox no device space by name', { name: 'NS_ERROR_FILE_NO_DEVICE_SPACE', message: '' }],
    ['Firefox quota reached in an UnknownError', dom('Component returned failure code: 0x80630001 (NS_ERROR_DOM_QUOTA_REACHED)', 'UnknownError')],
    ['Firefox disk full as result text', { name: 'UnknownError', message: 'The operation failed for reasons unrelated to the database itself', result: 'NS_ERROR_FILE_DISK_FULL' }],
    ['an OPFS close with no room', dom('No space left on device', 'InvalidStateError')],
    ['a cause chain', new Error('write failed', { cause: dom('x', 'QuotaExceededError') })],
  ];
  for (const [what, error] of full)
    it(`says storage full for ${what}`, () => {
      expect(isQuotaError(error)).toBe(true);
      expect(toAppError(error)).toEqual({ kind: 'storage-full' });
      expect(userMessage(toAppError(error))).toMatch(/^Storage full: .*not saved/);
    });

  it('leaves other failures alone, and survives a loop of wrappers', () => {
    expect(isQuotaError(dom('Key already exists in the object store.', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', dom('x', 'ConstraintError')))).toBe(false);
    expect(isQuotaError(new TypeError('Failed to fetch'))).toBe(false);
    const loop: any = { name: 'AbortError', message: 'x' };
    loop.inner = loop;
    expect(isQuotaError(loop)).toBe(false);
  });

  it('says how much room is left when the reserve refused before writing', () => {
    expect(userMessage({ kind: 'storage-full', freeBytes: 412_345_678 })).toBe(
      'Your disk is almost full: 412 MB left. Free space or delete sessions; nothing was saved.',
    );
  });
});
