import type { AppDB } from '../db';
import type { BundleData, DescribedImage } from '../bundle/export';
import { recordsForExport, withThumbStandIns } from '../bundle/write';
import { sha256Hex, sniffImage } from '../bundle/format';
import { imageKey } from '../schemas';
import { imageDigests, readImage } from '../storage/images';
import { workspaceFailure } from './errors';

// What a publish sends, gathered without reading the images: each is named by the digest kept
// beside it (lib/storage/images.ts), and its bytes are read only when it is sent, and only if the
// server lacks it. A republish of a session whose images are all on the server reads none of them.

export interface PublishImage extends DescribedImage {
  /** The bytes to send (the stored file itself: no copy), read when it is sent. */
  body(): Promise<Blob | Uint8Array>;
}

export interface PublishData extends Pick<BundleData, 'sessions' | 'steps' | 'screenshots'> {
  images: PublishImage[];
}

/** From records and bytes in memory (tests, the bench's seeding): each image hashed here. */
export async function publishDataOf(data: BundleData): Promise<PublishData> {
  const hashes = await Promise.all(data.images.map((image) => sha256Hex(image.bytes)));
  const images = data.images.map((image, i) => ({
    id: image.id,
    screenshotId: image.screenshotId,
    variant: image.variant,
    mimeType: image.mimeType,
    sniffed: sniffImage(image.bytes),
    size: image.bytes.length,
    sha256: hashes[i]!,
    body: async () => image.blob ?? image.bytes,
  }));
  return { sessions: data.sessions, steps: data.steps, screenshots: data.screenshots, images };
}

/**
 * One session as this device stores it. An image is declared as what its bytes are (its digest
 * sniffed them); a full image that is not its screenshot's type is refused by the bundle's checks.
 * When sent, the image is read and must still be the bytes its digest names: a write of that image
 * since (a redaction burned while this publish runs) fails the publish, to be retried, rather than
 * send new pixels under the old name. A write after the read fails the upload itself: a stored
 * file read after it changed cannot be read (lib/bundle/export.ts, ExportImage.blob).
 */
export async function publishDataFromDb(db: AppDB, sessionId: string): Promise<PublishData> {
  const records = await recordsForExport(db, [sessionId]);
  const keys = records.screenshots.flatMap((s) => [imageKey(s.id, 'full'), imageKey(s.id, 'thumb')]);
  const { digests, current } = await imageDigests(db, keys);
  const stored = records.screenshots.flatMap((shot) =>
    (['full', 'thumb'] as const).flatMap((variant) => {
      const digest = digests.get(imageKey(shot.id, variant));
      return digest ? [{ digest, screenshotId: shot.id, variant, id: digest.id }] : [];
    }),
  );
  const images = withThumbStandIns(records.screenshots, stored).map(({ digest, screenshotId, variant, id }) => ({
    id,
    screenshotId,
    variant,
    mimeType: digest.mimeType ?? '',
    sniffed: digest.mimeType,
    size: digest.size,
    sha256: digest.sha256,
    async body() {
      // digest.id: a stand-in thumbnail is its full image's file.
      const blob = await readImage(db, digest.id);
      if (!blob || blob.size !== digest.size || !current(digest.id)) throw workspaceFailure('busy');
      return blob;
    },
  }));
  return { ...records, images };
}
