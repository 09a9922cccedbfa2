import { useState } from 'preact/hooks';
import { toAppError, userMessage } from '@/lib/errors';

/** The Export all button's state; the writer itself is loaded on the first click (size budget). */
export function useExportAll(onError: (message: string | null) => void) {
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  async function exportAll() {
    setExporting(true);
    setNotice(null);
    try {
      const { exportAllSessions } = await import('./exportAll');
      const n = await exportAllSessions();
      onError(null);
      setNotice(n === 0 ? 'There are no sessions to export yet.' : `Exported ${n} ${n === 1 ? 'session' : 'sessions'} in one bundle.`);
    } catch (e) {
      onError(`The sessions could not be exported: ${userMessage(toAppError(e))}`);
    } finally {
      setExporting(false);
    }
  }
  return { exporting, notice, exportAll };
}
