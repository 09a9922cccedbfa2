import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '@/lib/db';
import { AppFailure } from '@/lib/errors';
import { saveAnnotations, type AnnotateDeps } from '@/lib/capture/annotate';
import { commitCapture } from '@/lib/step/commit';
import { imageKey, type Annotation } from '@/lib/schemas';
import { setSessionStatus, startSession } from '@/lib/session/lifecycle';
import { environment, newSessionInput, snapshotDb, type TestClock, useFreshDb } from '../fixtures';

let db: AppDB;
let clock: TestClock;
useFreshDb((fresh) => ({ db, clock } = fresh), 5_000_000);

const original = new Blob(['original pixels'], { type: 'image/jpeg' });
const box: Annotation = { id: 'b', type: 'box', x: 0.1, y: 0.1, w: 0.2, h: 0.2, color: '#d92d20' };
const redact: Annotation = { id: 'r', type: 'redact', x: 0.5, y: 0.5, w: 0.2, h: 0.1 };

async function captured() {
  const session = await startSession(db, newSessionInput(), environment, clock);
  const { step } = await commitCapture(db, clock, {
    sessionId: session.id,
    probe: { url: 'https://shop.example.com/account', title: 'Account', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 },
    capturedAt: clock.now(),
    images: [{ kind: 'visible', devicePixelRatio: 1, full: { blob: original, width: 1280, height: 800 }, thumb: { blob: new Blob(['t']), width: 320, height: 200 } }],
  });
  const shot = (await db.screenshots.where('stepId').equals(step.id).first())!;
  return { session, step, shot };
}

function fakeDeps(): AnnotateDeps & { paint: ReturnType<typeof vi.fn> } {
  return {
    paint: vi.fn(async (_full: Blob, _mime: string, redactions: readonly Annotation[], annotations: readonly Annotation[]) => ({
      full: redactions.length ? new Blob([`burned ${redactions.map((r) => r.id).join(',')}`], { type: 'image/jpeg' }) : null,
      thumb: { blob: new Blob([`thumb of ${annotations.length}`], { type: 'image/jpeg' }), width: 320, height: 200 },
    })),
    now: () => clock.now(),
  };
}

const text = async (id: string, variant: 'full' | 'thumb') => (await db.images.get(imageKey(id, variant)))!.blob.text();

async function expectFailure(promise: Promise<unknown>, kind: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).error.kind).toBe(kind);
}

describe('saveAnnotations', () => {
  it('stores vectors and a redrawn thumbnail, leaving the full image alone when nothing is redacted', async () => {
    const { shot } = await captured();
    const deps = fakeDeps();
    clock.time += 1000;
    const saved = await saveAnnotations(db, deps, { screenshotId: shot.id, annotations: [box] });
    expect(saved.annotations).toEqual([box]);
    expect((await db.screenshots.get(shot.id))!.annotations).toEqual([box]);
    expect(await text(shot.id, 'full')).toBe('original pixels');
    expect(await text(shot.id, 'thumb')).toBe('thumb of 1');
    expect((await db.sessions.get(shot.sessionId))!.updatedAt).toBe(clock.time);
  });

  it('burns each redaction once: a later save does not burn it again', async () => {
    const { shot } = await captured();
    const deps = fakeDeps();
    await saveAnnotations(db, deps, { screenshotId: shot.id, annotations: [redact] });
    expect(await text(shot.id, 'full')).toBe('burned r');
    expect((await db.screenshots.get(shot.id))!.bytes).toBe('burned r'.length);
    await saveAnnotations(db, deps, { screenshotId: shot.id, annotations: [redact, box] });
    expect(deps.paint.mock.calls[1]![2]).toEqual([]);
    expect(await text(shot.id, 'full')).toBe('burned r');
  });

  it('refuses to unburn a redaction, and changes nothing', async () => {
    const { shot } = await captured();
    await saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [redact] });
    const before = await snapshotDb(db);
    await expectFailure(saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [] }), 'invalid-message');
    await expectFailure(saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [{ ...redact, x: 0 }] }), 'invalid-message');
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('on a completed session takes a new redaction but refuses other edits', async () => {
    const { session, shot } = await captured();
    await saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [box] });
    await setSessionStatus(db, session.id, 'completed', clock.now());
    await expectFailure(saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [] }), 'session-not-active');
    await saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [box, redact] });
    expect(await text(shot.id, 'full')).toBe('burned r');
  });

  it('a screenshot that does not exist is a typed error', async () => {
    await expectFailure(saveAnnotations(db, fakeDeps(), { screenshotId: 'nope', annotations: [] }), 'not-found');
  });

  it('redoes the burn from the newer image when another save landed during the pixel work', async () => {
    const { shot } = await captured();
    const deps = fakeDeps();
    const other: Annotation = { ...redact, id: 'r2', x: 0.1 };
    let raced = false;
    const inner = deps.paint.getMockImplementation()! as AnnotateDeps['paint'];
    deps.paint.mockImplementation(async (...args: Parameters<AnnotateDeps['paint']>) => {
      if (!raced) {
        raced = true;
        await saveAnnotations(db, fakeDeps(), { screenshotId: shot.id, annotations: [other] });
      }
      return inner(...args);
    });
    await expectFailure(saveAnnotations(db, deps, { screenshotId: shot.id, annotations: [redact] }), 'invalid-message');
    // The retry saw the other save's burned redaction, which this set would have dropped.
    expect(deps.paint).toHaveBeenCalledTimes(1);
    expect((await db.screenshots.get(shot.id))!.annotations).toEqual([other]);
    expect(await text(shot.id, 'full')).toBe('burned r2');
    await saveAnnotations(db, deps, { screenshotId: shot.id, annotations: [other, redact] });
    expect(deps.paint.mock.calls.at(-1)![2]).toEqual([redact]);
  });
});

describe('screenshot.annotate at the boundary', () => {
  it('refuses shapes off the image, colours off the palette and unknown kinds', async () => {
    const { parseRequest, requestEnvelope } = await import('@/lib/messages');
    const check = (annotations: unknown[]) => parseRequest(requestEnvelope('screenshot.annotate', { screenshotId: 's', annotations } as never));
    expect(check([box]).ok).toBe(true);
    expect(check([{ ...box, x: 1.5 }]).ok).toBe(false);
    expect(check([{ ...box, color: 'javascript:alert(1)' }]).ok).toBe(false);
    expect(check([{ ...box, type: 'blur' }]).ok).toBe(false);
    expect(check([{ id: 't', type: 'text', x: 0, y: 0, text: '   ', color: '#d92d20' }]).ok).toBe(false);
    expect(check(Array.from({ length: 201 }, (_, i) => ({ ...box, id: `b${i}` }))).ok).toBe(false);
  });
});
