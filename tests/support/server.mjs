// Serves the demo shop on 127.0.0.1 for `npm start`, the e2e tests and the benchmark.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../demo-shop/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

/**
 * @param {{ port?: number, slowMs?: number, extraPages?: Record<string, string>, redirects?: Record<string, string>, extraFiles?: Record<string, { type: string, body: string | Uint8Array }> }} [options]
 *   slowMs delays slow.html, the shop's deliberately slow page; extraPages adds test-only pages;
 *   redirects answers a path with a 302 to another; extraFiles serves other types (e.g. a PDF).
 * @returns {Promise<{ origin: string, url: (path: string) => string, close: () => Promise<void> }>}
 */
export async function startShop({ port = 0, slowMs = 2500, extraPages = {}, redirects = {}, extraFiles = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (redirects[path] !== undefined) {
      res.writeHead(302, { location: redirects[path], 'cache-control': 'no-store' });
      return res.end();
    }
    if (extraFiles[path] !== undefined) {
      res.writeHead(200, { 'content-type': extraFiles[path].type });
      return res.end(extraFiles[path].body);
    }
    if (extraPages[path] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(extraPages[path]);
    }
    const file = normalize(join(ROOT, path === '/' ? 'index.html' : path));
    if (!file.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep)) {
      res.writeHead(403);
      return res.end('Forbidden');
    }
    try {
      const body = await readFile(file);
      if (path.endsWith('/slow.html')) await new Promise((r) => setTimeout(r, slowMs));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end('<!doctype html><title>Not found</title><h1>Page not found</h1>');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    url: (p) => new URL(p, origin + '/').href,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}
