import { useEffect, useRef, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { imageBlob, screenshotsOfStep } from '@/lib/db/queries';
import type { Screenshot } from '@/lib/schemas';

// A step's picture (its first screenshot's thumbnail, or the full image until the thumbnail
// lands), as an object URL. The panel reads a step it has just captured ahead of the render
// that lists it (preloadStepPicture, on the capture's reply), so the card shows its picture in
// its first frame instead of listing, then reading, then drawing again. What is read is what
// the background committed: the reply comes only after the step's transaction.

type Shot = Pick<Screenshot, 'id' | 'thumbBytes' | 'annotations'>;

/** Changes when the picture does: the thumbnail landed, or was redrawn for an annotation. */
export const pictureVersion = (shot: Shot | undefined) => shot && `${shot.id}:${shot.thumbBytes}:${shot.annotations.length}`;

// Read ahead and not yet taken by a card, by version; revoked if no card takes them soon.
const ahead = new Map<string, Promise<string | undefined>>();
const aheadReady = new Map<string, string>();
const UNCLAIMED_MS = 30_000;

async function readUrl(screenshotId: string) {
  const blob = await imageBlob(getDb(), screenshotId, 'thumb');
  return blob && URL.createObjectURL(blob);
}

/** Reads the picture of a step just committed, for its card's first render. */
export function preloadStepPicture(stepId: string) {
  void screenshotsOfStep(getDb(), stepId).then((shots) => {
    const version = pictureVersion(shots[0]);
    if (!version || ahead.has(version)) return;
    const url = readUrl(shots[0]!.id);
    ahead.set(version, url);
    void url.then((u) => {
      if (!u || !ahead.has(version)) return;
      aheadReady.set(version, u);
      setTimeout(() => {
        if (ahead.get(version) !== url) return;
        ahead.delete(version);
        aheadReady.delete(version);
        URL.revokeObjectURL(u);
      }, UNCLAIMED_MS);
    });
  });
}

/** Takes a picture read ahead: the caller owns (and revokes) the URL. */
function take(version: string) {
  const pending = ahead.get(version);
  ahead.delete(version);
  const ready = aheadReady.get(version);
  aheadReady.delete(version);
  return { ready, pending };
}

/** The object URL of a screenshot's picture, revoked when it changes or the card goes. */
export function useStepPicture(shot: Shot | undefined): string | undefined {
  const version = pictureVersion(shot);
  // A picture read ahead and ready is in the card's first render already.
  const first = useRef<{ version?: string; ready?: string; pending?: Promise<string | undefined> } | null>(null);
  if (first.current === null) first.current = version ? { version, ...take(version) } : {};
  const [url, setUrl] = useState<string | undefined>(first.current.ready);
  useEffect(() => {
    if (!version || !shot) return;
    const got = first.current?.version === version ? first.current : take(version);
    first.current = {};
    let created = got.ready;
    let cancelled = false;
    if (created) setUrl(created);
    else
      void (got.pending ?? readUrl(shot.id)).then((u) => {
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
