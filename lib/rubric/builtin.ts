import type { Rubric, Scale } from '../schemas';

// lib/rubric/ — rubrics: the built-in templates (builtin.ts), what a valid rubric is (validation.ts),
// the editor's draft (draft.ts), rubric files in and out (io.ts) and the team's saved rubrics
// (store.ts, the only one that touches db/). May import core and db/; nothing above.

// Built-in templates. A session copies the chosen one (see SessionSchema.rubric), so these
// may be reworded in later releases without changing any past audit's scores.

export const PROMISE_SCALE: Scale = {
  min: 1,
  max: 5,
  labels: ['Breaks the promise', 'Falls short', 'Neutral', 'Keeps the promise', 'Exceeds the promise'],
};

const pillar = (id: string, name: string, description: string) => ({ id, name, description, weight: 1 });

export const FIVE_PRINCIPLES: Rubric = {
  id: 'tpl-five-principles',
  name: 'Five Principles of Good CX',
  description: 'Five tests every step of a customer experience should pass.',
  scale: PROMISE_SCALE,
  pillars: [
    pillar('get-it-right', 'Get it right', 'The step does what the customer came for, correctly, the first time.'),
    pillar('communicate', 'Communicate', 'The customer knows what is happening, what comes next and when.'),
    pillar('take-on-the-stress', 'Take on the stress', 'The brand absorbs the effort and complexity, not the customer.'),
    pillar('no-near-misses', 'No near-misses', 'No error, dead end or trap that nearly loses the customer.'),
    pillar('every-customer-elite', 'Every customer elite', 'Every customer is treated like the most valued one.'),
  ],
};

export const BRAND_PROMISE: Rubric = {
  id: 'tpl-brand-promise',
  name: 'Brand promise',
  description: "Score each step against three pillars of the brand's own promise.",
  scale: PROMISE_SCALE,
  pillars: [
    pillar('effortless', 'Effortless', 'Getting things done takes little time, thought or effort.'),
    pillar('transparent', 'Transparent', 'Prices, terms and next steps are clear and honest.'),
    pillar('human', 'Human', 'The experience feels warm, personal and respectful.'),
  ],
};

export const NIELSEN_HEURISTICS: Rubric = {
  id: 'tpl-nielsen',
  name: "Nielsen's 10 usability heuristics",
  description: 'The classic usability heuristics, scored per step.',
  scale: { min: 1, max: 5, labels: ['Severe violation', 'Violation', 'Neutral', 'Good', 'Exemplary'] },
  pillars: [
    pillar('visibility', 'Visibility of system status', 'The system keeps users informed with timely feedback.'),
    pillar('match', 'Match with the real world', "Speaks the users' language, with familiar concepts."),
    pillar('control', 'User control and freedom', 'Clear exits, undo and redo.'),
    pillar('consistency', 'Consistency and standards', 'Same words and actions mean the same thing.'),
    pillar('error-prevention', 'Error prevention', 'Design prevents problems before they occur.'),
    pillar('recognition', 'Recognition over recall', 'Options and information are visible when needed.'),
    pillar('flexibility', 'Flexibility and efficiency', 'Shortcuts for experts without hurting novices.'),
    pillar('minimalism', 'Aesthetic and minimalist design', 'No irrelevant or rarely needed information.'),
    pillar('recovery', 'Help users recover from errors', 'Errors are plain, precise and suggest a fix.'),
    pillar('help', 'Help and documentation', 'Help is easy to search and focused on the task.'),
  ],
};

export const BUILT_IN_RUBRICS: readonly Rubric[] = [FIVE_PRINCIPLES, BRAND_PROMISE, NIELSEN_HEURISTICS];

export const DEFAULT_STAGE_NAMES = ['Discover', 'Choose', 'Buy', 'Get help'] as const;

export function findBuiltInRubric(id: string): Rubric | undefined {
  return BUILT_IN_RUBRICS.find((r) => r.id === id);
}

/**
 * The scales a team may pick in the rubric editor, with starting labels. Odd lengths keep a
 * neutral middle; 1–10 has none, which some teams prefer precisely to force a side.
 */
export const SCALE_CHOICES: readonly Scale[] = [
  PROMISE_SCALE,
  {
    min: 1,
    max: 7,
    labels: ['Breaks the promise', 'Falls well short', 'Falls short', 'Neutral', 'Keeps the promise', 'Keeps it well', 'Exceeds the promise'],
  },
  {
    min: 1,
    max: 10,
    labels: ['Breaks the promise', 'Very poor', 'Poor', 'Below par', 'Adequate', 'Fair', 'Good', 'Keeps the promise', 'Very good', 'Exceeds the promise'],
  },
];
