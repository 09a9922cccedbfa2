import type { PageContext } from '@/lib/schemas';
import { contextSummary, errorCount, formatCls, formatMs } from '@/lib/step/page-context';

// The page context of a step: one compact line, the details on demand. Everything shown came
// from the page (hostile); Preact renders it as text.

const ms = (value: number | null) => (value === null ? '—' : formatMs(value));

export function PageContextDetails({ context, number }: { context: PageContext | null; number: number }) {
  if (!context) return null;
  return (
    <details class="page-context">
      <summary aria-label={`Page context of step ${number}: ${contextSummary(context)}`}>
        <span class={context.errors.length > 0 ? 'has-errors' : undefined}>{contextSummary(context)}</span>
      </summary>
      <dl class="context-facts">
        <dt>Time to first byte</dt>
        <dd>{ms(context.ttfbMs)}</dd>
        <dt>DOM content loaded</dt>
        <dd>{ms(context.domContentLoadedMs)}</dd>
        <dt>Load</dt>
        <dd>{ms(context.loadMs)}</dd>
        <dt>Largest Contentful Paint</dt>
        <dd>{ms(context.lcpMs)}</dd>
        <dt>Cumulative Layout Shift</dt>
        <dd>{context.cls === null ? '—' : formatCls(context.cls)}</dd>
        <dt>JavaScript errors</dt>
        <dd>{errorCount(context)}</dd>
      </dl>
      {context.errors.length > 0 && (
        <ol class="context-errors" aria-label={`JavaScript errors of step ${number}`}>
          {context.errors.map((e, i) => (
            <li key={i}>
              <code>{e.message}</code>
              {e.source && <small class="muted"> {e.source}</small>}
            </li>
          ))}
        </ol>
      )}
      {context.userAgent && <p class="muted small">{context.userAgent}</p>}
    </details>
  );
}
