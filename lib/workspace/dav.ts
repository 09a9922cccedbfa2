import { workspaceFailure, statusProblem } from './errors';
import type { Http, HttpResponse } from './http';
import { parseMultistatus, type DavEntry } from './xml';

// A WebDAV client for one folder, over the HTTP seam. Paths are relative to the folder and use "/"
// between segments; each segment is percent-encoded here. Every non-2xx answer becomes a typed
// workspace failure, so callers decide retries by kind, never by status codes.

export interface DavOptions {
  folderUrl: string;
  authorization: string;
  http: Http;
  signal?: AbortSignal;
  /** Names temporary uploads; random in the extension, fixed in tests. */
  tempName?: () => string;
}

export interface Conditions {
  /** Write only if the file still has this (strong) ETag. */
  ifMatch?: string;
  /** Write only if the file does not exist yet. */
  ifNoneMatch?: boolean;
}

const PROPFIND_BODY = new TextEncoder().encode(
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/><d:getlastmodified/></d:prop></d:propfind>',
);

export const isWeak = (etag: string | null) => !!etag && etag.startsWith('W/');

export class DavClient {
  private readonly base: URL;
  private readonly made = new Set<string>();

  constructor(private readonly opts: DavOptions) {
    this.base = new URL(opts.folderUrl);
  }

  url(path: string): string {
    const encoded = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
    return new URL(encoded + (path.endsWith('/') && encoded ? '/' : ''), this.base).href;
  }

  private async send(method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array | Blob): Promise<HttpResponse> {
    if (this.opts.signal?.aborted) throw workspaceFailure('cancelled');
    return this.opts.http({ method, url: this.url(path), headers: { authorization: this.opts.authorization, ...headers }, body, signal: this.opts.signal });
  }

  private fail(res: HttpResponse, what: string, justWrote = false): never {
    throw workspaceFailure(statusProblem(res.status, justWrote), `${what}: HTTP ${res.status}`);
  }

  /** The folder's children (not the folder itself); an absent folder lists as empty. */
  async list(path: string): Promise<DavEntry[]> {
    return (await this.listing(path)) ?? [];
  }

  /** The folder's children, or null when there is no such folder (one request says both). */
  async listing(path: string): Promise<DavEntry[] | null> {
    const dir = path.endsWith('/') ? path : `${path}/`;
    const res = await this.send('PROPFIND', dir, { depth: '1', 'content-type': 'application/xml; charset=utf-8' }, PROPFIND_BODY);
    if (res.status === 404) return null;
    if (res.status !== 207) this.fail(res, `listing ${dir}`);
    let entries: DavEntry[];
    try {
      entries = parseMultistatus(new TextDecoder().decode(res.body));
    } catch (e) {
      throw workspaceFailure('server', `the listing of ${dir} is not WebDAV XML: ${e instanceof Error ? e.message : e}`);
    }
    const self = decodeURIComponent(new URL(this.url(dir)).pathname).replace(/\/$/, '');
    return entries.filter((e) => e.path.replace(/\/$/, '') !== self);
  }

  /** The file's ETag as the server reports it now, or null when there is no such file. */
  async etag(path: string): Promise<string | null> {
    const res = await this.send('HEAD', path);
    if (res.status === 404) return null;
    if (res.status !== 200) this.fail(res, `reading ${path}`);
    return res.header('etag');
  }

  /** The file's bytes and ETag, or null when there is no such file. */
  async get(path: string): Promise<{ body: Uint8Array; etag: string | null } | null> {
    const res = await this.send('GET', path);
    if (res.status === 404) return null;
    if (res.status !== 200) this.fail(res, `reading ${path}`);
    return { body: res.body, etag: res.header('etag') };
  }

  /** A plain PUT (conditional when asked). A 412 is returned as false, for the caller to judge. */
  async put(path: string, body: Uint8Array | Blob, cond: Conditions = {}): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (cond.ifMatch) headers['if-match'] = cond.ifMatch;
    if (cond.ifNoneMatch) headers['if-none-match'] = '*';
    const res = await this.send('PUT', path, headers, body);
    if (res.status === 412 && (cond.ifMatch || cond.ifNoneMatch)) return false;
    if (res.status !== 201 && res.status !== 204 && res.status !== 200) this.fail(res, `writing ${path}`);
    return true;
  }

  /**
   * Writes to a temporary name in the same folder, then moves it into place, so a reader never
   * sees half a file. A failed move leaves the target as it was and removes the temporary file.
   */
  async putAtomic(path: string, body: Uint8Array, opts: { overwrite?: boolean } = {}): Promise<void> {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash + 1);
    const temp = `${dir}.upload-${this.opts.tempName?.() ?? crypto.randomUUID()}`;
    await this.put(temp, body);
    try {
      await this.move(temp, path, opts.overwrite ?? true);
    } catch (e) {
      await this.delete(temp).catch(() => undefined);
      throw e;
    }
  }

  /** Without overwrite, an existing target answers 412, a conflict: someone else wrote it. */
  async move(from: string, to: string, overwrite = true): Promise<void> {
    const res = await this.send('MOVE', from, { destination: this.url(to), overwrite: overwrite ? 'T' : 'F' });
    if (res.status !== 201 && res.status !== 204) this.fail(res, `moving ${from} to ${to}`);
  }

  /** Deleting what is already gone is not an error. */
  async delete(path: string): Promise<void> {
    const res = await this.send('DELETE', path);
    if (res.status !== 204 && res.status !== 200 && res.status !== 404) this.fail(res, `deleting ${path}`);
  }

  /** Makes the folder and any missing parent; folders known to exist are not asked again. */
  async ensureDir(path: string): Promise<void> {
    const segments = path.split('/').filter(Boolean);
    for (let i = 1; i <= segments.length; i++) {
      const dir = `${segments.slice(0, i).join('/')}/`;
      if (this.made.has(dir)) continue;
      const res = await this.send('MKCOL', dir);
      // 405: it exists already. 301 is Apache pointing at the same folder with a slash.
      if (res.status !== 201 && res.status !== 405 && res.status !== 301) this.fail(res, `making the folder ${dir}`);
      this.made.add(dir);
    }
  }
}
