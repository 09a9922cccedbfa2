// Servers on loopback for the workspace's connection tests: an HTTPS server with a certificate made
// here by openssl (self-signed, so the browser refuses it unless told to trust that one key), and a
// plain HTTP server that only records what reaches it (the "other origin" a redirect points to).
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttps } from 'node:https';
import { createServer as createHttp } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for 127.0.0.1, and the SPKI hash Chromium's trust switch takes. */
export function selfSignedCert() {
  const dir = mkdtempSync(join(tmpdir(), 'ms-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    return { cert, key, spkiHash: createHash('sha256').update(spki).digest('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} answer
 * @param {{ cert: string, key: string } | null} tls null: plain HTTP
 */
async function listen(answer, tls) {
  /** @type {Array<{ method: string, path: string, authorization: boolean }>} */
  const requests = [];
  /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} */
  const handler = (req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: !!req.headers.authorization });
    req.resume();
    req.on('end', () => answer(req, res));
  };
  const server = tls ? createHttps({ cert: tls.cert, key: tls.key }, handler) : createHttp(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** Records every request and answers 404: no request should ever reach it. */
export const startRecorder = () =>
  listen((_req, res) => {
    res.writeHead(404, { connection: 'close' });
    res.end();
  }, null);

/** An HTTPS server that answers every request with `status` and a Location (e.g. down to http://). */
export const startHttpsRedirector = (/** @type {{ cert: string, key: string }} */ tls, /** @type {number} */ status, /** @type {string} */ location) =>
  listen((_req, res) => {
    res.writeHead(status, { location, connection: 'close' });
    res.end();
  }, tls);
