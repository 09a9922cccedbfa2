import { useRef, useState } from 'preact/hooks';
import { sendLong } from '@/lib/browser/messaging';
import { toAppError, userMessage } from '@/lib/errors';
import { MAX_BUNDLE_BYTES } from '@/lib/envelope';
import { fileFootprint, footprintProblem } from '@/lib/bundle/footprint';

/**
 * Importing a bundle file, for every page that offers it (side panel start screen, dashboard):
 * the bytes go to the background, which checks everything before writing anything; progress and
 * Cancel travel on the same channel. One copy, so the pages refuse and report alike.
 */
export function useBundleImport(onError: (message: string | null) => void) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function importFile(file: File) {
    setProgress({ done: 0, total: file.size });
    setNotice(null);
    const controller = (abort.current = new AbortController());
    try {
      if (file.size > MAX_BUNDLE_BYTES) return onError(`“${file.name}” was not imported: it is larger than 2 GB.`);
      // Refused from the zip's table of contents, before the whole file is read into memory.
      const tooBig = footprintProblem(await fileFootprint(file));
      if (tooBig) return onError(`“${file.name}” was not imported, and nothing changed: ${tooBig}`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reply = await sendLong('bundle.import', { bytes }, {
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      if (!reply.ok) {
        // An import's refusal already says what and where (e.g. "manifest.json: counts.steps …").
        const why = reply.error.kind === 'invalid-message' ? reply.error.detail : userMessage(reply.error);
        return onError(`“${file.name}” was not imported, and nothing changed: ${why}`);
      }
      onError(null);
      const { sessions: n, steps: m } = reply.value;
      setNotice(`Imported ${n} ${n === 1 ? 'session' : 'sessions'} with ${m} ${m === 1 ? 'step' : 'steps'} from “${file.name}”.`);
    } catch (e) {
      onError(`“${file.name}” could not be read: ${userMessage(toAppError(e))}`);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  return { progress, notice, importFile, cancel: () => abort.current?.abort() };
}
