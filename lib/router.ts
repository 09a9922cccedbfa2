import { fail, ok, toAppError, type Result } from './errors';
import { isOwnPage, parseRequest, type CapturePreview, type ParsedRequest, type RequestName, type RequestResults, type SenderInfo } from './messages';

/** What a long request (a bundle import) may use besides its payload. */
export interface RequestExtras {
  signal?: AbortSignal;
  progress?(done: number, total: number): void;
  /**
   * A capture's pixels, taken and not yet stored, for the page that asked: it may start decoding
   * them while the commit runs, and shows them only once the reply says they are stored.
   */
  preview?(preview: CapturePreview): void;
  /**
   * The pixels the page took itself for a visible capture (step.capture with `pixels: 'page'`),
   * once they arrive over its port: a JPEG data URL, or null when the page could not take them.
   * Rejects when the page goes away first.
   */
  pixels?(): Promise<string | null>;
}

export type Handlers = {
  [N in RequestName]: (payload: Extract<ParsedRequest, { name: N }>['payload'], extras: RequestExtras) => Promise<RequestResults[N]>;
};

export interface RouterContext {
  extensionId: string;
  extensionOrigin: string;
}

/**
 * The background's single entrance: refuses foreign senders, validates the payload, runs the
 * handler and turns anything thrown into a typed error. Nothing reaches a handler unvalidated.
 */
export async function routeRequest(raw: unknown, sender: SenderInfo, handlers: Handlers, ctx: RouterContext, extras: RequestExtras = {}): Promise<Result<unknown>> {
  if (!isOwnPage(sender, ctx.extensionId, ctx.extensionOrigin)) return fail({ kind: 'forbidden-sender' });
  const parsed = parseRequest(raw);
  if (!parsed.ok) return fail(parsed.error);
  const { name, payload } = parsed.request;
  try {
    const handler = handlers[name] as (p: unknown, extras: RequestExtras) => Promise<unknown>;
    return ok(await handler(payload, extras));
  } catch (e) {
    return fail(toAppError(e));
  }
}

/** True for messages meant for the router, so other listeners' traffic is left alone. */
export function isRequest(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { channel?: unknown }).channel === 'mystery-shopper';
}
