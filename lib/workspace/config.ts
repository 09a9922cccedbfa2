import { z } from 'zod';
import { workspaceFailure } from './errors';

// Where the workspace is and who this member is. Kept in storage.local on this device only: never in
// a bundle, a report or a log (the password included).

export const WorkspaceConfigSchema = z.strictObject({
  /** The WebDAV folder's URL, normalised: ends with "/". */
  folderUrl: z.string().url().max(2000),
  user: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
  /** One per person (not per device): the author of what this person publishes. */
  memberId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  memberName: z.string().trim().min(1).max(100),
});
export type WorkspaceConfig = z.infer<typeof WorkspaceConfigSchema>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The folder's URL from what the user typed (server address plus folder). HTTPS is required, so the
 * password never crosses a network in clear; plain HTTP is allowed for loopback only (tests, a local
 * NAS tunnel). Throws a workspace failure of kind 'insecure' saying why.
 */
export function workspaceUrl(server: string, folder: string): string {
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    throw workspaceFailure('insecure', `"${server.trim().slice(0, 100)}" is not a web address`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw workspaceFailure('insecure', url.protocol === 'http:' ? 'plain http:// would send the password in clear' : `${url.protocol} is not a web address`);
  if (url.username || url.password) throw workspaceFailure('insecure', 'put the user name and password in their own fields, not in the address');
  url.search = '';
  url.hash = '';
  const segments = [...url.pathname.split('/'), ...folder.split('/')].map((s) => s.trim()).filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.')) throw workspaceFailure('insecure', 'the folder may not contain "." or ".."');
  url.pathname = `/${segments.map((s) => encodeURIComponent(decodeURIComponentSafe(s))).join('/')}${segments.length ? '/' : ''}`;
  return url.href;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The Authorization header for basic auth; UTF-8 user names and passwords encoded as RFC 7617 asks. */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}
