import { readdirSync, readFileSync } from 'node:fs';
// The extension's service worker over CDP, from a page's session: its heap (JS and ArrayBuffer
// backing stores, Runtime.getHeapUsage) while it does the work, and Runtime.evaluate in it.
// Playwright cannot open a CDP session on a worker, so this attaches through the Target domain.

export async function attachWorker(context, page, extensionId) {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  const pending = new Map();
  const listeners = new Map();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const message = JSON.parse(e.message);
    if (message.method) for (const fn of listeners.get(message.method) ?? []) fn(message.params);
    const resolve = pending.get(message.id);
    if (!resolve) return;
    pending.delete(message.id);
    resolve(message);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  await send('Runtime.enable');
  return {
    send,
    /** Listens to the worker's CDP events (after enabling their domain with `send`). */
    on: (method, fn) => listeners.set(method, [...(listeners.get(method) ?? []), fn]),
    /** JS heap + ArrayBuffer backing stores of the worker, in bytes. */
    heap: async () => {
      const u = await send('Runtime.getHeapUsage');
      return u.usedSize + (u.backingStorageSize ?? 0);
    },
    gc: () => send('HeapProfiler.collectGarbage').catch(() => undefined),
    detach: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * The browser process of a profile (Chromium's main process: no --type= flag), whose resident
 * memory holds the Blobs pages make (Chrome keeps blob data there, not in the page's heap).
 */
export function browserProcessRss(profile) {
  const pid = readdirSync('/proc').find((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      return args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='));
    } catch {
      return false;
    }
  });
  if (!pid) return null;
  return async () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

/**
 * Peak of `heap()` above its level before `action`, sampled every 10 ms, and the action's time;
 * with `rss` (browserProcessRss), the browser process's resident memory peak above its level before too.
 */
export async function peakDuring(heap, gc, action, rss = null) {
  await gc();
  const base = await heap();
  const rssBase = rss ? await rss() : 0;
  let peak = base;
  let rssPeak = rssBase;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await heap().catch(() => peak));
      if (rss) rssPeak = Math.max(rssPeak, await rss().catch(() => rssPeak));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t0 = performance.now();
  try {
    await action();
  } finally {
    running = false;
    await sampler;
  }
  return { ms: performance.now() - t0, peakBytes: peak - base, rssPeakBytes: rss ? rssPeak - rssBase : null };
}
