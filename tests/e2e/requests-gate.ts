import { clearRequestLog, readRequestLog } from './requests';

// Vitest globalSetup of the e2e project: a fresh log before the first file, and at the end of
// the run the tally of every request the e2e browsers made; one that left the machine fails the run.

export function setup() {
  clearRequestLog();
  return () => {
    const t = readRequestLog();
    console.log(`network gate: ${t.total} requests recorded in the e2e run: ${t.loopback} to loopback, ${t.inBrowser} inside the browser, ${t.foreign.length} elsewhere`);
    if (t.total === 0) console.log('network gate: no e2e browser ran, nothing to check');
    if (t.foreign.length > 0) throw new Error(`network gate: requests left this machine: ${[...new Set(t.foreign)].slice(0, 10).join(', ')}`);
  };
}
