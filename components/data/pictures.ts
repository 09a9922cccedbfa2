import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { loadImage } from './reads';
import { PENDING_THUMB_BYTES } from '@/lib/vocabulary';
import { dataUrlBytes, thumbnailOfBytes } from '@/lib/capture/encode';
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
const ahead = new Map<string, Picture>();
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

export interface Picture {
  url: string;
  image: HTMLImageElement | null;
}

/**
 * A capture's pixels made into its card's picture in this page, while the background stores them:
 * the thumbnail the background makes after its reply (lib/capture/encode.ts), drawn here from a
 * decode straight to its size, and decoded. The card then decodes a few KB instead of a whole
 * screen, which took as long as the capture itself. The full image, decoding, if that fails.
 */
export async function quickPicture(dataUrl: string): Promise<Picture> {
  try {
    const { blob } = await thumbnailOfBytes(dataUrlBytes(dataUrl).bytes);
    const url = URL.createObjectURL(blob);
    const image = new Image();
    image.src = url;
    await image.decode().catch(() => undefined);
    return { url, image };
  } catch {
    return { url: dataUrl, image: decodeAhead(dataUrl) };
  }
}

/** How many bytes a base64 data URL holds, counted without decoding it. */
export function base64Bytes(dataUrl: string): number {
  const text = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

const letGo = (url: string | undefined) => url?.startsWith('blob:') && URL.revokeObjectURL(url);

/**
 * The pixels of a capture in flight: decoding starts now (or started with decodeAhead or
 * quickPicture), and the card of the stored screenshot takes them (useStepPicture). Shown only
 * by such a card, so never before the commit.
 */
export function expectPicture({ screenshotId, dataUrl }: CapturePreview, picture: Picture = { url: dataUrl, image: decodeAhead(dataUrl) }): void {
  holdAhead(justCaptured(screenshotId), picture);
}

/**
 * A capture's thumbnail sent ahead of its commit (an element close-up's, a few KB, made before the
 * reply): decoding starts now, and the card that lists the stored screenshot takes it in its first
 * render instead of reading the image file back.
 */
export function expectThumbnail({ screenshotId, dataUrl }: CapturePreview): void {
  holdAhead(pictureVersion({ id: screenshotId, thumbBytes: base64Bytes(dataUrl), annotations: [] })!, { url: dataUrl, image: decodeAhead(dataUrl) });
}

function holdAhead(version: string, picture: Picture): void {
  ahead.set(version, picture);
  setTimeout(() => {
    if (ahead.get(version) !== picture) return;
    ahead.delete(version);
    letGo(picture.url);
  }, UNCLAIMED_MS);
}

/** The capture failed: its pixels go unseen, whichever picture of it was given ahead. */
export function dropPicture(screenshotId: string): void {
  for (const [version, picture] of ahead) {
    if (!version.startsWith(`${screenshotId}:`)) continue;
    letGo(picture.url);
    ahead.delete(version);
  }
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
      // A data URL given ahead needs no revoking (revoking one does nothing); a blob URL does.
      if (created) URL.revokeObjectURL(created);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  return url;
}
