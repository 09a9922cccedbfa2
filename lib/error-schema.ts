import { z } from 'zod';

// The shape of an AppError (lib/errors.ts), checked where errors cross a boundary (events in
// lib/messages.ts). Apart from lib/errors.ts so that pages, which only word errors, load no zod.

export const AppErrorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('restricted-page'), url: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('page-not-loaded'), url: z.string() }),
  z.object({ kind: z.literal('no-tab') }),
  z.object({ kind: z.literal('no-active-session') }),
  z.object({ kind: z.literal('session-not-active'), status: z.string() }),
  z.object({ kind: z.literal('not-found'), what: z.string() }),
  z.object({ kind: z.literal('invalid-message'), detail: z.string() }),
  z.object({ kind: z.literal('forbidden-sender') }),
  // `freeBytes` is set when the disk reserve refused a write before it started (nothing was
  // attempted); without it, the browser itself failed a write for want of space.
  z.object({ kind: z.literal('storage-full'), freeBytes: z.number().nonnegative().optional() }),
  z.object({ kind: z.literal('capture-failed'), detail: z.string() }),
  // Not a failure: the shopper closed the element or region picker, and nothing was written.
  z.object({ kind: z.literal('capture-cancelled'), reason: z.string() }),
  // The background went away before it answered (Chrome stopped the worker, the add-on reloaded).
  z.object({ kind: z.literal('background-stopped') }),
  z.object({ kind: z.literal('internal'), detail: z.string() }),
  // The team workspace (lib/workspace/errors.ts) words its own sentence; problem says what kind.
  z.object({ kind: z.literal('workspace'), problem: z.string(), message: z.string() }),
]);
