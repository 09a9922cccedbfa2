import { parseXml, XmlElement } from '@rgrove/parse-xml';

// PROPFIND answers are XML, and a service worker has no DOMParser: @rgrove/parse-xml is a small,
// spec-compliant parser with no dependencies (no DTD, no entity expansion beyond XML's own five,
// so a hostile server cannot blow it up). Namespaces are resolved here, since servers choose their
// own prefixes (Apache says lp1:getetag, Nextcloud d:getetag).

const DAV = 'DAV:';

export interface DavEntry {
  /** The decoded path of the resource on the server, e.g. /team/mystery-shopper/summaries/x.json */
  path: string;
  isCollection: boolean;
  /** As the server sent it, weak prefix included (W/"…"), or null when it sent none. */
  etag: string | null;
  length: number | null;
  /** getlastmodified in ms since the epoch (the server's clock), or null when it sent none. */
  modified: number | null;
}

interface Named {
  ns: string | null;
  local: string;
  el: XmlElement;
  scope: Map<string, string>;
}

function named(el: XmlElement, parentScope: Map<string, string>): Named {
  let scope = parentScope;
  for (const [attr, value] of Object.entries(el.attributes)) {
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      scope.set(attr === 'xmlns' ? '' : attr.slice(6), value);
    }
  }
  const colon = el.name.indexOf(':');
  const prefix = colon < 0 ? '' : el.name.slice(0, colon);
  return { ns: scope.get(prefix) ?? null, local: colon < 0 ? el.name : el.name.slice(colon + 1), el, scope };
}

function childrenOf(parent: Named): Named[] {
  return parent.el.children.filter((c): c is XmlElement => c instanceof XmlElement).map((c) => named(c, parent.scope));
}

const davChild = (parent: Named, local: string) => childrenOf(parent).find((c) => c.ns === DAV && c.local === local);

/** Parses a 207 Multi-Status body. Throws on XML that is not a DAV multistatus. */
export function parseMultistatus(text: string): DavEntry[] {
  const doc = parseXml(text);
  const rootEl = doc.root;
  if (!rootEl) throw new Error('the answer holds no XML element');
  const root = named(rootEl, new Map());
  if (root.ns !== DAV || root.local !== 'multistatus') throw new Error(`the answer is <${rootEl.name}>, not a DAV multistatus`);
  const entries: DavEntry[] = [];
  for (const response of childrenOf(root)) {
    if (response.ns !== DAV || response.local !== 'response') continue;
    const href = davChild(response, 'href')?.el.text.trim();
    if (!href) continue;
    let path: string;
    try {
      path = decodeURIComponent(new URL(href, 'http://x').pathname);
    } catch {
      continue;
    }
    const entry: DavEntry = { path, isCollection: false, etag: null, length: null, modified: null };
    for (const propstat of childrenOf(response)) {
      if (propstat.ns !== DAV || propstat.local !== 'propstat') continue;
      const status = davChild(propstat, 'status')?.el.text ?? '';
      if (!/\s2\d\d\s/.test(`${status} `)) continue;
      const prop = davChild(propstat, 'prop');
      if (!prop) continue;
      const type = davChild(prop, 'resourcetype');
      if (type && davChild(type, 'collection')) entry.isCollection = true;
      const etag = davChild(prop, 'getetag')?.el.text.trim();
      if (etag) entry.etag = etag;
      const length = Number(davChild(prop, 'getcontentlength')?.el.text.trim());
      if (Number.isFinite(length) && davChild(prop, 'getcontentlength')) entry.length = length;
      const modified = Date.parse(davChild(prop, 'getlastmodified')?.el.text.trim() ?? '');
      if (Number.isFinite(modified)) entry.modified = modified;
    }
    entries.push(entry);
  }
  return entries;
}
