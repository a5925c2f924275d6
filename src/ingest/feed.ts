// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item becomes an article. The item's HTML content (or
// description) goes through the same extraction stage as a page; the item's own fields (title, link,
// date, author) win over what that snippet says. Items whose link is a page also in the input are
// dropped later by the caller: the full page wins over the feed's excerpt.
import { DOMParser } from 'linkedom';
import { collapseWhitespace, isElement, type DomElement } from '../extract/dom.ts';
import { extractPage } from '../extract/index.ts';
import type { RawArticle } from '../model.ts';
import type { IngestItem } from './index.ts';
import { impossibleDay, parsePublished } from './jsonl.ts';

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf']);

/** True when the text looks like a feed: XML whose root element is <rss>, <feed> or <rdf:RDF>. */
export function looksLikeFeed(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\]\s*)?>\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i.test(text.replace(/^\uFEFF/, ''));
}

function childrenNamed(element: DomElement, names: readonly string[]): DomElement[] {
  const found: DomElement[] = [];
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (isElement(child) && names.includes(child.nodeName.toLowerCase())) found.push(child);
  }
  return found;
}

function childText(element: DomElement, names: readonly string[]): string | undefined {
  for (const name of names) {
    const child = childrenNamed(element, [name])[0];
    const text = child?.textContent?.trim();
    if (text !== undefined && text !== '') return text;
  }
  return undefined;
}

function itemLink(item: DomElement): string | undefined {
  for (const link of childrenNamed(item, ['link'])) {
    const href = link.getAttribute('href');
    const rel = link.getAttribute('rel');
    if (href !== null && (rel === null || rel === 'alternate')) return href.trim();
    const text = link.textContent?.trim();
    if (href === null && text !== undefined && text !== '') return text;
  }
  const guid = childrenNamed(item, ['guid'])[0];
  if (guid !== undefined && guid.getAttribute('isPermaLink') !== 'false' && /^https?:\/\//.test(guid.textContent?.trim() ?? '')) return guid.textContent?.trim();
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function itemDate(item: DomElement): string | undefined {
  const value = childText(item, ['pubdate', 'dc:date', 'published', 'updated', 'dcterms:created']);
  if (value === undefined) return undefined;
  const iso = parsePublished(value);
  if (iso !== undefined) return iso;
  // RFC 822 dates of RSS 2.0, e.g. "Tue, 10 Jun 2025 04:00:00 GMT"; a day no month has ("31 Feb") is no date,
  // not the 3rd of March Date.parse makes of it.
  const day = /^\s*(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\b/i.exec(value);
  const month = day === null ? -1 : MONTHS.indexOf(day[2]!.toLowerCase());
  if (day !== null && month >= 0 && impossibleDay(`${day[3]}-${String(month + 1).padStart(2, '0')}-${day[1]!.padStart(2, '0')}`)) return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

/**
 * An item's title as text: an Atom title of type html (or xhtml), or an RSS title carrying escaped markup,
 * holds tags that were shown as they are ("Ferry <b>strike</b> ends") and entities left encoded.
 */
function itemTitle(item: DomElement): string | undefined {
  const element = childrenNamed(item, ['title'])[0];
  const text = element?.textContent?.trim();
  if (element === undefined || text === undefined || text === '') return undefined;
  const type = element.getAttribute('type');
  if (type !== 'html' && type !== 'xhtml' && !/<\/[a-z][a-z0-9]*\s*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text)) return collapseWhitespace(text);
  const html = new DOMParser().parseFromString(`<!doctype html><html><body><p>${text}</p></body></html>`, 'text/html') as unknown as { body: { textContent: string | null } | null };
  const plain = collapseWhitespace(html.body?.textContent ?? '');
  return plain === '' ? collapseWhitespace(text) : plain;
}

/**
 * The absolute address of an item's link: a relative one ("/news/bridge") is resolved against the item's or
 * the feed's xml:base, the channel's own link, or the feed's URL. Left relative, it named no page (the web page
 * showed it as plain text, and `watch --feeds` could not fetch it). One that cannot be resolved is dropped.
 */
function absoluteLink(link: string | undefined, bases: readonly (string | null | undefined)[]): string | undefined {
  if (link === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return link;
  for (const base of bases) {
    if (base === undefined || base === null || !/^https?:\/\//i.test(base.trim())) continue;
    try {
      return new URL(link, base.trim()).href;
    } catch {
      // Not a usable base: try the next one.
    }
  }
  return undefined;
}

function feedLink(root: DomElement, channel: DomElement | undefined): string | undefined {
  if (channel !== undefined) return childrenNamed(channel, ['link']).map((link) => link.textContent?.trim()).find((text) => text !== undefined && text !== '');
  for (const link of childrenNamed(root, ['link'])) {
    const rel = link.getAttribute('rel');
    if (rel === null || rel === 'alternate') return link.getAttribute('href') ?? undefined;
  }
  return undefined;
}

function itemAuthor(item: DomElement): string | undefined {
  const author = childrenNamed(item, ['author'])[0];
  const name = author === undefined ? undefined : (childText(author, ['name']) ?? author.textContent?.trim());
  return name !== undefined && name !== '' ? collapseWhitespace(name) : childText(item, ['dc:creator']);
}

/** A DOCTYPE with an internal subset (`<!DOCTYPE rss [ <!ENTITY ...> ]>`): feeds do not need one, and entity
 *  declarations are how XML bombs and external-entity reads are built, so such a file is refused by name. */
const DOCTYPE_INTERNAL_SUBSET = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<!DOCTYPE[^>[]*\[/i;

/** Reads the items of a feed file; a file that is not an XML feed is one problem. */
export function readFeed(path: string, fileText: string): IngestItem[] {
  const text = fileText.replace(/^\uFEFF/, '');
  if (DOCTYPE_INTERNAL_SUBSET.test(text)) {
    return [{ kind: 'problem', problem: { code: 'E_FEED', path, message: 'the feed declares entities in its DOCTYPE (an internal DTD subset), which newsfold does not read' } }];
  }
  if (!looksLikeFeed(text)) {
    return [{ kind: 'problem', problem: { code: 'E_FEED', path, message: 'not an XML feed: expected an <rss>, <feed> or <rdf:RDF> root element' } }];
  }
  const document = new DOMParser().parseFromString(text, 'text/xml') as unknown as { documentElement: DomElement | null };
  const root = document.documentElement;
  if (root === null || !FEED_ROOTS.has(root.nodeName.toLowerCase())) {
    return [{ kind: 'problem', problem: { code: 'E_FEED', path, message: 'the XML does not parse to a feed root element' } }];
  }
  const channel = childrenNamed(root, ['channel'])[0];
  const feedTitle = channel === undefined ? childText(root, ['title']) : childText(channel, ['title']);
  const items = [...childrenNamed(root, ['item', 'entry']), ...(channel === undefined ? [] : childrenNamed(channel, ['item']))];
  const results: IngestItem[] = [];
  items.forEach((item, index) => {
    const record = `item ${index + 1}`;
    const link = absoluteLink(itemLink(item), [item.getAttribute('xml:base'), root.getAttribute('xml:base'), feedLink(root, channel), path]);
    const html = childText(item, ['content:encoded', 'content', 'description', 'summary']) ?? '';
    const page = extractPage(html, link === undefined ? {} : { url: link });
    const body = page.text.trim() !== '' ? page.text : collapseWhitespace(html.replace(/<[^>]*>/g, ' '));
    if (body === '') {
      results.push({ kind: 'problem', problem: { code: 'E_EXTRACT', path, record, message: 'feed item has no content or description' } });
      return;
    }
    const raw: RawArticle = { origin: { path, format: 'feed', record }, text: body };
    if (link !== undefined) raw.url = link;
    const title = itemTitle(item);
    if (title !== undefined) raw.title = title;
    const published = itemDate(item) ?? (page.metadata.published === undefined ? undefined : parsePublished(page.metadata.published));
    if (published !== undefined) raw.published = published;
    const author = itemAuthor(item);
    if (author !== undefined) raw.byline = author;
    if (feedTitle !== undefined) raw.source = collapseWhitespace(feedTitle);
    const language = channel === undefined ? root.getAttribute('xml:lang') : childText(channel, ['language']);
    if (language !== undefined && language !== null && language !== '') raw.language = language.slice(0, 2).toLowerCase();
    page.metadata = { ...page.metadata, ...metadataOf(raw) };
    results.push({ kind: 'article', raw, page });
  });
  if (items.length === 0) results.push({ kind: 'problem', problem: { code: 'E_FEED', path, message: 'the feed has no items' } });
  return results;
}

function metadataOf(raw: RawArticle): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (raw.url !== undefined) metadata.url = raw.url;
  if (raw.title !== undefined) metadata.title = raw.title;
  if (raw.published !== undefined) metadata.published = raw.published;
  if (raw.byline !== undefined) metadata.author = raw.byline;
  if (raw.source !== undefined) metadata.site = raw.source;
  if (raw.language !== undefined) metadata.language = raw.language;
  return metadata;
}
