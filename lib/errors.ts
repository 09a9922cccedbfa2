import type { z } from 'zod';
import type { AppErrorSchema } from './error-schema';

// Errors travel as values (across messages, into the UI) and become one clear sentence there.
// The schema of those values is in ./error-schema, so that pages can word errors without zod.

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
      return error.freeBytes === undefined
        ? 'Storage full: the disk has no room left, so this was not saved. Free space or delete sessions; everything saved before is intact.'
        : `Your disk is almost full: ${formatFreeMb(error.freeBytes)} MB left. Free space or delete sessions; nothing was saved.`;
    case 'capture-failed':
      return `The capture failed: ${error.detail}.`;
    case 'capture-cancelled':
      return error.reason === 'timeout'
        ? 'The picker closed after four minutes without a choice; nothing was captured.'
        : error.reason === 'page-left'
          ? 'The page changed while picking; nothing was captured.'
          : 'Picker closed; nothing was captured.';
    case 'background-stopped':
      return "Mystery Shopper's background stopped before it finished, so nothing was saved. Try again.";
    case 'internal':
      return `Something went wrong: ${error.detail}.`;
    case 'workspace':
      return error.message;
  }
}

/** Whole megabytes, rounded down: "0 MB left" is truer than "1 MB left" with 0.6 MB. */
export const formatFreeMb = (bytes: number) => Math.max(0, Math.floor(bytes / 1_000_000)).toLocaleString('en');

// What browsers actually throw when a write finds no room (collected from Chromium 120–131,
// Firefox 115–153 and Dexie 4):
// - QuotaExceededError (DOMException; Dexie.QuotaExceededError wraps it as `.inner`), in both;
// - Chromium's blob writer: DataError / UnknownError "Failed to write blobs (IOError)" or
//   "…Internal error…IOError…", and "Unable to create writable file" from its LevelDB backing;
// - Firefox: NS_ERROR_FILE_NO_DEVICE_SPACE / NS_ERROR_DOM_QUOTA_REACHED / NS_ERROR_FILE_DISK_FULL
//   in `name`, `message` or `result` text, sometimes as an UnknownError;
// - OPFS writes (FileSystemWritableFileStream.close): QuotaExceededError, or InvalidStateError
//   "…no space…" in older Chromium.
// Dexie wraps the original in `.inner` (sometimes twice), a transaction abort carries it in
// `.failures`, and an AbortError's message repeats the cause's text.
const fullNames = new Set(['QuotaExceededError', 'NS_ERROR_FILE_NO_DEVICE_SPACE', 'NS_ERROR_DOM_QUOTA_REACHED', 'NS_ERROR_FILE_DISK_FULL']);
const fullText =
  /QuotaExceeded|quota (has been )?exceeded|IOError|Failed to write blobs|NO_DEVICE_SPACE|DOM_QUOTA_REACHED|FILE_DISK_FULL|no space left|not enough (disk )?space|disk is full|ENOSPC|Unable to create writable file/i;

/** True for any storage failure a browser raises when the disk (or the quota) is full. */
export function isQuotaError(e: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (err: any): boolean => {
    if (!err || typeof err !== 'object' || seen.has(err)) return false;
    seen.add(err);
    if (fullNames.has(err.name)) return true;
    const text = [err.message, err.result, err.code, err.name].filter((t) => typeof t === 'string').join(' ');
    if (fullText.test(text)) return true;
    if (visit(err.inner) || visit(err.cause)) return true;
    return Array.isArray(err.failures) && err.failures.some(visit);
  };
  return visit(e);
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.error;
  if (isQuotaError(e)) return { kind: 'storage-full' };
  return { kind: 'internal', detail: errorText(e) };
}
