import { useEffect, useState } from 'preact/hooks';

/** An object URL for a Blob that is revoked when the Blob changes or the component unmounts. */
export function useObjectUrl(load: () => Promise<Blob | undefined>, key: string | undefined): string | undefined {
  return useLoadedImage(load, key).url;
}

/**
 * The same, and whether the load found nothing: a record whose image file is gone (the safety
 * copy restored records over a lost file, say) says "image missing" instead of loading forever.
 */
export function useLoadedImage(load: () => Promise<Blob | undefined>, key: string | undefined): { url: string | undefined; missing: boolean } {
  const [url, setUrl] = useState<string>();
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!key) return;
    let created: string | undefined;
    let cancelled = false;
    setMissing(false);
    load().then(
      (blob) => {
        if (cancelled) return;
        if (!blob) return setMissing(true);
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      () => !cancelled && setMissing(true),
    );
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { url, missing };
}
