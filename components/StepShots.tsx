import type { ComponentChildren } from 'preact';
import type { PickMode } from '@/lib/capture/pick';
import type { Screenshot } from '@/lib/schemas';
import { useLoadedImage } from './hooks';

interface Props {
  number: number;
  shots: readonly Pick<Screenshot, 'id' | 'kind' | 'width' | 'height' | 'thumbBytes' | 'annotations'>[];
  loadThumb(screenshotId: string): Promise<Blob | undefined>;
  /** Changes when a thumbnail is redrawn (an annotation was saved), so it is loaded again. */
  versionOf(shot: Pick<Screenshot, 'id' | 'thumbBytes' | 'annotations'>): string | undefined;
  /** Opens a screenshot in the annotation editor. */
  onAnnotate?(screenshotId: string): void;
  /** Absent when the session cannot take captures now. */
  onAdd?(mode: PickMode): void;
  busy: boolean;
  /** The first screenshot's picture when the page has it already (the card's): not read twice. */
  firstUrl?: string;
}

const KIND_WORDS: Record<Screenshot['kind'], string> = {
  visible: 'visible page',
  'full-page': 'full page',
  element: 'element close-up',
  region: 'region',
  dom: 'page render',
};

/** Every screenshot of a step, in the order taken, and a way to add close-ups to it. */
export function StepShots({ number, shots, loadThumb, versionOf, onAdd, onAnnotate, busy, firstUrl }: Props) {
  return (
    <section class="step-shots" aria-label={`Screenshots of step ${number}`}>
      <ul>
        {shots.map((shot, i) => (
          <ShotThumb
            key={shot.id}
            id={shot.id}
            version={versionOf(shot)}
            load={loadThumb}
            given={i === 0 ? firstUrl : undefined}
            label={`Screenshot ${i + 1} of step ${number}: ${KIND_WORDS[shot.kind]}, ${shot.width}×${shot.height}`}
          >
            {onAnnotate && (
              <button
                type="button"
                aria-label={shots.length === 1 ? `Annotate screenshot of step ${number}` : `Annotate screenshot ${i + 1} of ${shots.length}, step ${number}`}
                onClick={() => onAnnotate(shot.id)}
              >
                ✎ Annotate
              </button>
            )}
          </ShotThumb>
        ))}
      </ul>
      {onAdd && (
        <div class="step-shots-add">
          <button type="button" disabled={busy} onClick={() => onAdd('element')} aria-label={`Add an element close-up to step ${number}`}>
            + Element close-up
          </button>
          <button type="button" disabled={busy} onClick={() => onAdd('region')} aria-label={`Add a region to step ${number}`}>
            + Region
          </button>
        </div>
      )}
    </section>
  );
}

interface ThumbProps {
  id: string;
  version: string | undefined;
  load(id: string): Promise<Blob | undefined>;
  /** A URL the page holds already for this picture. */
  given?: string;
  label: string;
  children?: ComponentChildren;
}

function ShotThumb({ id, version, load, given, label, children }: ThumbProps) {
  const loaded = useLoadedImage(() => load(id), given ? undefined : (version ?? id));
  const url = given ?? loaded.url;
  const missing = !given && loaded.missing;
  return (
    <li>
      {url ? (
        <img src={url} alt={label} title={label} />
      ) : (
        <span class="shot-placeholder" role="img" aria-label={missing ? `${label}: image missing` : label} title={missing ? 'Image missing' : undefined}>
          {missing ? 'Image missing' : null}
        </span>
      )}
      {children}
    </li>
  );
}
