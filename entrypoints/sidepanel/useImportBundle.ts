import { useRef, useState } from 'preact/hooks';
import { sendToWorker } from '@/lib/browser/messaging';
import { toAppError, userMessage } from '@/lib/errors';
import { MAX_BUNDLE_BYTES } from '@/lib/messages';

/**
 * Importing a bundle file from the start screen: sent to the worker with its bytes transferred,
 * with progress and cancel. A refusal names the file and says nothing changed.
 */
export function useImportBundle(setError: (message: string | null) => void) {
  const [importing, setImporting] = useState<{ done: number; total: number } | null>(null);
  const importAbort = useRef<AbortController | null>(null);
  const [importNotice, setImportNotice] = useState<string | null>(null);

  async function importBundle(file: File) {
    setImporting({ done: 0, total: file.size });
    setImportNotice(null);
    const abort = (importAbort.current = new AbortController());
    try {
      if (file.size > MAX_BUNDLE_BYTES) return setError(`“${file.name}” was not imported: it is larger than 2 GB.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reply = await sendToWorker('bundle.import', { bytes }, [bytes.buffer], {
        signal: abort.signal,
        onProgress: (done, total) => setImporting({ done, total }),
      });
      if (!reply.ok) {
        // An import's refusal already says what and where (e.g. "manifest.json: counts.steps …").
        const why = reply.error.kind === 'invalid-message' ? reply.error.detail : userMessage(reply.error);
        return setError(`“${file.name}” was not imported, and nothing changed: ${why}`);
      }
      setError(null);
      const { sessions: n, steps: m } = reply.value;
      setImportNotice(`Imported ${n} ${n === 1 ? 'session' : 'sessions'} with ${m} ${m === 1 ? 'step' : 'steps'} from “${file.name}”.`);
    } catch (e) {
      setError(`“${file.name}” could not be read: ${userMessage(toAppError(e))}`);
    } finally {
      importAbort.current = null;
      setImporting(null);
    }
  }

  return { importing, importNotice, importBundle, cancelImport: () => importAbort.current?.abort() };
}
