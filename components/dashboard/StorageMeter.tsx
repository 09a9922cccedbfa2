import { formatBytes } from '@/lib/library/filter';

interface Props {
  /** What the browser reports for this extension's storage; null until known or where unsupported. */
  estimate: { usage: number; quota: number } | null;
  /** Bytes of the screenshots of every session listed. */
  imageBytes: number;
}

/** Used and available space, so a consultant sees a full disk coming before a capture fails. */
export function StorageMeter({ estimate, imageBytes }: Props) {
  const fraction = estimate && estimate.quota > 0 ? Math.min(1, estimate.usage / estimate.quota) : 0;
  return (
    <section class="storage-meter" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      {estimate ? (
        <>
          <div
            class={`meter${fraction > 0.9 ? ' is-full' : ''}`}
            role="meter"
            aria-label="Storage used"
            aria-valuemin={0}
            aria-valuemax={estimate.quota}
            aria-valuenow={estimate.usage}
            aria-valuetext={`${formatBytes(estimate.usage)} used of ${formatBytes(estimate.quota)}`}
          >
            <span style={{ width: `${Math.max(fraction * 100, estimate.usage > 0 ? 1 : 0)}%` }} />
          </div>
          <p>
            <strong>{formatBytes(estimate.usage)}</strong> used · {formatBytes(Math.max(0, estimate.quota - estimate.usage))} available
          </p>
        </>
      ) : (
        <p class="muted">This browser does not report its storage.</p>
      )}
      <p class="muted small">Screenshots: {formatBytes(imageBytes)}</p>
    </section>
  );
}
