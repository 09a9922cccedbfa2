import { formatCls, formatMs as seconds } from '@/lib/step/page-context';
import type { PageContext } from '@/lib/schemas';

// The page context of a folded review step, as labelled facts that scan down a long list; an open
// step shows the panel's own PageContextDetails (in StepFields) instead, with the same formatting.

export function PageContextFacts({ context }: { context: PageContext | null }) {
  if (!context) return null;
  const facts: Array<[string, string]> = [];
  if (context.ttfbMs !== null) facts.push(['First byte', seconds(context.ttfbMs)]);
  if (context.loadMs !== null) facts.push(['Loaded', seconds(context.loadMs)]);
  else if (context.domContentLoadedMs !== null) facts.push(['DOM ready', seconds(context.domContentLoadedMs)]);
  if (context.lcpMs !== null) facts.push(['LCP', seconds(context.lcpMs)]);
  if (context.cls !== null) facts.push(['CLS', formatCls(context.cls)]);
  const errors = context.errors.length;
  return (
    <div class="page-context">
      <dl aria-label="Page context">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {context.errorsWatched && (
          <div class={errors ? 'has-errors' : undefined}>
            <dt>JS errors</dt>
            <dd>{errors}</dd>
          </div>
        )}
      </dl>
      {errors > 0 && (
        <details>
          <summary>Show {errors === 1 ? 'the error' : `${errors} errors`}</summary>
          <ul>
            {context.errors.map((e, i) => (
              <li key={i}>
                <code>{e.message}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
