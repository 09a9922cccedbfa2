// Starts Debian's Apache httpd with mod_dav on 127.0.0.1 (config: webdav/httpd.conf.template) for the
// team-workspace tests and bench. Each call gets its own temporary ServerRoot, port and users.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEMPLATE = new URL('./webdav/httpd.conf.template', import.meta.url);
export const APACHE = process.env.APACHE_BIN ?? '/usr/sbin/apache2';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/** Apache refuses to serve as root, so as root the files belong to www-data and it switches to it. */
function serviceAccount() {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('www-data:'));
  if (!line) throw new Error('running as root, but there is no www-data user for Apache to switch to');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(path, account) {
  chownSync(path, account.uid, account.gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), account);
}

/**
 * @param {{ users?: Record<string, string>, folders?: string[] }} [options] users: name → password
 *   ({SHA} hashes, which Apache's basic auth reads); folders: made under the DAV root beforehand.
 * @returns {Promise<{ origin: string, url: (path: string) => string, dir: string, accessLog: string, port: number, stop: () => Promise<void> }>}
 */
export async function startWebdav({ users = { alice: 'alice-pass', bob: 'bob-pass' }, folders = ['team'] } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'ms-webdav-'));
  const dav = join(root, 'dav');
  mkdirSync(dav);
  for (const folder of folders) mkdirSync(join(dav, folder), { recursive: true });
  const sha = (p) => createHash('sha1').update(p).digest('base64');
  writeFileSync(join(root, 'htpasswd'), Object.entries(users).map(([u, p]) => `${u}:{SHA}${sha(p)}\n`).join(''));
  const account = serviceAccount();
  const port = await freePort();
  const conf = readFileSync(TEMPLATE, 'utf8')
    .replaceAll('@@ROOT@@', root)
    .replaceAll('@@PORT@@', String(port))
    .replace('@@USER@@', account ? 'User www-data\nGroup www-data' : '');
  writeFileSync(join(root, 'httpd.conf'), conf);
  if (account) chownTree(root, account);

  const child = spawn(APACHE, ['-X', '-f', join(root, 'httpd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`apache2 exited at start: ${stderr || readLog(root)}`);
    try {
      const res = await fetch(`${origin}/`, { method: 'OPTIONS' });
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`apache2 did not answer on ${origin}: ${stderr || readLog(root)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    origin,
    port,
    dir: dav,
    /** Apache's access log: method, path, status, bytes in, bytes out (headers included). */
    accessLog: join(root, 'access.log'),
    url: (path) => `${origin}${path}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function readLog(root) {
  try {
    return readFileSync(join(root, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
