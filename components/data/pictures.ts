import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { loadImage } from './reads';
import { PENDING_THUMB_BYTES } from '@/lib/vocabulary';
import type { CapturePreview } from '@/lib/messages';
import type { Screenshot } from '@/lib/schemas';

// A step's picture (its first screenshot's thumbnail, or the full image until the thumbnail
// lands), as a URL. A capture this panel asked for sends its pixels ahead of its commit
// (expectPicture): the panel decodes them while the background stores them, and the card that
// lists the stored step takes them in its first render instead of reading the image file back.
// Nothing unstored is ever shown: only a card, and a card lists a step from stored records (the
// capture's reply, which comes after the commit, or the live query); a capture that failed drops
// its pixels unseen (dropPicture).

type Shot = Pick<Screenshot, 'id' | 'thumbBytes' | 'annotations'>;

/** Changes when the picture does: the thumbnail landed, or was redrawn for an annotation. */
export const pictureVersion = (shot: Shot | undefined) => shot && `${shot.id}:${shot.thumbBytes}:${shot.annotations.length}`;

// Pictures given ahead and not yet taken by a card, by version; dropped if no card takes them soon.
// The image is held so that its decode, started on arrival, is not thrown away before the card.
const ahead = new Map<string, { url: string; image: HTMLImageElement | null }>();
const UNCLAIMED_MS = 30_000;

/** A capture's screenshot as it is first stored: no thumbnail yet, no annotations. */
const justCaptured = (screenshotId: string) => pictureVersion({ id: screenshotId, thumbBytes: PENDING_THUMB_BYTES, annotations: [] })!;

/**
 * Starts decoding pixels this page holds (its own capture, before the background has stored
 * it); the image is handed to expectPicture once the stored screenshot's id is known.
 */
export function decodeAhead(dataUrl: string): HTMLImageElement | null {
  // A data URL is loaded in place: no blob, no object URL to revoke, nothing to fetch.
  const image = typeof Image === 'function' ? new Image() : null;
  if (image) {
    image.src = dataUrl;
    image.decode().catch(() => undefined);
  }
  return image;
}

/**
 * The pixels of a capture in flight: decoding starts now (or started with decodeAhead), and the
 * card of the stored screenshot takes them (useStepPicture). Shown only by such a card, so never
 * before the commit.
 */
export function expectPicture({ screenshotId, dataUrl }: CapturePreview, image: HTMLImageElement | null = decodeAhead(dataUrl)): void {
  const version = justCaptured(screenshotId);
  ahead.set(version, { url: dataUrl, image });
  setTimeout(() => {
    if (ahead.get(version)?.url === dataUrl) ahead.delete(version);
  }, UNCLAIMED_MS);
}

/** The capture failed: its pixels go unseen. */
export function dropPicture(screenshotId: string): void {
  ahead.delete(justCaptured(screenshotId));
}

/** Takes a picture given ahead: the caller owns (and revokes) the URL. */
function take(version: string) {
  const found = ahead.get(version);
  ahead.delete(version);
  return found?.url;
}

async function readUrl(screenshotId: string) {
  const blob = await loadImage(screenshotId, 'thumb');
  return blob && URL.createObjectURL(blob);
}

/** The URL of a screenshot's picture, revoked when it changes or the card goes. */
export function useStepPicture(shot: Shot | undefined): string | undefined {
  const version = pictureVersion(shot);
  // A picture given ahead is in the card's first render already.
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
      // A data URL given ahead needs no revoking (revoking one does nothing).
      if (created) URL.revokeObjectURL(created);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  return url;
}
