// The fixed word lists of the domain, apart from lib/schemas.ts so that extension pages can show
// them without bundling zod (pages only read; the background validates). Imports only types.

import type { ImageVariant } from './schemas';

// Nielsen's severity scale, the vocabulary usability practitioners already use.
export const SEVERITY_LABELS = ['None', 'Cosmetic', 'Minor', 'Major', 'Blocker'] as const;

export const EMOTION_LABELS = ['Very negative', 'Negative', 'Neutral', 'Positive', 'Very positive'] as const;

// The friction vocabulary offered on every step; shoppers may add their own words too.
export const FRICTION_TAGS = [
  'confusing',
  'slow',
  'broken',
  'dead end',
  'missing information',
  'inconsistent with promise',
  'dark pattern',
  'accessibility',
] as const;

// The pens of the screenshot annotator.
export const ANNOTATION_COLORS = ['#d92d20', '#f79009', '#1570ef', '#12b76a', '#101828'] as const;

/**
 * thumbBytes of a screenshot whose thumbnail is still to be made (a real image is never 0 bytes).
 * Here, not in lib/step/commit.ts, so that the panel can name it without bundling zod.
 */
export const PENDING_THUMB_BYTES = 0;

/** The key of one stored image (lib/schemas.ts, StoredImage): a screenshot's full image or thumbnail. */
export const imageKey = (screenshotId: string, variant: ImageVariant) => `${screenshotId}/${variant}`;

/**
 * How a visible capture is encoded, by the background or by the panel taking it itself: JPEG q85
 * as Chrome makes it, stored as it comes (README, Capture at the speed of the browser).
 */
export const CAPTURE_FORMAT = { format: 'jpeg', quality: 85 } as const;
