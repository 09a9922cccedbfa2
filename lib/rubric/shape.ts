import { z } from 'zod';

// The zod boundary check of a rubric from outside (a request, an imported file). Apart from
// ./validation so that the editor's inline checks load no zod in pages.

const id = z.string().min(1).max(64);
// Generous caps that only a hostile input reaches; the real limits are checked below with
// messages a user can act on.
const text = z.string().max(2_000);

/**
 * The shape of a rubric arriving from outside (a page's message, an imported file): strict,
 * typed and bounded. What a person can get wrong while editing is left to validateRubric, so
 * that the editor, the background and import all word it the same way.
 */
export const RubricShapeSchema = z.strictObject({
  id,
  name: text,
  description: text.default(''),
  pillars: z.array(z.strictObject({ id, name: text, description: text.default(''), weight: z.number() })).max(100),
  scale: z.strictObject({ min: z.number().int(), max: z.number().int(), labels: z.array(text).max(100) }),
});
