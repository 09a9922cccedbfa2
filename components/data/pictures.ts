import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { shotsOfStep } from '@/lib/db/queries';
import { loadImage } from './reads';
import type { Screenshot } from '@/lib/schemas';

// A step's picture (its first screenshot's thumbnail, or the full image until the thumbnail
// lands), as an object URL. The panel reads a step it has just captured on the capture's reply
// (readStepAhead), beside the live query, and lists it from what it read: the card shows its
// picture in its first frame instead of waiting for the live read, listing, then reading, then
// drawing again. What is read is what the background committed: the reply comes only after the
// step's transaction (and its image file, written before it).

type Shot = Pick<Screenshot, 'id' | 'thumbBytes' | 'annotations'>;

/** Changes when the picture does: the thumbnail landed, or was redrawn for an annotation. */
export const pictureVersion = (shot: Shot | undefined) => shot && `${shot.id}:${shot.thumbBytes}:${shot.annotations.length}`;

// Read ahead and not yet taken by a card, by version; revoked if no card takes them soon.
const ahead = new Map<string, string>();
const UNCLAIMED_MS = 30_000;

async function readUrl(screenshotId: string) {
  const blob = await loadImage(screenshotId, 'thumb');
  return blob && URL.createObjectURL(blob);
}

/**
 * Reads a step just committed — its screenshot records, and its picture as an object URL kept
 * for the card's first render; resolves with the records.
 */
export async function readStepAhead(stepId: string): Promise<Screenshot[]> {
  // Records first, then the picture (a file in OPFS, or an older profile's row): both were
  // committed before the reply that asked for this read.
  const shots = await shotsOfStep(getDb(), stepId);
  const picture = shots[0] ? await loadImage(shots[0].id, 'thumb') : undefined;
  const version = pictureVersion(shots[0]);
  if (!version || !picture || ahead.has(version)) return shots;
  const url = URL.createObjectURL(picture);
  ahead.set(version, url);
  // A card that listed the step first reads its picture itself: this one is then never taken.
  setTimeout(() => {
    if (ahead.get(version) !== url) return;
    ahead.delete(version);
    URL.revokeObjectURL(url);
  }, UNCLAIMED_MS);
  return shots;
}

/** Takes a picture read ahead: the caller owns (and revokes) the URL. */
function take(version: string) {
  const url = ahead.get(version);
  ahead.delete(version);
  return url;
}

/** The object URL of a screenshot's picture, revoked when it changes or the card goes. */
export function useStepPicture(shot: Shot | undefined): string | undefined {
  const version = pictureVersion(shot);
  // A picture read ahead is in the card's first render already.
  const first = useRef<{ version?: string; url?: string } | null>(null);
  if (first.current === null) first.current = version ? { version, url: take(version) } : {};
  const [url, setUrl] = useState<string | undefined>(first.current.url);
  // Before paint: a card listed without its picture starts reading it a frame sooner.
  useLayoutEffect(() => {
    if (!version || !shot) return;
    let created = first.current?.version === version ? first.current.url : take(version);
    first.current = {};
    let cancelled = false;
    if (created) setUrl(created);
    else
      void readUrl(shot.id).then((u) => {
        if (cancelled) return u && URL.revokeObjectURL(u);
        created = u;
        if (u) setUrl(u);
      });
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  return url;
}
