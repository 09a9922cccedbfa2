import { describe, expect, it } from 'vitest';
import { isOwnPage, parseRequest, requestEnvelope } from '@/lib/messages';

const envelope = (name: string, payload: unknown) => ({ channel: 'mystery-shopper', name, payload });

function expectInvalid(raw: unknown, detailPart?: string) {
  const result = parseRequest(raw);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.kind).toBe('invalid-message');
  if (detailPart) expect((result.error as { detail: string }).detail).toContain(detailPart);
}

describe('parseRequest', () => {
  it('accepts a well-formed request built with requestEnvelope', () => {
    const result = parseRequest(requestEnvelope('step.update', { stepId: 's1', patch: { note: 'slow', scores: { a: 4, b: null } } }));
    expect(result).toEqual({
      ok: true,
      request: { name: 'step.update', payload: { stepId: 's1', patch: { note: 'slow', scores: { a: 4, b: null } } } },
    });
  });

  it('trims the session title', () => {
    const result = parseRequest(
      envelope('session.start', {
        title: '  Checkout  ',
        brand: 'Acme',
        startUrl: '',
        promise: '',
        rubricId: 'tpl-five-principles',
        environment: { userAgent: 'ua', browser: 'b', viewport: null, devicePixelRatio: null },
      }),
    );
    expect(result.ok && result.request.name === 'session.start' && result.request.payload.title).toBe('Checkout');
  });

  it('rejects something that is not a request envelope', () => {
    expectInvalid(null);
    expectInvalid('step.delete');
    expectInvalid({ channel: 'someone-else', name: 'step.delete', payload: { stepId: 'x' } });
    expectInvalid({ ...envelope('step.delete', { stepId: 'x' }), extra: true });
  });

  it('rejects unknown names, including inherited property names', () => {
    expectInvalid(envelope('step.explode', {}), 'unknown request "step.explode"');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expectInvalid(envelope(name, {}), 'unknown request');
  });

  it('rejects payloads of the wrong type', () => {
    expectInvalid(envelope('step.capture', { tabId: '7' }), 'step.capture');
    expectInvalid(envelope('step.capture', { tabId: -1 }));
    expectInvalid(envelope('step.capture', { tabId: 1.5 }));
    expectInvalid(envelope('step.delete', { stepId: '' }));
    expectInvalid(envelope('session.setStatus', { sessionId: 's', status: 'archived' }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { severity: 5 } }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { scores: { a: 'great' } } }));
    expectInvalid(envelope('step.delete', null));
  });

  it('rejects extra keys in the payload and in the patch', () => {
    expectInvalid(envelope('step.delete', { stepId: 's', force: true }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { note: 'x', position: 0 } }));
  });

  it('rejects an empty patch', () => {
    expectInvalid(envelope('step.update', { stepId: 's', patch: {} }), 'the patch is empty');
  });

  it('rejects a session without a title, saying so', () => {
    expectInvalid(
      envelope('session.start', {
        title: '   ',
        brand: '',
        startUrl: '',
        promise: '',
        rubricId: 'r',
        environment: { userAgent: '', browser: '', viewport: null, devicePixelRatio: null },
      }),
      'a title is required',
    );
  });
});

describe('parseRequest: capture, tagging and session set-up', () => {
  const sessionStart = {
    title: 'Checkout',
    brand: 'Acme',
    startUrl: 'https://shop.example.com/',
    promise: 'Effortless',
    rubricId: 'tpl-five-principles',
    environment: { userAgent: 'ua', browser: 'b', viewport: null, devicePixelRatio: null },
  };

  it("'step.capture' accepts an optional sessionId", () => {
    expect(parseRequest(envelope('step.capture', { tabId: 7 }))).toEqual({ ok: true, request: { name: 'step.capture', payload: { tabId: 7 } } });
    expect(parseRequest(envelope('step.capture', { tabId: 7, sessionId: 'sess-1' }))).toEqual({
      ok: true,
      request: { name: 'step.capture', payload: { tabId: 7, sessionId: 'sess-1' } },
    });
    expectInvalid(envelope('step.capture', { tabId: 7, sessionId: '' }));
  });

  it("'step.update' accepts stageId, emotion, momentOfTruth and tags", () => {
    const patch = { stageId: 'st-2', emotion: -2, momentOfTruth: true, tags: ['slow', 'dark pattern'] };
    expect(parseRequest(envelope('step.update', { stepId: 's', patch }))).toEqual({
      ok: true,
      request: { name: 'step.update', payload: { stepId: 's', patch } },
    });
    for (const one of [{ stageId: 'st-1' }, { emotion: 2 }, { emotion: null }, { momentOfTruth: false }, { tags: [] }]) {
      expect(parseRequest(envelope('step.update', { stepId: 's', patch: one })).ok).toBe(true);
    }
  });

  it("'step.update' refuses an emotion off the -2…2 scale and an empty tag", () => {
    expectInvalid(envelope('step.update', { stepId: 's', patch: { emotion: 3 } }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { emotion: -3 } }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { emotion: 0.5 } }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { tags: ['slow', ''] } }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { tags: ['   '] } }));
    expectInvalid(envelope('step.update', { stepId: 's', patch: { momentOfTruth: 'yes' } }));
  });

  it("'session.start' accepts persona, scenario, stages and tags", () => {
    const extra = { persona: 'Busy parent', scenario: 'Buy a pram', stages: ['Search', 'Pay'], tags: ['mobile'] };
    const result = parseRequest(envelope('session.start', { ...sessionStart, ...extra }));
    expect(result.ok).toBe(true);
    if (!result.ok || result.request.name !== 'session.start') return;
    expect(result.request.payload).toMatchObject(extra);
  });

  it("'session.start' refuses an empty stages array and a stage without a name", () => {
    expectInvalid(envelope('session.start', { ...sessionStart, stages: [] }));
    expectInvalid(envelope('session.start', { ...sessionStart, stages: ['Search', '  '] }), 'a stage needs a name');
  });
});

describe('isOwnPage', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;

  it('accepts our own extension page', () => {
    expect(isOwnPage({ id, url: `${origin}sidepanel.html` }, id, origin)).toBe(true);
  });

  it('refuses another extension, a content script and a sender without URL', () => {
    expect(isOwnPage({ id: 'otherextension', url: 'chrome-extension://otherextension/x.html' }, id, origin)).toBe(false);
    expect(isOwnPage({ id, url: 'https://shop.example.com/' }, id, origin)).toBe(false);
    expect(isOwnPage({ id }, id, origin)).toBe(false);
    expect(isOwnPage({}, id, origin)).toBe(false);
  });
});

describe('review requests', () => {
  const env = { userAgent: 'ua', browser: 'b', viewport: null, devicePixelRatio: 1 };
  it('accept what the review sends', () => {
    expect(parseRequest(envelope('steps.reorder', { sessionId: 's', orderedStepIds: ['b', 'a'] })).ok).toBe(true);
    expect(parseRequest(envelope('step.addText', { sessionId: 's', stageId: null, title: 'Call', note: '' })).ok).toBe(true);
    expect(parseRequest(envelope('session.runAgain', { sessionId: 's', title: 'Again', brand: 'B', startUrl: '', environment: env })).ok).toBe(true);
  });
  it('refuse an empty order, a missing note, an untitled re-run and unknown keys', () => {
    expectInvalid(envelope('steps.reorder', { sessionId: 's', orderedStepIds: [] }), 'orderedStepIds');
    expectInvalid(envelope('step.addText', { sessionId: 's', stageId: null, title: 'Call' }), 'note');
    expectInvalid(envelope('session.runAgain', { sessionId: 's', title: '  ', brand: '', startUrl: '', environment: env }), 'a title is required');
    expectInvalid(envelope('step.addText', { sessionId: 's', stageId: null, title: '', note: '', url: 'https://x' }));
  });
});
