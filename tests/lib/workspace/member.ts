import { AppDB } from '@/lib/db';
import { fetchHttp, type Http } from '@/lib/workspace/http';
import { workspaceUrl, type WorkspaceConfig } from '@/lib/workspace/config';
import { decodeHeaders } from '../bundle/decode-headers';
import type { SyncDeps } from '@/lib/workspace/sync';

// Shared by the workspace tests (not a test file): one member's device, with its own database, its
// own clock and its own view of the server (straight, or through the fault proxy).

export interface Device {
  db: AppDB;
  config: WorkspaceConfig;
  deps: SyncDeps;
  clock: { time: number };
}

export function device(origin: string, user: string, password: string, memberId: string, memberName: string, folder = 'team', http: Http = fetchHttp()): Device {
  const db = new AppDB(`ws-${memberId}-${crypto.randomUUID()}`);
  const config: WorkspaceConfig = { folderUrl: workspaceUrl(origin, folder), user, password, memberId, memberName };
  const clock = { time: 1_800_000_000_000 };
  let n = 0;
  const deps: SyncDeps = {
    db,
    http,
    config: async () => config,
    now: () => clock.time,
    // Real waits, short: Apache's weak ETags last about a second of real time.
    wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    appVersion: '0.1.0',
    newId: () => `${memberId}-new-${++n}`,
    decode: decodeHeaders,
  };
  return { db, config, deps, clock };
}
