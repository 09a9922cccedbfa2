import { createSettleWatch, PAGE_SETTLED_CHANNEL, SETTLE_TOKEN_KEY } from '@/lib/capture/auto';

// Injected (isolated world) into the audited tab when auto-capture arms a page: waits until the
// page has settled, then tells the background, whose worker this message wakes if it was
// stopped meanwhile. The token to send back was set by the background just before.

const WATCH_KEY = '__mysteryShopperSettleWatch';
const LOAD_GIVE_UP_MS = 10_000;

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, unknown>;
  const existing = scope[WATCH_KEY] as ReturnType<typeof createSettleWatch> | undefined;
  if (existing) return void existing.restart();
  const watch = createSettleWatch(
    { now: () => Date.now(), schedule: (fn, ms) => setTimeout(fn, ms), cancel: (h) => clearTimeout(h as number) },
    () => {
      const token = scope[SETTLE_TOKEN_KEY];
      // The worker may be restarting; its reply does not matter, only that it hears.
      if (typeof token === 'string') browser.runtime.sendMessage({ channel: PAGE_SETTLED_CHANNEL, token }).catch(() => undefined);
    },
  );
  scope[WATCH_KEY] = watch;
  new MutationObserver(() => watch.activity()).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.readyState === 'complete') watch.loaded();
  else addEventListener('load', () => watch.loaded(), { once: true });
  // A page whose load never ends (a stalled image, a long poll) is still a page the shopper saw.
  setTimeout(() => watch.loaded(), LOAD_GIVE_UP_MS);
});
