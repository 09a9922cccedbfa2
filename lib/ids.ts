// crypto.randomUUID is in every extension context (pages and service worker) and in Node,
// so no id library is needed.
export const newId = (): string => crypto.randomUUID();
