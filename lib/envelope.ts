// How a request to the background is wrapped; apart from lib/messages.ts (which re-exports it)
// so that pages can send requests without loading the contract's zod schemas: the background
// validates every request at the boundary (lib/router.ts), pages only need the types.

/** The largest bundle a page may hand the background (checked in the contract and before sending). */
export const MAX_BUNDLE_BYTES = 2 * 1024 ** 3;

/** The runtime port long requests travel over (lib/channel.ts); a page also holds one open to hear the background stop. */
export const LONG_REQUEST_PORT = 'mystery-shopper-long';

/** Callers type name and payload by the contract (sendRequest, callOverPort); core imports no contract. */
export function requestEnvelope<N extends string, P>(name: N, payload: P) {
  return { channel: 'mystery-shopper' as const, name, payload };
}
