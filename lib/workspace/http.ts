import { workspaceFailure } from './errors';

// The one seam between the workspace and the network. Tests replace it with a fake server; the
// extension uses fetchHttp. Bodies are whole byte arrays: a service worker has no upload progress,
// so progress is counted per file by the callers.

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  header(name: string): string | null;
  body: Uint8Array;
}

export type Http = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * fetch, made safe for a password: no cookies (Nextcloud answers "CSRF check failed" when the
 * browser's own session cookie rides along), no cache, and redirects never followed (a redirect
 * could carry the Authorization header to another origin or down to plain HTTP).
 */
export function fetchHttp(fetchImpl: typeof fetch = fetch): Http {
  return async ({ method, url, headers, body, signal }) => {
    let res: Response;
    try {
      res = await fetchImpl(url, {
        method,
        headers,
        // As a Blob: Chromium's service worker sends a byte-array body many times slower than the
        // same bytes as a Blob (a PUT of 60 KB: tens of ms of the worker's thread against a few; bench/workspace.mjs).
        body: body ? new Blob([body as Uint8Array<ArrayBuffer>]) : undefined,
        signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'manual',
        referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      if (signal?.aborted) throw workspaceFailure('cancelled');
      throw workspaceFailure('unreachable', e instanceof Error ? e.message : String(e));
    }
    // A manual redirect is an opaque answer with status 0 in browsers, a 3xx in Node.
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304))
      throw workspaceFailure('redirect', res.headers.get('location') ? `to ${new URL(res.headers.get('location')!, url).origin}` : '');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch {
      // The connection was cut mid-download.
      if (signal?.aborted) throw workspaceFailure('cancelled');
      throw workspaceFailure('unreachable', 'the connection was cut during a download');
    }
    return { status: res.status, header: (name) => res.headers.get(name), body: bytes };
  };
}
