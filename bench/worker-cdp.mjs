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
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const message = JSON.parse(e.message);
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
    /** JS heap + ArrayBuffer backing stores of the worker, in bytes. */
    heap: async () => {
      const u = await send('Runtime.getHeapUsage');
      return u.usedSize + (u.backingStorageSize ?? 0);
    },
    gc: () => send('HeapProfiler.collectGarbage').catch(() => undefined),
    detach: () => cdp.detach().catch(() => undefined),
  };
}

/** Peak of `heap()` above its level before `action`, sampled every 10 ms, and the action's time. */
export async function peakDuring(heap, gc, action) {
  await gc();
  const base = await heap();
  let peak = base;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await heap().catch(() => peak));
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
  return { ms: performance.now() - t0, peakBytes: peak - base };
}
