// Display helpers shared by the panel, the dashboard and reports. Pure.

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'first step';
  const s = Math.round(ms / 1000);
  if (s < 60) return `+${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `+${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `+${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatClock(timestamp: number): string {
  return new Date(timestamp).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Host and path without the scheme: what a reader needs to recognise a page. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** A readable browser name from the user agent data, for the session's environment record. */
export function browserName(userAgent: string, brands?: ReadonlyArray<{ brand: string; version: string }>): string {
  const real = brands?.find((b) => !/Not.?A.?Brand|Chromium/i.test(b.brand)) ?? brands?.find((b) => b.brand === 'Chromium');
  if (real) return `${real.brand} ${real.version}`;
  // Edge's user agent also says Chrome (and Chrome's says Safari), so look for the specific name first.
  const m = /(Firefox|Edg)\/([\d.]+)/.exec(userAgent) ?? /(Chrome|Chromium|Safari)\/([\d.]+)/.exec(userAgent);
  return m ? `${m[1] === 'Edg' ? 'Edge' : m[1]} ${m[2]!.split('.')[0]}` : 'Unknown browser';
}

/** Letters, digits and dashes from any text (accents dropped), for file names; empty when none is left. */
export function slugify(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);
}
