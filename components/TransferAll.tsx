import { ImportBundle } from './ImportBundle';
import { useBundleImport } from './useBundleImport';
import { useExportAll } from './useExportAll';

/** Export all and import, wired: the start screen and the dashboard show the same card. */
export function TransferAll({ onError }: { onError(message: string | null): void }) {
  const bundleImport = useBundleImport(onError);
  const everything = useExportAll(onError);
  return (
    <ImportBundle
      progress={bundleImport.progress}
      notice={everything.notice ?? bundleImport.notice}
      onFile={(file) => void bundleImport.importFile(file)}
      onCancel={bundleImport.cancel}
      onExportAll={() => void everything.exportAll()}
      exporting={everything.exporting}
    />
  );
}
