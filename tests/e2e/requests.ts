import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';

// The network policy gate of the e2e suite: every request any e2e browser makes is written to one
// log, and may only go to this machine (the demo shop, a local team server) or stay inside the
// browser (extension pages, data:, blob:). Every browser context an e2e file opens must pass
// through recordRequests (launchExtension does it); closing it fails the file on the first
// request that left, and the suite's teardown (requests-gate.ts) prints and checks the whole log.

export const REQUEST_LOG = fileURLToPath(new URL('../../.output/e2e-requests.log', import.meta.url));

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Schemes that never reach a network: our own pages, in-memory bodies, the browser's internal
// pages (some tests open chrome:// pages to check they are refused) and local files.
const LOCAL_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'file:']);

// Debian's Chromium draws chrome://newtab from its default search engine's start page; the one test
// that opens the new-tab page (to check it is refused) makes the browser, not our code, ask for it.
// Counted apart and printed, never as ours; this machine has no route there anyway.
const BROWSER_NEW_TAB_ORIGINS = new Set(['https://start.duckduckgo.com']);

export type RequestKind = 'loopback' | 'in-browser' | 'foreign';

export function classifyRequest(url: string): RequestKind {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'foreign'; // what cannot be read cannot be vouched for
  }
  if (LOCAL_SCHEMES.has(parsed.protocol) || BROWSER_NEW_TAB_ORIGINS.has(parsed.origin)) return 'in-browser';
  if (['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol) && (LOOPBACK_HOSTS.has(parsed.hostname) || /^127\.\d+\.\d+\.\d+$/.test(parsed.hostname)))
    return 'loopback';
  return 'foreign';
}

export interface RequestRecorder {
  /** Requests of this context that left the machine. */
  foreign(): string[];
  /** Throws, listing them, if any request of this context left the machine. */
  assertLocal(): void;
}

/** Starts logging every request of the context (pages, workers, the extension's own fetches). */
export function recordRequests(context: BrowserContext, label = 'browser'): RequestRecorder {
  mkdirSync(dirname(REQUEST_LOG), { recursive: true });
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    const kind = classifyRequest(url);
    if (kind === 'foreign') foreign.push(url);
    appendFileSync(REQUEST_LOG, `${JSON.stringify({ kind, label, url: url.slice(0, 500) })}\n`);
  });
  return {
    foreign: () => [...foreign],
    assertLocal() {
      if (foreign.length > 0) throw new Error(`${foreign.length} request(s) left this machine: ${foreign.slice(0, 5).join(', ')}`);
    },
  };
}

export interface RequestTally {
  total: number;
  loopback: number;
  inBrowser: number;
  foreign: string[];
}

export function readRequestLog(): RequestTally {
  const tally: RequestTally = { total: 0, loopback: 0, inBrowser: 0, foreign: [] };
  if (!existsSync(REQUEST_LOG)) return tally;
  for (const line of readFileSync(REQUEST_LOG, 'utf8').split('\n')) {
    if (!line) continue;
    const { url } = JSON.parse(line) as { url: string };
    // Classified again here, so that a log written by an older recorder cannot vouch for itself.
    const kind = classifyRequest(url);
    tally.total++;
    if (kind === 'loopback') tally.loopback++;
    else if (kind === 'in-browser') tally.inBrowser++;
    else tally.foreign.push(url);
  }
  return tally;
}

export function clearRequestLog() {
  rmSync(REQUEST_LOG, { force: true });
}
