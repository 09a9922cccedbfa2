import { z } from 'zod';

// Errors travel as values (across messages, into the UI) and become one clear sentence there.

export const AppErrorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('restricted-page'), url: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('page-not-loaded'), url: z.string() }),
  z.object({ kind: z.literal('no-tab') }),
  z.object({ kind: z.literal('no-active-session') }),
  z.object({ kind: z.literal('session-not-active'), status: z.string() }),
  z.object({ kind: z.literal('not-found'), what: z.string() }),
  z.object({ kind: z.literal('invalid-message'), detail: z.string() }),
  z.object({ kind: z.literal('forbidden-sender') }),
  z.object({ kind: z.literal('storage-full') }),
  z.object({ kind: z.literal('capture-failed'), detail: z.string() }),
  // Not a failure: the shopper closed the element or region picker, and nothing was written.
  z.object({ kind: z.literal('capture-cancelled'), reason: z.string() }),
  z.object({ kind: z.literal('internal'), detail: z.string() }),
  // The team workspace (lib/workspace/errors.ts) words its own sentence; problem says what kind.
  z.object({ kind: z.literal('workspace'), problem: z.string(), message: z.string() }),
]);
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });

/** Thrown inside the background so that a handler can bail out with a typed error. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.kind);
  }
}

export function userMessage(error: AppError): string {
  switch (error.kind) {
    case 'restricted-page':
      return `This page can't be captured: ${error.reason}.`;
    case 'page-not-loaded':
      return "This page can't be captured: it did not load. Reload it, then capture again.";
    case 'no-tab':
      return "This page can't be captured: there is no web page open in this window.";
    case 'no-active-session':
      return 'Start or resume a session before capturing.';
    case 'session-not-active':
      return `This session is ${error.status}. Resume it to capture more steps.`;
    case 'not-found':
      return `That ${error.what} no longer exists. It may have been deleted in another window.`;
    case 'invalid-message':
      return `That request was refused: ${error.detail}.`;
    case 'forbidden-sender':
      return 'That request came from outside Mystery Shopper and was refused.';
    case 'storage-full':
      return 'The disk is full, so this was not saved. Free some space or delete old sessions; everything saved before is intact.';
    case 'capture-failed':
      return `The capture failed: ${error.detail}.`;
    case 'capture-cancelled':
      return error.reason === 'timeout'
        ? 'The picker closed after four minutes without a choice; nothing was captured.'
        : error.reason === 'page-left'
          ? 'The page changed while picking; nothing was captured.'
          : 'Picker closed; nothing was captured.';
    case 'internal':
      return `Something went wrong: ${error.detail}.`;
    case 'workspace':
      return error.message;
  }
}

/** IndexedDB reports a full disk or exhausted quota as QuotaExceededError, possibly wrapped by Dexie. */
export function isQuotaError(e: unknown): boolean {
  for (let err: any = e; err; err = err.inner) {
    if (err?.name === 'QuotaExceededError') return true;
    if (err === err.inner) break;
  }
  return false;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.error;
  if (isQuotaError(e)) return { kind: 'storage-full' };
  return { kind: 'internal', detail: errorText(e) };
}
