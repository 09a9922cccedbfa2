import type { PageContext } from '@/lib/schemas';

// A compact line of what the page was like when the step was captured. The side panel's step card
// may grow its own; the two can become one component when both exist.

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export function PageContextFacts({ context }: { context: PageContext | null }) {
  if (!context) return null;
  const facts: Array<[string, string]> = [];
  if (context.ttfbMs !== null) facts.push(['First byte', seconds(context.ttfbMs)]);
  if (context.loadMs !== null) facts.push(['Loaded', seconds(context.loadMs)]);
  else if (context.domContentLoadedMs !== null) facts.push(['DOM ready', seconds(context.domContentLoadedMs)]);
  if (context.lcpMs !== null) facts.push(['LCP', seconds(context.lcpMs)]);
  if (context.cls !== null) facts.push(['CLS', context.cls.toFixed(2)]);
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
