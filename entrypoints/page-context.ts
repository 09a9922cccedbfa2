import { onCLS, onLCP } from 'web-vitals';

// Injected into the audited page (isolated world) only when a step is captured, never on every
// page. It answers the page's load timing and Web Vitals; the background validates and clips
// whatever comes back, since the page shares the DOM and can tamper with what we read.

interface Vitals {
  lcpMs: number | null;
  cls: number | null;
}

// web-vitals' buffered observers report past entries a few tasks after they start; a capture
// must not wait on a page that never painted, so the first read waits at most this long.
const FIRST_READ_WAIT_MS = 40;

const KEY = '__mysteryShopperVitals';

export default defineUnlistedScript(async () => {
  const scope = globalThis as unknown as Record<string, Vitals | undefined>;
  let vitals = scope[KEY];
  if (!vitals) {
    // Observers stay on for the life of the document (reportAllChanges keeps the values
    // current), so a later capture of the same page reads them at once.
    const fresh: Vitals = { lcpMs: null, cls: null };
    scope[KEY] = vitals = fresh;
    let resolve = () => {};
    const ready = new Promise<void>((r) => (resolve = r));
    const check = () => fresh.lcpMs !== null && fresh.cls !== null && resolve();
    onLCP((m) => ((fresh.lcpMs = m.value), check()), { reportAllChanges: true });
    onCLS((m) => ((fresh.cls = m.value), check()), { reportAllChanges: true });
    await Promise.race([ready, new Promise((r) => setTimeout(r, FIRST_READ_WAIT_MS))]);
  }
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  // 0 means "not reached yet" in Navigation Timing: report it as unknown, not as instant.
  const at = (t: number | undefined) => (t && t > 0 ? Math.round(t) : null);
  return {
    ttfbMs: at(nav?.responseStart),
    domContentLoadedMs: at(nav?.domContentLoadedEventStart),
    loadMs: at(nav?.loadEventStart),
    lcpMs: vitals.lcpMs === null ? null : Math.round(vitals.lcpMs),
    cls: vitals.cls === null ? null : Math.round(vitals.cls * 1000) / 1000,
    userAgent: navigator.userAgent,
  };
});
