import { browser } from 'wxt/browser';
import { readBundleContents, readSession, readSessionForExport } from '@/components/data/reads';
import { AppFailure } from '@/lib/errors';
import { exportCsv } from '@/lib/export/csv';
import { renderHtmlReport, type ReportScreenshot } from '@/lib/export/html-report';
import { buildMarkdownZip } from '@/lib/export/markdown-zip';
import { exportFileName } from '@/lib/export/names';
import { downloadBlob } from '@/lib/browser/files';
import { base64Ascii } from '@/lib/base64';
import type { ExportKind } from '@/components/ExportCard';
import { buildBundleParts } from '@/lib/bundle/export';
import { annotatedCopy } from '@/lib/capture/burn';
import type { Screenshot } from '@/lib/schemas';

/**
 * The image as the client sees it: stored pixels (redactions already burned in) with the
 * annotations drawn over them. Text labels become pixels here, never markup.
 */
const exportedImage = (screenshot: Screenshot, blob: Blob) => annotatedCopy(blob, screenshot.mimeType, screenshot.annotations);

/** A lossless .zip that another copy of the extension imports. */
async function exportBundle(sessionId: string): Promise<void> {
  const session = await readSession(sessionId);
  if (!session) throw new AppFailure({ kind: 'not-found', what: 'session' });
  const now = Date.now();
  // The zip's parts, images as read: the Blob is made of them, never one array of the whole zip.
  const zip = await buildBundleParts(await readBundleContents([sessionId]), { appVersion: browser.runtime.getManifest().version, now });
  downloadBlob(new Blob(zip as BlobPart[], { type: 'application/zip' }), exportFileName(session.title, now, 'bundle.zip'));
}

// Exports run in the page: they only read the database, and building files here keeps the
// service worker free for captures. Each ends in a download the shopper saves.

export async function exportSession(kind: ExportKind, sessionId: string): Promise<void> {
  if (kind === 'bundle') return exportBundle(sessionId);
  const data = await readSessionForExport(sessionId);
  if (!data) throw new AppFailure({ kind: 'not-found', what: 'session' });
  const { session, steps, shots } = data;
  const now = Date.now();
  if (kind === 'csv') {
    downloadBlob(new Blob([exportCsv(session, steps)], { type: 'text/csv;charset=utf-8' }), exportFileName(session.title, now, 'csv'));
    return;
  }
  if (kind === 'markdown') {
    // One image decoded and drawn at a time: a canvas per screenshot at once would not fit.
    const images = [];
    for (const { screenshot, blob } of shots) {
      if (!blob) continue;
      const image = await exportedImage(screenshot, blob);
      images.push({ stepId: screenshot.stepId, mimeType: screenshot.mimeType, bytes: new Uint8Array(await image.arrayBuffer()) });
    }
    const zip = buildMarkdownZip(session, steps, images);
    downloadBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), exportFileName(session.title, now, 'md.zip'));
    return;
  }
  // Images join the report one at a time, as Blob parts: the page never holds the whole
  // base64 document as one string (a 200-step report would be ~30 MB of JavaScript heap).
  const screenshots = new Map<string, ReportScreenshot[]>();
  const pending: Array<{ screenshot: Screenshot; blob: Blob }> = [];
  // Each image's slot is a token in the base64 alphabet (the report accepts only base64 data
  // URLs) with a fresh nonce per export, so no text typed into a note can pose as a slot.
  const nonce = crypto.randomUUID().replaceAll('-', '');
  const placeholder = (i: number) => `MSIMG${nonce}N${i}Z`;
  const slots = new RegExp(`MSIMG${nonce}N(\\d+)Z`, 'g');
  for (const { screenshot, blob } of shots) {
    if (!blob) continue;
    const list = screenshots.get(screenshot.stepId) ?? [];
    list.push({ screenshot, dataUrl: `data:${screenshot.mimeType};base64,${placeholder(pending.length)}` });
    pending.push({ screenshot, blob });
    screenshots.set(screenshot.stepId, list);
  }
  const html = renderHtmlReport({ session, steps, screenshots, generatedAt: now, appVersion: browser.runtime.getManifest().version });
  let file = new Blob([], { type: 'text/html;charset=utf-8' });
  let at = 0;
  // Each image's base64 goes into the file as bytes, through one buffer reused image after image
  // (a Blob copies its parts as it is made): no base64 string is ever in the page's heap.
  let ascii = new Uint8Array(0);
  for (const match of html.matchAll(slots)) {
    const { screenshot, blob } = pending[Number(match[1])]!;
    const encoded = base64Ascii(new Uint8Array(await (await exportedImage(screenshot, blob)).arrayBuffer()), ascii);
    if (encoded.buffer !== ascii.buffer) ascii = encoded;
    file = new Blob([file, html.slice(at, match.index), encoded], { type: file.type });
    at = match.index! + match[0].length;
  }
  file = new Blob([file, html.slice(at)], { type: file.type });
  downloadBlob(file, exportFileName(session.title, now, 'html'));
}
