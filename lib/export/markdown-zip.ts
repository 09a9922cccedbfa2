import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Session, Step } from '../schemas';
import { renderMarkdown, type MarkdownImage } from './markdown';

export interface StepImage {
  stepId: string;
  bytes: Uint8Array;
  mimeType: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** report.md plus images/step-NN-K.ext, as one zip a wiki or tracker upload takes whole. */
export function buildMarkdownZip(session: Session, steps: readonly Step[], images: readonly StepImage[]): Uint8Array {
  const order = new Map([...steps].sort((a, b) => a.position - b.position).map((s, i) => [s.id, i + 1]));
  const files: Zippable = {};
  const refs: MarkdownImage[] = [];
  const perStep = new Map<string, number>();
  for (const image of images) {
    const n = order.get(image.stepId);
    const ext = EXTENSIONS[image.mimeType];
    if (n === undefined || !ext) continue;
    const k = (perStep.get(image.stepId) ?? 0) + 1;
    perStep.set(image.stepId, k);
    const path = `images/step-${String(n).padStart(2, '0')}-${k}.${ext}`;
    // Already compressed: store, don't deflate again.
    files[path] = [image.bytes, { level: 0 }];
    refs.push({ stepId: image.stepId, path });
  }
  files['report.md'] = strToU8(renderMarkdown(session, steps, refs));
  return zipSync(files, { level: 6 });
}
