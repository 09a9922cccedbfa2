import { AppFailure } from '../errors';

// lib/workspace/ — the team workspace on the team's own WebDAV server: the HTTP seam (http.ts), the
// WebDAV client (dav.ts), where things live on the server (layout.ts), what is published (summary.ts,
// publish.ts), what is pulled (pull.ts, open.ts) and the queue of network work (queue.ts, sync.ts).
// It may import lib/ core, lib/bundle and lib/db; nothing here touches `browser.*`.

/** What went wrong with the server, in the terms the UI words and the queue decides retries by. */
export type WorkspaceProblem =
  | 'unreachable' // network error, refused connection, TLS failure
  | 'auth' // 401
  | 'forbidden' // 403
  | 'locked' // 423
  | 'full' // 507
  | 'server' // 5xx other than 507, or an answer we cannot use
  | 'busy' // 412 on a file we just wrote: its ETag is still weak; retry shortly
  | 'conflict' // 412 otherwise: someone else wrote first
  | 'not-author' // the session on the server belongs to someone else
  | 'deleted' // the session was deleted from the workspace (tombstone)
  | 'redirect' // a redirect, which we never follow
  | 'insecure' // a URL we refuse to send a password to
  | 'corrupt' // a file on the server failed validation
  | 'missing' // a file that should be there is not
  | 'not-connected'
  | 'cancelled';

/** Problems that fix themselves (or that a later attempt may find fixed): the queue retries them with backoff. */
export const TRANSIENT: ReadonlySet<WorkspaceProblem> = new Set(['unreachable', 'locked', 'full', 'server', 'busy', 'missing']);

export function workspaceSentence(problem: WorkspaceProblem, detail = ''): string {
  const more = detail ? ` (${detail})` : '';
  switch (problem) {
    case 'unreachable':
      // The browser says no more than "Failed to fetch" for a refused connection and for a
      // certificate it does not trust alike, so the sentence covers both.
      return `The workspace server could not be reached${more}. Check the address and the network. If the server uses a self-signed certificate, the browser refuses it: open the server address in a tab once and accept (trust) its certificate, or install your team's certificate authority on this computer. Nothing on this device was changed; any work waiting to be sent is retried.`;
    case 'auth':
      return 'The server refused the password. Check the user name and the app password in Team workspace settings.';
    case 'forbidden':
      return `You are not allowed to write in this folder: the server refused access${more}. Ask its administrator for read and write rights, then retry.`;
    case 'locked':
      return 'The workspace folder is locked on the server; the work is queued and retried.';
    case 'full':
      return 'The server is full, so nothing more could be uploaded. Free space on the server; the work is queued and retried.';
    case 'server':
      return `The server had a problem${more}. Nothing on this device was changed; the work is queued and retried.`;
    case 'busy':
      return 'The server was still settling a file just written; the work is retried in a moment.';
    case 'conflict':
      return `Someone else published this session first${more}. Nothing was overwritten: both versions are kept, yours on this device. Make a copy to publish yours as a new session.`;
    case 'not-author':
      return `This session belongs to ${detail || 'another member'} in the team workspace, so it is read-only here. Make a copy to work on it.`;
    case 'deleted':
      return 'This session was deleted from the team workspace.';
    case 'redirect':
      return `The server answered with a redirect${more}, which is not followed so that the password never goes elsewhere. Enter the final address of the WebDAV folder.`;
    case 'insecure':
      return `That address is refused${more}. The workspace needs https:// (plain http:// only for localhost).`;
    case 'corrupt':
      return `A file in the workspace is damaged and was refused${more}; nothing on this device was changed.`;
    case 'missing':
      return `A file the workspace should hold is missing${more}.`;
    case 'not-connected':
      return 'No team workspace is connected. Connect one in Team workspace settings.';
    case 'cancelled':
      return 'Cancelled; nothing on this device was changed.';
  }
}

export function workspaceFailure(problem: WorkspaceProblem, detail = ''): AppFailure {
  return new AppFailure({ kind: 'workspace', problem, message: workspaceSentence(problem, detail) });
}

export function problemOf(e: unknown): WorkspaceProblem | null {
  if (e instanceof AppFailure && e.error.kind === 'workspace') return e.error.problem as WorkspaceProblem;
  return null;
}

/** The problem an HTTP status means; `justWrote` turns a 412 into "retry shortly". */
export function statusProblem(status: number, justWrote = false): WorkspaceProblem {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 423) return 'locked';
  if (status === 507) return 'full';
  if (status === 412) return justWrote ? 'busy' : 'conflict';
  if (status === 404) return 'missing';
  if (status >= 300 && status < 400) return 'redirect';
  return 'server';
}
