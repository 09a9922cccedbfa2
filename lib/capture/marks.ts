// Where a capture's (and a publish's) milliseconds go: each phase (probe, pick, capture, pixels, decode, crop, encode,
// commit, thumbnail, paint; a publish's publish:*) is a
// User Timing measure named `ms:<phase>` in the worker's performance timeline. bench/ reads them
// over CDP (Runtime.evaluate on the worker target), so no test hook ships; a measure costs
// microseconds, and the timeline is emptied now and then so a long-lived worker does not grow it.

export type Phase = 'probe' | 'pick' | 'capture' | 'pixels' | 'decode' | 'crop' | 'encode' | 'commit' | 'thumbnail' | 'paint' | 'handler' | PublishPhase;

/** A publish's phases (lib/workspace/publish.ts, sync.ts), read the same way by bench/workspace.mjs. */
export type PublishPhase = `publish:${'source' | 'reads' | 'describe' | 'images' | 'index'}`;

const KEEP = 2_000;
let count = 0;

/** Records a phase that started at `start` (performance.now()) and ends now. */
export function measurePhase(phase: Phase, start: number): void {
  if (typeof performance?.measure !== 'function') return;
  if (++count > KEEP) {
    performance.clearMeasures();
    count = 1;
  }
  performance.measure(`ms:${phase}`, { start, end: performance.now() });
}

/** Times a promise as a phase, whether it fulfils or rejects. */
export function timed<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  return work().finally(() => measurePhase(phase, start));
}
