// The one escaper for every exported document. Anything the shopper typed or a page supplied
// (titles, notes, URLs, rubric text) reaches markup only through `html` below, which escapes every
// interpolated value; links go through `safeHttpUrl`. Pure: no DOM, no browser APIs.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Backticks once closed attribute values in old IE; escaping them costs nothing.
  '`': '&#96;',
  // The HTML parser would drop or replace a NUL anyway; replacing it here keeps the output exact.
  '\u0000': '\uFFFD',
};

/** Text made safe for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"'`\u0000]/g, (c) => ENTITIES[c]!);
}

// C0/C1 controls, spaces and the invisible or direction-changing characters that make a URL read
// differently from where it goes. The URL parser silently strips some of these (leading controls,
// tabs and newlines anywhere), which is exactly how `java\tscript:` tricks work, so refuse them.
const DECEPTIVE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/u;

/**
 * The URL, normalised by the URL parser, when it is a plain absolute http(s) URL with a host and
 * no credentials; otherwise null (javascript:, data:, vbscript:, relative, look-alike schemes,
 * hidden characters). The normalised form is what a link should show as well as point to, so a
 * reader sees punycode rather than a look-alike host.
 */
export function safeHttpUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > 8000) return null;
  // The scheme must be spelled in plain ASCII at the very start: no full-width colons, no
  // entity-encoded letters, nothing the parser would have to repair first.
  if (!/^https?:\/\//i.test(url) || DECEPTIVE.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // `https://bank.example@evil.example/` reads as one host and goes to another.
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

const TOKEN = Symbol('SafeHtml');

/** Markup that was built by `html` (so every dynamic part is escaped) or is a static literal. */
export class SafeHtml {
  readonly #markup: string;
  /** Not for use outside this module: make SafeHtml with `html` or `staticMarkup`. */
  constructor(token: symbol, markup: string) {
    if (token !== TOKEN) throw new Error('SafeHtml is made only by html`…` or staticMarkup`…`');
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === false || value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template for markup: the literal parts are trusted, every `${value}` is escaped unless it
 * is itself SafeHtml (or an array of them). Write attribute values in double quotes.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(TOKEN, out);
}

/**
 * A literal with no substitutions, taken as-is: for the style sheet, whose `>` and quotes must not
 * be escaped. Refuses anything but a real template literal.
 */
export function staticMarkup(strings: TemplateStringsArray, ...none: never[]): SafeHtml {
  if (none.length > 0 || strings.length !== 1 || !Array.isArray(strings.raw) || !Object.isFrozen(strings)) {
    throw new Error('staticMarkup takes a template literal with no substitutions');
  }
  return new SafeHtml(TOKEN, strings[0]!);
}

/** Text with its line breaks kept: each line escaped, joined by <br>. */
export function multiline(text: string): SafeHtml {
  return html`${text.split(/\r\n?|\n/).map((line, i) => html`${i > 0 && html`<br>`}${line}`)}`;
}
