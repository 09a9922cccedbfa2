import type { Handlers } from '../router';
import type { RequestName } from '../messages';

// A team session downloaded to read is read-only on this device: every request that writes to a
// session, a step or a screenshot is checked first, in one place, rather than in each handler.

const WRITES: readonly RequestName[] = [
  'session.setStatus',
  'session.update',
  'session.setAutoCapture',
  'step.capture',
  'step.captureElement',
  'step.captureFullPage',
  'step.update',
  'step.delete',
  'steps.reorder',
  'step.addText',
  'screenshot.annotate',
];

type Ref = { sessionId?: string; stepId?: string; screenshotId?: string };

export function guardReadOnly(handlers: Handlers, guard: (ref: Ref) => Promise<void>): Handlers {
  const guarded = { ...handlers } as Record<RequestName, (p: unknown, extras: unknown) => Promise<unknown>>;
  for (const name of WRITES) {
    const inner = guarded[name];
    guarded[name] = async (payload, extras) => {
      const { sessionId, stepId, screenshotId } = payload as Ref;
      await guard({ sessionId, stepId, screenshotId });
      return inner(payload, extras);
    };
  }
  return guarded as unknown as Handlers;
}
