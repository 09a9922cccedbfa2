import type { AppDB } from '../db';
import { exportFromDb, importIntoDb } from '../bundle/write';
import { sha256Hex } from '../bundle/format';
import type { BundleImage } from '../bundle/import';
import type { WorkspaceInfo } from '../messages';
import { basicAuth, workspaceUrl, WorkspaceConfigSchema, type WorkspaceConfig } from './config';
import { testConnection, writeMember } from './connect';
import { DavClient } from './dav';
import { workspaceFailure } from './errors';
import type { Http } from './http';
import { enqueue, nextDueAt, releaseAll } from './queue';
import { assertWritable, davFor, openTeamSession, pull, queueFollowUps, runQueue, type SyncDeps } from './sync';
import { thumbFetcher } from './thumbs';
import { limitedPerHost } from './pool';

// The workspace as the background offers it: one object whose methods are the message handlers'
// bodies. The only state in memory is the running sync's AbortController and its timer; the queue
// itself is in IndexedDB, so a stopped worker picks up where it was at its next start.

export interface ConfigStore {
  get(): Promise<unknown>;
  set(config: WorkspaceConfig): Promise<void>;
  remove(): Promise<void>;
}

export interface ConnectInput {
  server: string;
  folder: string;
  user: string;
  password: string;
  memberName: string;
}


/** One id per person: the same login on the same server is the same member on every device. */
export async function memberIdOf(folderUrl: string, user: string): Promise<string> {
  return (await sha256Hex(new TextEncoder().encode(`${new URL(folderUrl).origin}\n${user}`))).slice(0, 24);
}

export function workspaceService(opts: { db: AppDB; http: Http; store: ConfigStore; now(): number; newId(): string; appVersion: string; decode: SyncDeps['decode']; ensureRoom?: SyncDeps['ensureRoom'] }) {
  const { db, store } = opts;
  const config = async () => {
    const parsed = WorkspaceConfigSchema.safeParse(await store.get());
    return parsed.success ? parsed.data : null;
  };
  // Every request to the server, whatever asks for it, goes through the one limiter of its host.
  const http = limitedPerHost(opts.http);
  const deps: SyncDeps = { db, http, config, now: opts.now, newId: opts.newId, appVersion: opts.appVersion, decode: opts.decode, ensureRoom: opts.ensureRoom, wait: (ms) => new Promise((r) => setTimeout(r, ms)) };

  let running: { controller: AbortController; done: Promise<void> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pulling: ReturnType<typeof pull> | null = null;
  const thumb = thumbFetcher(deps);

  /**
   * One pull at a time: a second ask while one runs gets its answer. With ifOlderThanMs (the library
   * opening), nothing is asked of the server when the last pull is that recent or no workspace is set.
   */
  async function pullOnce(ifOlderThanMs?: number): ReturnType<typeof pull> {
    if (pulling) return pulling;
    if (ifOlderThanMs !== undefined) {
      const last = (await db.syncStatus.get('status'))?.lastPullAt ?? null;
      if (!(await config()) || (last !== null && opts.now() - last < ifOlderThanMs)) return { changed: 0, bytes: 0, refused: [] };
      if (pulling) return pulling;
    }
    pulling = pull(deps).finally(() => (pulling = null));
    return pulling;
  }

  /** Runs the queue now if it is not running; then waits for the next due job with a timer. */
  function kick(): Promise<void> {
    if (running) return running.done;
    const controller = new AbortController();
    const done = (async () => {
      try {
        if (!(await config())) return;
        await queueFollowUps(db, opts.now());
        await runQueue(deps, controller.signal);
      } finally {
        running = null;
      }
      const next = await nextDueAt(db);
      clearTimeout(timer);
      if (next !== null) timer = setTimeout(() => void kick(), Math.max(1_000, next - opts.now()));
    })();
    running = { controller, done };
    return done;
  }

  async function dav(input: ConnectInput) {
    const folderUrl = workspaceUrl(input.server, input.folder);
    return { folderUrl, dav: new DavClient({ folderUrl, authorization: basicAuth(input.user, input.password), http }) };
  }

  return {
    kick,
    config,
    async info(): Promise<WorkspaceInfo> {
      const c = await config();
      return { connected: !!c, folderUrl: c?.folderUrl ?? null, user: c?.user ?? null, memberId: c?.memberId ?? null, memberName: c?.memberName ?? null };
    },
    async test(input: ConnectInput): Promise<null> {
      await testConnection((await dav(input)).dav, opts.newId());
      return null;
    },
    /** Tests first; only a folder that passed is saved. */
    async connect(input: ConnectInput): Promise<WorkspaceInfo> {
      const { folderUrl, dav: client } = await dav(input);
      await testConnection(client, opts.newId());
      const memberId = await memberIdOf(folderUrl, input.user);
      await writeMember(client, memberId, input.memberName);
      const had = await config();
      // Another folder or person: the team library of the old one is not this one's.
      if (had && (had.folderUrl !== folderUrl || had.memberId !== memberId)) await forgetTeam(db);
      await store.set(WorkspaceConfigSchema.parse({ folderUrl, user: input.user, password: input.password, memberId, memberName: input.memberName }));
      await releaseAll(db, opts.now());
      void kick();
      return this.info();
    },
    /** Deletes the credentials from this device; local sessions stay as they are. */
    async disconnect(): Promise<null> {
      running?.controller.abort();
      await store.remove();
      await forgetTeam(db);
      return null;
    },
    async publish(sessionIds: string[]): Promise<{ queued: number }> {
      if (!(await config())) throw workspaceFailure('not-connected');
      for (const id of sessionIds) {
        if (!(await db.sessions.get(id))) throw workspaceFailure('missing', 'that session is not on this device');
        await assertWritable(db, { sessionId: id });
        await db.publications.where('sessionId').equals(id).modify({ problem: null, message: null });
        await enqueue(db, 'publish', id, opts.now());
      }
      void kick();
      return { queued: sessionIds.length };
    },
    pull: pullOnce,
    open: (sessionId: string) => openTeamSession(deps, sessionId),
    /** A team row's thumbnail, fetched into the cache the views read (lib/workspace/thumbs.ts). */
    thumb,
    /** A copy of a team session that is this member's own, with fresh ids. */
    async copy(sessionId: string): Promise<{ sessionId: string }> {
      const before = new Set(await db.sessions.toCollection().primaryKeys());
      const data = await exportFromDb(db, [sessionId]);
      const images = data.images.map((i) => ({ ...i, mimeType: i.mimeType as BundleImage['mimeType'] }));
      // The id is taken (by the team copy itself), so the import makes fresh ids throughout.
      await importIntoDb(db, { ...data, images }, opts.newId, opts.now());
      const made = (await db.sessions.toCollection().primaryKeys()).find((id) => !before.has(id));
      if (!made) throw workspaceFailure('server', 'the copy could not be made');
      return { sessionId: made };
    },
    cancel(): null {
      running?.controller.abort();
      return null;
    },
    async retry(): Promise<null> {
      await releaseAll(db, opts.now());
      void kick();
      return null;
    },
    guard: (ref: { sessionId?: string; stepId?: string; screenshotId?: string }) => assertWritable(db, ref),
    davFor: (c: WorkspaceConfig) => davFor(deps, c),
  };
}

async function forgetTeam(db: AppDB) {
  await db.transaction('rw', [db.teamRows, db.teamIndexes, db.teamThumbs, db.teamMembers, db.workspaceJobs, db.syncStatus], async () => {
    await db.teamRows.clear();
    await db.teamIndexes.clear();
    await db.teamThumbs.clear();
    await db.teamMembers.clear();
    await db.workspaceJobs.clear();
    await db.syncStatus.clear();
  });
}

export type WorkspaceService = ReturnType<typeof workspaceService>;
