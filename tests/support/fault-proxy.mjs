// A small HTTP proxy that sits between a client and the test WebDAV server and injects faults on
// demand: answer a status, redirect elsewhere, delay, hold a request until cleared, or cut the
// connection after N bytes of the upload or download.
// Tests toggle faults while it runs; every request is logged so a test can see what was asked.
import { createServer, request as forward } from 'node:http';

/**
 * @typedef {{ method?: string, path?: RegExp }} Match
 * @typedef {{ status: number } | { redirect: number, location: string } | { delayMs: number } | { cutUploadAfter: number } | { cutDownloadAfter: number } | { refuse: true } | { hold: true } | { pass: true }} Fault
 *   redirect: answers that 3xx status with that Location; hold: the request waits, unanswered, until
 *   clear() (which cuts it) — a sync stopped mid-upload at a known point, whatever the machine's
 *   speed; pass: forwarded untouched (to let the first N matching requests through before a fault).
 * @typedef {{ match: Match, fault: Fault, times: number }} Rule
 */

/** @param {{ target: string }} options target: the server's origin, e.g. http://127.0.0.1:8080 */
export async function startFaultProxy({ target }) {
  const upstream = new URL(target);
  /** @type {Rule[]} */
  let rules = [];
  /** @type {Array<{ method: string, path: string, status: number | 'cut' | 'held' }>} */
  const log = [];
  /** Requests held until clear(). @type {Set<import('node:http').IncomingMessage>} */
  const held = new Set();

  const matches = (/** @type {Match} */ m, /** @type {import('node:http').IncomingMessage} */ req) =>
    (!m.method || m.method === req.method) && (!m.path || m.path.test(req.url ?? ''));

  const server = createServer(async (req, res) => {
    const rule = rules.find((r) => r.times > 0 && matches(r.match, req));
    if (rule) rule.times--;
    const fault = rule?.fault;
    const entry = { method: req.method ?? '', path: req.url ?? '', status: /** @type {number | 'cut' | 'held'} */ (0) };
    log.push(entry);
    if (fault && 'refuse' in fault) {
      entry.status = 'cut';
      req.socket.destroy();
      return;
    }
    if (fault && 'hold' in fault) {
      entry.status = 'held';
      held.add(req);
      req.socket.once('close', () => held.delete(req));
      return;
    }
    if (fault && 'redirect' in fault) {
      req.resume();
      req.on('end', () => {
        entry.status = fault.redirect;
        res.writeHead(fault.redirect, { location: fault.location, 'content-type': 'text/plain', connection: 'close' });
        res.end(`moved to ${fault.location}`);
      });
      return;
    }
    if (fault && 'status' in fault) {
      // Drain the body first, as a real server answering early would make the client see a reset.
      req.resume();
      req.on('end', () => {
        entry.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/plain', connection: 'close' });
        res.end(`injected ${fault.status}`);
      });
      return;
    }
    if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));

    const out = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (fault && 'cutDownloadAfter' in fault) {
          let sent = 0;
          answer.on('data', (chunk) => {
            if (sent >= fault.cutDownloadAfter) return;
            const room = fault.cutDownloadAfter - sent;
            res.write(chunk.subarray(0, room));
            sent += Math.min(room, chunk.length);
            if (sent >= fault.cutDownloadAfter) {
              entry.status = 'cut';
              answer.destroy();
              res.socket?.destroy();
            }
          });
          answer.on('end', () => res.end());
        } else answer.pipe(res);
      },
    );
    out.on('error', () => res.socket?.destroy());
    if (fault && 'cutUploadAfter' in fault) {
      let got = 0;
      req.on('data', (chunk) => {
        got += chunk.length;
        if (got >= fault.cutUploadAfter) {
          entry.status = 'cut';
          out.destroy();
          req.socket.destroy();
        } else out.write(chunk);
      });
      req.on('end', () => out.end());
    } else req.pipe(out);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    log,
    /** Adds a fault for the next `times` matching requests (default: until cleared). */
    inject(/** @type {Match} */ match, /** @type {Fault} */ fault, times = Infinity) {
      rules.push({ match, fault, times });
    },
    /** Removes every fault; held requests are cut, never forwarded late. */
    clear() {
      rules = [];
      for (const req of held) req.socket.destroy();
      held.clear();
    },
    /** How many requests are held right now. */
    held: () => held.size,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
