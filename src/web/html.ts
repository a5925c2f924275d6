// HTML built by one tagged template that escapes every interpolated value by default: article text is
// hostile (titles, bodies, sources and URLs come from scraped pages), so markup can enter a page only as a
// `Html` value made by this template itself. Every page and fragment of src/web/ is built with it.

/** Markup known to be safe: made by `html`, by `join`, or by `unsafeRaw` on a constant of the project. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value a template may hold: text (escaped), numbers, markup, lists of these, or nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => ESCAPES[character]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The template tag: literal parts are the project's markup, every `${value}` is escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Joins fragments (each escaped unless markup) with a separator. */
export function join(values: readonly HtmlValue[], separator: HtmlValue = ''): Html {
  return new Html(values.map(render).join(render(separator)));
}

/** Markup from the project itself (a constant): never pass data through this. */
export function unsafeRaw(markup: string): Html {
  return new Html(markup);
}

/**
 * A link target for a URL that came with an article: only absolute http(s) URLs qualify; anything else
 * (javascript:, data:, relative, malformed) gives undefined and the caller shows the URL as text.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href;
}

/** A query string from defined values, for links between pages (values are encoded here, escaped by `html`). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** A path segment for an id from the store (ids are hex, but nothing here relies on it). */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
