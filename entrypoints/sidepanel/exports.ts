import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db';
import { sessionForExport } from '@/lib/db/queries';
import { AppFailure } from '@/lib/errors';
import { exportCsv } from '@/lib/export/csv';
import { renderHtmlReport, type ReportScreenshot } from '@/lib/export/html-report';
import { buildMarkdownZip } from '@/lib/export/markdown-zip';
import { exportFileName } from '@/lib/export/names';
import { blobToDataUrl, downloadBlob } from '@/lib/browser/files';
import type { ExportKind } from '@/components/ExportCard';

// Exports run in the page: they only read the database, and building files here keeps the
// service worker free for captures. Each ends in a download the shopper saves.

export async function exportSession(kind: Exclude<ExportKind, 'bundle'>, sessionId: string): Promise<void> {
  const data = await sessionForExport(getDb(), sessionId);
  if (!data) throw new AppFailure({ kind: 'not-found', what: 'session' });
  const { session, steps, shots } = data;
  const now = Date.now();
  if (kind === 'csv') {
    downloadBlob(new Blob([exportCsv(session, steps)], { type: 'text/csv;charset=utf-8' }), exportFileName(session.title, now, 'csv'));
    return;
  }
  if (kind === 'markdown') {
    const images = await Promise.all(
      shots
        .filter((s) => s.blob)
        .map(async ({ screenshot, blob }) => ({ stepId: screenshot.stepId, mimeType: screenshot.mimeType, bytes: new Uint8Array(await blob!.arrayBuffer()) })),
    );
    const zip = buildMarkdownZip(session, steps, images);
    downloadBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), exportFileName(session.title, now, 'md.zip'));
    return;
  }
  const screenshots = new Map<string, ReportScreenshot[]>();
  for (const { screenshot, blob } of shots) {
    if (!blob) continue;
    const list = screenshots.get(screenshot.stepId) ?? [];
    list.push({ screenshot, dataUrl: await blobToDataUrl(blob) });
    screenshots.set(screenshot.stepId, list);
  }
  const html = renderHtmlReport({ session, steps, screenshots, generatedAt: now, appVersion: browser.runtime.getManifest().version });
  downloadBlob(new Blob([html], { type: 'text/html;charset=utf-8' }), exportFileName(session.title, now, 'html'));
}
