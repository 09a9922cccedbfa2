import { describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import { AppFailure } from '@/lib/errors';
import { requestEnvelope } from '@/lib/messages';
import { isRequest, routeRequest, type Handlers } from '@/lib/router';

const ctx = { extensionId: 'ourextensionid', extensionOrigin: 'chrome-extension://ourextensionid/' };
const ownPage = { id: ctx.extensionId, url: `${ctx.extensionOrigin}sidepanel.html` };

function makeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const unexpected = () => Promise.reject(new Error('unexpected handler call'));
  return {
    'session.start': vi.fn(unexpected),
    'session.setStatus': vi.fn(unexpected),
    'step.capture': vi.fn(unexpected),
    'step.update': vi.fn(unexpected),
    'step.delete': vi.fn(async () => null),
    'page.describe': vi.fn(unexpected),
    ...overrides,
  } as Handlers;
}

const deleteRequest = requestEnvelope('step.delete', { stepId: 'step-1' });

describe('routeRequest', () => {
  it('runs the handler for our own page and returns its value', async () => {
    const handlers = makeHandlers();
    const result = await routeRequest(deleteRequest, ownPage, handlers, ctx);
    expect(result).toEqual({ ok: true, value: null });
    expect(handlers['step.delete']).toHaveBeenCalledWith({ stepId: 'step-1' }, {});
  });

  it('refuses a sender with another extension id', async () => {
    const handlers = makeHandlers();
    const result = await routeRequest(deleteRequest, { id: 'evil', url: 'chrome-extension://evil/page.html' }, handlers, ctx);
    expect(result).toEqual({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(handlers['step.delete']).not.toHaveBeenCalled();
  });

  it('refuses a content script: our id, but a web page URL', async () => {
    const handlers = makeHandlers();
    const result = await routeRequest(deleteRequest, { id: ctx.extensionId, url: 'https://shop.example.com/cart' }, handlers, ctx);
    expect(result).toEqual({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(handlers['step.delete']).not.toHaveBeenCalled();
  });

  it('never calls a handler with an invalid payload', async () => {
    const handlers = makeHandlers();
    const result = await routeRequest(requestEnvelope('step.delete', { stepId: '' }), ownPage, handlers, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-message');
    expect(handlers['step.delete']).not.toHaveBeenCalled();
  });

  it('turns a thrown AppFailure into its own error', async () => {
    const handlers = makeHandlers({
      'step.delete': async () => {
        throw new AppFailure({ kind: 'not-found', what: 'step' });
      },
    });
    expect(await routeRequest(deleteRequest, ownPage, handlers, ctx)).toEqual({ ok: false, error: { kind: 'not-found', what: 'step' } });
  });

  it('turns a QuotaExceededError, bare or wrapped by Dexie, into storage-full', async () => {
    const quota = new DOMException('quota', 'QuotaExceededError');
    for (const thrown of [quota, new Dexie.AbortError('transaction aborted', quota)]) {
      const handlers = makeHandlers({
        'step.delete': async () => {
          throw thrown;
        },
      });
      expect(await routeRequest(deleteRequest, ownPage, handlers, ctx)).toEqual({ ok: false, error: { kind: 'storage-full' } });
    }
  });

  it('turns any other exception into an internal error carrying its message', async () => {
    const handlers = makeHandlers({
      'step.delete': async () => {
        throw new Error('disk on fire');
      },
    });
    expect(await routeRequest(deleteRequest, ownPage, handlers, ctx)).toEqual({
      ok: false,
      error: { kind: 'internal', detail: 'disk on fire' },
    });
  });
});

describe('isRequest', () => {
  it('recognises only our channel', () => {
    expect(isRequest(deleteRequest)).toBe(true);
    expect(isRequest({ channel: 'mystery-shopper-event' })).toBe(false);
    expect(isRequest(null)).toBe(false);
    expect(isRequest('mystery-shopper')).toBe(false);
  });
});
