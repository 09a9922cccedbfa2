import { z } from 'zod';
import { PAGE_SETTLED_CHANNEL } from './auto';

// The one message a web page's frame may send us: the settle watch's "this page has settled".
// It carries only the token the background gave it; the background trusts nothing else in it.

export const PageSettledSchema = z.strictObject({
  channel: z.literal(PAGE_SETTLED_CHANNEL),
  token: z.string().min(1).max(64),
});
