import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { userMessage } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { shortUrl } from '@/lib/format';
import { Alert } from '@/components/Alert';
import { AnnotationEditor } from '@/components/annotate/AnnotationEditor';
import { useObjectUrl } from '@/components/hooks';
import { useScreenshotInContext } from '@/components/data/useSession';
import { loadImage } from '@/components/data/reads';

// Wiring only: reads the screenshot from IndexedDB, sends the save to the background (which
// burns redactions into the stored pixels). The editor itself warns before unsaved shapes go.

export function App({ screenshotId }: { screenshotId: string | null }) {
  // undefined while loading, null when the screenshot does not exist.
  const data = useScreenshotInContext(screenshotId);
  const shot = data?.shot;
  // Keyed on the stored size: a save that burns a redaction replaces the image, so reload it.
  const imageUrl = useObjectUrl(() => loadImage(screenshotId!, 'full'), shot ? `${shot.id}:${shot.bytes}` : undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (data) document.title = `Annotate step ${data.number} · Mystery Shopper`;
  }, [data?.number]);

  if (data === undefined) return <main class="annotate-page" aria-busy="true" />;
  if (data === null || !shot)
    return (
      <main class="annotate-page">
        <div class="card annotate-missing">
          <h1>Screenshot not found</h1>
          <p class="muted">It may have been deleted with its step or session. Close this tab and open the editor again from the step.</p>
        </div>
      </main>
    );

  const { step, session, number } = data;
  const title = step.pageTitle || shortUrl(step.url);
  return (
    <main class="annotate-page">
      <header class="annotate-header">
        <div class="page-title">
          <span class="logo" aria-hidden="true">◎</span>
          <div>
            <h1>
              Annotate step {number}: <bdi>{title}</bdi>
            </h1>
            <p class="muted">
              <bdi>{session.title}</bdi> · {shortUrl(step.url)} · {shot.width} × {shot.height}
              {shot.part ? ` · part ${shot.part.index} of ${shot.part.count}` : ''}
            </p>
          </div>
        </div>
        <span class={`status status-${session.status}`}>{session.status}</span>
      </header>
      <Alert message={error} onDismiss={() => setError(null)} />
      {notice && (
        <p class="annotate-notice" role="status">
          {notice}
        </p>
      )}
      {imageUrl ? (
        <AnnotationEditor
          key={shot.id}
          imageUrl={imageUrl}
          imageAlt={`Screenshot of step ${number}: ${title}`}
          size={{ width: shot.width, height: shot.height }}
          saved={shot.annotations}
          redactOnly={session.status === 'completed'}
          newId={newId}
          confirm={(message) => confirm(message)}
          onSave={async (annotations) => {
            const reply = await sendRequest('screenshot.annotate', { screenshotId: shot.id, annotations });
            setError(reply.ok ? null : userMessage(reply.error));
            setNotice(reply.ok ? 'Saved. Exports and thumbnails now show these annotations.' : '');
            return reply.ok;
          }}
        />
      ) : (
        <p class="muted">Loading the screenshot…</p>
      )}
    </main>
  );
}
