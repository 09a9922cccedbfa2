import { useEffect, useState } from 'preact/hooks';

/** An object URL for a Blob that is revoked when the Blob changes or the component unmounts. */
export function useObjectUrl(load: () => Promise<Blob | undefined>, key: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!key) return;
    let created: string | undefined;
    let cancelled = false;
    load().then((blob) => {
      if (cancelled || !blob) return;
      created = URL.createObjectURL(blob);
      setUrl(created);
    });
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return url;
}
