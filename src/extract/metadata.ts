// Page metadata read from the unpruned page: title, publication date, author, site name, canonical URL
// and language. Each field tries the most explicit source first (JSON-LD and meta tags the publisher wrote
// for machines), then visible markup; a field no source gives stays unset, never invented.
import { daysBetween, parseMachineDate, parseTextDate, parseUrlDate, type PageDate, type TextDateOptions } from './dates.ts';
import { collapseWhitespace, contentRoot, isElement, TEXT_NODE, textLength, type DomDocument, type DomElement, type DomNode } from './dom.ts';

export interface PageMetadata {
  title?: string;
  /** ISO 8601 as the page states it: with the page's own offset when it gives a time, else the day. */
  published?: string;
  /** The calendar day the page states (`YYYY-MM-DD`), before any time-zone shift. */
  publishedDay?: string;
  /** Where the date came from, e.g. `json-ld`, `meta:article:published_time`, `time`, `url`, `text`. */
  publishedFrom?: string;
  author?: string;
  site?: string;
  url?: string;
  language?: string;
}

/** Meta tags whose name says "publication date", most trusted first (Open Graph, schema.org, Dublin Core, CMS habits). */
const DATE_META_NAMES = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'datepublished', 'article.published', 'published_time',
  'publish-date', 'publish_date', 'publishdate', 'pubdate', 'dc.date.issued', 'dcterms.issued',
  'sailthru.date', 'parsely-pub-date', 'cxenseparse:recs:publishtime', 'article_date_original',
  'original-publish-date', 'publication_date', 'release_date', 'live_date', 'datecreated',
];
/**
 * Generic date tags (`date`, Dublin Core's bare date, "created", "timestamp"): CMSs fill them with the date a
 * page was generated or last saved as often as with its publication, so microdata and `<time>` outrank them.
 */
const WEAK_DATE_META_NAMES = ['date', 'dc.date', 'dcterms.date', 'dcterms.created', 'dc.date.created', 'created', 'timestamp'];
/** Elements that mark the publication date in the body for machines; the date is in an attribute or the text. */
const MARKED_DATE_SELECTOR = [
  '[itemprop="datePublished"]', 'time[pubdate]', '[property="article:published_time"]', '[property="schema:datePublished"]',
  '[property="schema:dateCreated"]', 'abbr.published[title]', '.hentry .published[title]',
].join(', ');
/** Modification dates are the last resort: a page's first version is usually what a date field means. */
const MODIFIED_META_NAMES = ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified', 'lastmod'];
/** Class/id words of elements that show the posting date on blogs and news templates. */
const DATE_CLASS = /(?:^|[-_\s])(?:date|datum|time|posted|published|pubdate|entry-date|post-date|meta-date|dateline|byline|meta|info|zeit|veroeffentlicht)(?:$|[-_\s])|(?:date|datum)/i;
/** Text a date-bearing element may have: longer ones are paragraphs that merely mention a date. */
const MAX_DATE_ELEMENT_CHARS = 120;
/** Author strings longer than this are bios or sentences, not names. */
const MAX_AUTHOR_CHARS = 100;
/** A host name standing alone ("mdr.de", "www.example.com"). */
const BARE_DOMAIN = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
/** Title separators between headline and site name: "Headline | Site", "Headline - Site". */
const TITLE_SEPARATOR = /\s+[|\-–—:·»]\s+/;

type MetaIndex = Map<string, string>;

function indexMeta(document: DomDocument): MetaIndex {
  const index: MetaIndex = new Map();
  const metas = document.querySelectorAll('meta');
  for (let position = 0; position < metas.length; position++) {
    const meta = metas[position];
    if (meta === undefined) continue;
    const content = meta.getAttribute('content');
    if (content === null || content.trim() === '') continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key !== undefined && key !== '' && !index.has(key)) index.set(key, content.trim());
    }
  }
  return index;
}

/** Every JSON-LD object on the page, flattened through @graph and arrays. */
function jsonLdObjects(document: DomDocument): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) collect(item);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      objects.push(object);
      if (object['@graph'] !== undefined) collect(object['@graph']);
    }
  };
  for (let position = 0; position < scripts.length; position++) {
    try {
      collect(JSON.parse(scripts[position]?.textContent ?? ''));
    } catch {
      // Malformed JSON-LD is common; the other sources still count.
    }
  }
  return objects;
}

function jsonLdString(objects: readonly Record<string, unknown>[], key: string): string | undefined {
  for (const object of objects) {
    const value = object[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function jsonLdName(objects: readonly Record<string, unknown>[], key: string): string | undefined {
  for (const object of objects) {
    const values = Array.isArray(object[key]) ? (object[key] as unknown[]) : [object[key]];
    const names: string[] = [];
    for (const value of values) {
      if (typeof value === 'string' && value.trim() !== '') names.push(value.trim());
      else if (typeof value === 'object' && value !== null) {
        const name = (value as Record<string, unknown>).name;
        if (typeof name === 'string' && name.trim() !== '') names.push(name.trim());
      }
    }
    if (names.length > 0) return names.join(', ');
  }
  return undefined;
}

/** Where a URL's date and a machine date disagree by at most this many days, they name the same publication. */
const SAME_PUBLICATION_DAYS = 1;

type FoundDate = { date: PageDate; from: string };

/** Where each machine source stands: `strong` names the publication, `weak` may be a save time, `modified` an update. */
type MachineRank = 'strong' | 'weak' | 'modified';
type MachineDate = FoundDate & { rank: MachineRank };

function findDate(document: DomDocument, meta: MetaIndex, ld: readonly Record<string, unknown>[], url: string | undefined): FoundDate | undefined {
  const slashOrder = slashOrderOf(document, meta);
  const inText: TextDateOptions = slashOrder === undefined ? {} : { slashOrder };
  const inDateElement: TextDateOptions = { ...inText, shortYear: true };
  const candidates = machineDates(document, meta, ld);
  const machine = candidates.find((candidate) => candidate.rank !== 'modified');
  const fromUrl = url === undefined ? undefined : parseUrlDate(url);
  // The visible-text searches are the costly part: the content root and the dateline are found once, and
  // only when a rule below asks for them.
  let rootFound: DomElement | undefined;
  const root = (): DomElement => (rootFound ??= contentRoot(document));
  let datelineFound: { date: PageDate | undefined } | undefined;
  const findDateline = (): PageDate | undefined => (datelineFound ??= { date: headlineDateline(root(), inDateElement) ?? labelledDate(root(), inText) }).date;
  if (machine !== undefined) {
    // URL-date-wins: a day in the URL path is the publisher's own calendar day, set when the article was
    // first published; a machine date a day off is the same moment in UTC (or an update an hour later).
    // Where they agree the machine date stays, for its time of day.
    if (fromUrl !== undefined && fromUrl.day !== machine.date.day && Math.abs(daysBetween(machine.date.day, fromUrl.day)) <= SAME_PUBLICATION_DAYS) return { date: fromUrl, from: 'url' };
    const machineDaysDisagree = candidates.some((candidate) => candidate.date.day !== machine.date.day);
    const genericTag = WEAK_DATE_META_NAMES.includes(machine.from.slice('meta:'.length));
    const dateline = machineDaysDisagree || machine.rank === 'weak' || machine.date.utcTime === true ? findDateline() : undefined;
    if (dateline !== undefined && dateline.day !== machine.date.day) {
      // Dateline-confirms: where the page's machine dates disagree (published, created, issued, modified),
      // the one the page prints under its headline is the date it gives its readers.
      // An update cannot precede the publication: a modification time before it is not confirmed.
      const confirmed = candidates.find((candidate) => candidate.date.day === dateline.day && !(candidate.rank === 'modified' && daysBetween(machine.date.day, candidate.date.day) < 0));
      if (confirmed !== undefined) return confirmed;
      // Dateline-beats-weak: a bare `<time>` or generic date tag may be a sidebar item or a save time; a
      // date printed beside the headline is the article's own.
      if (machine.rank === 'weak') return { date: dateline, from: 'dateline' };
    }
    // Visible-day-wins: a machine time written in UTC gives UTC's day, and a generic date tag (see
    // WEAK_DATE_META_NAMES) is often the save time; the day the page shows its readers is the publisher's,
    // and where the two are a day apart the shown one is what a reader calls the date. The headline's
    // dateline is asked first: the first `<time>` on a page is often a header's "today".
    if (machine.date.utcTime === true || genericTag) {
      const shown = dateline ?? dateShownNear(document, root(), inDateElement);
      if (shown !== undefined && shown.day !== machine.date.day && Math.abs(daysBetween(machine.date.day, shown.day)) <= SAME_PUBLICATION_DAYS) return { date: shown, from: 'text' };
    }
    return machine;
  }
  if (fromUrl !== undefined) return { date: fromUrl, from: 'url' };
  const dateline = findDateline();
  if (dateline !== undefined) return { date: dateline, from: 'dateline' };
  const fromText = dateInMarkedElements(root(), inDateElement);
  if (fromText !== undefined) return { date: fromText, from: 'text' };
  const written = dateNearHeadline(root(), inText) ?? dateInVisibleText(root(), inText);
  if (written !== undefined) return { date: written, from: 'text' };
  const fromScript = scriptPublicationDate(document);
  if (fromScript !== undefined) return { date: fromScript, from: 'script' };
  const modified = candidates.find((candidate) => candidate.rank === 'modified');
  return modified === undefined ? undefined : { date: modified.date, from: modified.from };
}

/** The first date a reader sees: the text of a `<time>` element, else a short date-marked element. */
function dateShownNear(document: DomDocument, root: DomElement, options: TextDateOptions): PageDate | undefined {
  const times = document.querySelectorAll('time');
  for (let position = 0; position < times.length; position++) {
    const time = times[position];
    if (time === undefined || inComments(time) || textLength(time, MAX_DATE_ELEMENT_CHARS) > MAX_DATE_ELEMENT_CHARS) continue;
    const text = time.textContent ?? '';
    const date = parseTextDate(text, options);
    if (date !== undefined) return date;
  }
  return dateInMarkedElements(root, options);
}

/**
 * Every date written for machines, most trusted first: JSON-LD, publication meta tags, microdata, RDFa and
 * hAtom, `<time datetime>`, generic date tags, then modification dates.
 */
function machineDates(document: DomDocument, meta: MetaIndex, ld: readonly Record<string, unknown>[]): MachineDate[] {
  const found: MachineDate[] = [];
  addMachineDate(found, jsonLdString(ld, 'datePublished') ?? jsonLdString(ld, 'dateCreated'), 'json-ld', 'strong');
  for (const name of DATE_META_NAMES) addMachineDate(found, meta.get(name), `meta:${name}`, 'strong');
  // Microdata, RDFa (Drupal's schema:…), and the hAtom microformat Blogger and old WordPress themes use.
  const marked = document.querySelectorAll(MARKED_DATE_SELECTOR);
  for (let position = 0; position < marked.length; position++) {
    const element = marked[position];
    if (element === undefined || inComments(element)) continue;
    addMachineDate(found, element.getAttribute('datetime') ?? element.getAttribute('content') ?? element.getAttribute('title') ?? element.textContent, 'itemprop', 'strong');
  }
  // A bare tag selector, filtered here: the element index answers it from its per-tag list.
  const times = document.querySelectorAll('time');
  for (let position = 0; position < times.length; position++) {
    const time = times[position];
    const datetime = time?.getAttribute('datetime');
    if (time === undefined || datetime === null || datetime === undefined || inComments(time)) continue;
    addMachineDate(found, datetime, 'time', isModificationTime(time) ? 'modified' : 'weak');
  }
  for (const name of WEAK_DATE_META_NAMES) addMachineDate(found, meta.get(name), `meta:${name}`, 'weak');
  addMachineDate(found, jsonLdString(ld, 'dateModified'), 'json-ld:dateModified', 'modified');
  for (const name of MODIFIED_META_NAMES) addMachineDate(found, meta.get(name), `meta:${name}`, 'modified');
  return found;
}

/** Adds `value` to `found` when it parses as a machine date (a module function: no closure per page, README, Development). */
function addMachineDate(found: MachineDate[], value: string | null | undefined, from: string, rank: MachineRank): void {
  const date = value === undefined || value === null ? undefined : parseMachineDate(value);
  if (date !== undefined) found.push({ date, from, rank });
}

/**
 * Publication keys in the page's own data scripts (inline JavaScript state, `application/json` blobs) that
 * are not JSON-LD: `"datePublished": "…"`, `"published_at": "…"`, `publication_time: '…'`.
 */
const SCRIPT_PUBLICATION_KEY = /["']?\b(?:datePublished|publishedDate|published_at|publishDate|publish_date|publication_time|first_publish_date|firstPublishDate|published_time)["']?\s*[:=]\s*["']([^"']{8,40})["']/g;

/** Script-date: the first publication key in a page's data scripts; only asked when nothing visible or machine-read dates the page. */
function scriptPublicationDate(document: DomDocument): PageDate | undefined {
  const scripts = document.querySelectorAll('script:not([type="application/ld+json"])');
  for (let position = 0; position < scripts.length; position++) {
    const source = scripts[position]?.textContent ?? '';
    for (const match of source.matchAll(SCRIPT_PUBLICATION_KEY)) {
      const date = parseMachineDate(match[1] ?? '');
      if (date !== undefined) return date;
    }
  }
  return undefined;
}

/** A `<time>` marked as the modification only: `itemprop="dateModified"`, or hAtom's `updated` without `published`. */
function isModificationTime(time: DomElement): boolean {
  if (time.getAttribute('itemprop') === 'dateModified') return true;
  const names = ` ${time.getAttribute('class') ?? ''} `;
  return /\supdated\s/.test(names) && !/\spublished\s/.test(names);
}

/** Class/id words of reader-comment sections: their times date the comments, not the article. */
const COMMENTS_CLASS = /comment|kommentar|commentaire|respond|disqus/i;

/** True when the element's own class or id names a reader-comment section. */
function isCommentSection(element: DomElement): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names.length > 1 && COMMENTS_CLASS.test(names);
}

/** True when `element` sits inside a reader-comment section. */
function inComments(element: DomElement): boolean {
  for (let current: DomElement | null = element; current !== null; current = current.parentElement) {
    if (isCommentSection(current)) return true;
  }
  return false;
}

/** A written date inside a short element whose class or id says it shows a date (blog post headers, bylines). */
function dateInMarkedElements(body: DomElement, options: TextDateOptions): PageDate | undefined {
  const candidates = body.querySelectorAll('[class], [id]');
  for (let position = 0; position < candidates.length; position++) {
    const element = candidates[position];
    if (element === undefined) continue;
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    // Lengths first, counted only up to the limit: date-classed wrappers can hold the whole article.
    if (!DATE_CLASS.test(names) || inComments(element) || textLength(element, MAX_DATE_ELEMENT_CHARS) > MAX_DATE_ELEMENT_CHARS) continue;
    const text = element.textContent ?? '';
    const date = parseTextDate(text, options);
    if (date !== undefined) return date;
  }
  return undefined;
}

/** Characters of visible text searched for a written date: dates stand near the headline, not at the foot. */
const VISIBLE_TEXT_SEARCH_CHARS = 20000;

/** Collects the visible text (scripts and styles left out) under the nodes it is given, until `limit` characters. */
class VisibleTextReader {
  readonly parts: string[] = [];
  length = 0;
  /** `skip`: an element whose text is left out (the headline, whose own words may hold a date). */
  constructor(
    readonly limit: number,
    readonly skip?: DomNode,
  ) {}

  get full(): boolean {
    return this.length > this.limit;
  }

  visit(node: DomNode): void {
    if (this.full) return;
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      this.parts.push(value);
      this.length += value.length;
      return;
    }
    if (!isElement(node) || INVISIBLE_TAGS.has(node.localName) || node === this.skip || isCommentSection(node)) return;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) this.visit(child);
  }

  /** The text read, whitespace collapsed: markup splits "4.&thinsp;2.&thinsp;2022" into runs of spaces. */
  get text(): string {
    return collapseWhitespace(this.parts.join(' '));
  }
}

/** The first full date written in the page's visible text (scripts and styles left out), near the top. */
function dateInVisibleText(body: DomElement, options: TextDateOptions): PageDate | undefined {
  const reader = new VisibleTextReader(VISIBLE_TEXT_SEARCH_CHARS);
  reader.visit(body);
  return parseTextDate(reader.text, options);
}

/** Characters of visible text read from the headline on: a dateline sits just above or below the `<h1>`. */
const HEADLINE_DATE_WINDOW_CHARS = 1500;

/**
 * Date-near-headline: read the visible text from the headline's parent block onwards. Asked before the first
 * date anywhere on the page, which on pages without machine dates is as often a news ticker, an event
 * calendar or a sidebar as the article's own date.
 */
function dateNearHeadline(root: DomElement, options: TextDateOptions): PageDate | undefined {
  const headline = root.querySelector('h1');
  if (headline === null || headline === undefined) return undefined;
  const start = headline.parentElement ?? headline;
  const reader = new VisibleTextReader(HEADLINE_DATE_WINDOW_CHARS);
  // The headline's block, then what follows it in document order, until the window is full.
  for (let node: DomNode | null = start; node !== null && !reader.full; node = nextInOrder(node)) reader.visit(node);
  return parseTextDate(reader.text, options);
}

/** A headline's enclosing block counts as its header while its text is at most this long (headline, kicker, byline). */
const HEADER_BLOCK_MAX_CHARS = 600;
/** Characters of visible text read from the header block on for the dateline: it sits beside the headline. */
const DATELINE_WINDOW_CHARS = 400;

/** The article's headline: the first `<h1>` inside an `<article>`, else the first `<h1>` with text. */
function articleHeadline(root: DomElement): DomElement | undefined {
  const inArticle = root.querySelector('article h1');
  if (inArticle !== null && (inArticle.textContent ?? '').trim() !== '') return inArticle;
  const headings = root.querySelectorAll('h1');
  for (let position = 0; position < headings.length; position++) {
    const heading = headings[position];
    if (heading !== undefined && !inComments(heading) && (heading.textContent ?? '').trim() !== '') return heading;
  }
  return undefined;
}

/**
 * Headline dateline: the date printed in the headline's header block (kicker, byline, "Stand: …") or just
 * after it. The header block is the largest ancestor of the `<h1>` still of header size, so a date above the
 * headline counts too.
 */
function headlineDateline(root: DomElement, options: TextDateOptions): PageDate | undefined {
  const headline = articleHeadline(root);
  if (headline === undefined) return undefined;
  let start: DomElement = headline;
  while (start.parentElement !== null && textLength(start.parentElement, HEADER_BLOCK_MAX_CHARS) <= HEADER_BLOCK_MAX_CHARS) start = start.parentElement;
  const reader = new VisibleTextReader(DATELINE_WINDOW_CHARS, headline);
  for (let node: DomNode | null = start; node !== null && !reader.full; node = nextInOrder(node)) reader.visit(node);
  return parseTextDate(reader.text, options);
}

/**
 * Words that introduce a publication date in the page's own text ("Veröffentlicht am 16.08.2019", "Published
 * on", "Publié le"). Update labels ("Aktualisiert", "Updated", "Stand") are deliberately not among them.
 */
const PUBLICATION_LABEL = /\b(?:published|posted|first published|ver(?:ö|oe)ffentlicht|erschienen|publiziert|publi(?:é|e)e?|publicad[oa]|pubblicat[oa]|opublikowano)(?:\s+(?:on|am|le|el|il|dnia))?\s*:?\s*/gi;
/**
 * The words PUBLICATION_LABEL starts with (its prefixes suffice). The reader's parts are joined with spaces and
 * only whitespace is collapsed, so a label's word lies whole inside one part: a page whose parts hold none has
 * no labelled date, and its text (up to LABELLED_SEARCH_CHARS) is not joined.
 */
const PUBLICATION_LABEL_WORD = /published|posted|ver(?:ö|oe)ffentlicht|erschienen|publiziert|publi[ée]|publicad[oa]|pubblicat[oa]|opublikowano/i;

export function mayHoldPublicationLabel(part: string): boolean {
  return PUBLICATION_LABEL_WORD.test(part);
}

/** Characters after a publication label in which its date must start: "Veröffentlicht am: Mittwoch, 01.11.2023". */
const LABELLED_DATE_CHARS = 30;
/** Characters of visible text searched for a labelled date: it may stand in a footer ("Erschienen am …"). */
const LABELLED_SEARCH_CHARS = 60000;

/** Labelled-date: a date the page's text introduces as its publication date, wherever on the page. */
function labelledDate(root: DomElement, options: TextDateOptions): PageDate | undefined {
  const reader = new VisibleTextReader(LABELLED_SEARCH_CHARS);
  reader.visit(root);
  if (!reader.parts.some(mayHoldPublicationLabel)) return undefined;
  const text = reader.text;
  for (const label of text.matchAll(PUBLICATION_LABEL)) {
    const start = (label.index ?? 0) + label[0].length;
    const date = parseTextDate(text.slice(start, start + LABELLED_DATE_CHARS), options);
    if (date !== undefined) return date;
  }
  return undefined;
}

/** The next sibling of `node`, else of its nearest ancestor that has one. */
function nextInOrder(node: DomNode): DomNode | null {
  for (let current: DomNode | null = node; current !== null; current = current.parentNode) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}

const INVISIBLE_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);

function cleanTitle(raw: string, site: string | undefined): string {
  const title = collapseWhitespace(raw);
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  // Drop the part that is the site name with what stands on its far side ("Headline | Site | Slogan"),
  // else the shortest end part when it is short.
  const first = parts[0] ?? title;
  const last = parts[parts.length - 1] ?? '';
  if (site !== undefined) {
    const lowerSite = site.toLowerCase();
    const isSite = (part: string): boolean => part.toLowerCase().includes(lowerSite) || lowerSite.includes(part.toLowerCase());
    if (isSite(last)) return parts.slice(0, -1).join(' - ');
    if (isSite(first)) return parts.slice(1).join(' - ');
    const inner = parts.findIndex(isSite);
    if (inner > 0) return parts.slice(0, inner).join(' - ');
  }
  // Unknown site: a short last part after the separator is the site name ("Headline | Blog Name").
  if (last.length < first.length && parts.length === 2) return first;
  return title;
}

function findTitle(document: DomDocument, meta: MetaIndex, ld: readonly Record<string, unknown>[], site: string | undefined): string | undefined {
  const explicit = meta.get('og:title') ?? meta.get('twitter:title') ?? jsonLdString(ld, 'headline');
  if (explicit !== undefined) return cleanTitle(explicit, site);
  const headings = document.body?.querySelectorAll('h1');
  if (headings !== undefined && headings.length === 1) {
    const heading = collapseWhitespace(headings[0]?.textContent ?? '');
    if (heading !== '') return heading;
  }
  const title = document.querySelector('title')?.textContent;
  if (title !== undefined && title !== null && title.trim() !== '') return cleanTitle(title, site);
  return undefined;
}

function findAuthor(document: DomDocument, meta: MetaIndex, ld: readonly Record<string, unknown>[], site: string | undefined): string | undefined {
  const candidates = [jsonLdName(ld, 'author'), meta.get('author'), meta.get('article:author'), meta.get('dc.creator'), meta.get('byl'), meta.get('parsely-author'), meta.get('sailthru.author')];
  const marked = document.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .author-name, .byline-name, .author .fn, .vcard .fn');
  if (marked !== null) candidates.push(marked.getAttribute('content') ?? marked.textContent ?? undefined);
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const author = collapseWhitespace(candidate).replace(/^(?:by|von|par|di|por)\s+/i, '');
    if (author === '' || author.length > MAX_AUTHOR_CHARS || /^https?:\/\//.test(author)) continue;
    // The site's own name (alone or leading) or a bare domain in an author field names the publisher, not
    // who wrote the piece; a handle (`@…`), a credit fragment (`/…`) or a date is no name either.
    if ((site !== undefined && site !== '' && author.toLowerCase().startsWith(site.toLowerCase())) || BARE_DOMAIN.test(author)) continue;
    if (/^[@/]/.test(author) || parseTextDate(author) !== undefined) continue;
    return author;
  }
  return undefined;
}

function resolveUrl(href: string, base: string | undefined): string | undefined {
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}

/** The page's declared locale (`en-GB`, `de`, `en_US`), as written. */
function declaredLocale(document: DomDocument, meta: MetaIndex): string | undefined {
  return document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang') ?? meta.get('content-language') ?? meta.get('language') ?? meta.get('dc.language') ?? meta.get('og:locale');
}

function findLanguage(document: DomDocument, meta: MetaIndex): string | undefined {
  const raw = declaredLocale(document, meta);
  if (raw === undefined) return undefined;
  const primary = /^([a-z]{2,3})(?:[-_]|$)/i.exec(raw.trim());
  return primary?.[1]?.toLowerCase();
}

/**
 * Slash-order-by-locale: American English writes `05/03/2022` month first, the other locales of the web day
 * first. English with no region (or no declared language) could be either, so it stays unknown.
 */
function slashOrderOf(document: DomDocument, meta: MetaIndex): TextDateOptions['slashOrder'] {
  const locale = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i.exec(declaredLocale(document, meta)?.trim() ?? '');
  if (locale === null) return undefined;
  const language = (locale[1] ?? '').toLowerCase();
  const region = locale[2]?.toLowerCase();
  if (language !== 'en') return 'day-first';
  if (region === undefined) return undefined;
  return region === 'us' ? 'month-first' : 'day-first';
}

/** Reads the metadata of a parsed page; `pageUrl` is where the page was fetched from, when known. */
export function readMetadata(document: DomDocument, pageUrl?: string): PageMetadata {
  const meta = indexMeta(document);
  const ld = jsonLdObjects(document);
  const result: PageMetadata = {};
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta.get('og:url');
  const canonical = canonicalHref === undefined || canonicalHref === null ? undefined : resolveUrl(canonicalHref, pageUrl);
  const url = canonical ?? pageUrl;
  if (url !== undefined) result.url = url;
  const publisher = ld.map((object) => object.publisher).find((value) => typeof value === 'object' && value !== null) as Record<string, unknown> | undefined;
  const site = meta.get('og:site_name') ?? (typeof publisher?.name === 'string' ? publisher.name : undefined) ?? meta.get('application-name');
  // Some sites put their address in og:site_name: the host name then says the same more plainly.
  const siteAddress = site !== undefined && /^https?:\/\//i.test(site.trim()) ? site.trim() : undefined;
  if (site !== undefined && siteAddress === undefined && collapseWhitespace(site) !== '') result.site = collapseWhitespace(site);
  else {
    const host = resolveUrl(siteAddress ?? url ?? '', undefined);
    if (host !== undefined) result.site = new URL(host).hostname.replace(/^www\./, '');
  }
  const title = findTitle(document, meta, ld, result.site);
  if (title !== undefined && title !== '') result.title = title;
  const found = findDate(document, meta, ld, url ?? pageUrl);
  if (found !== undefined) {
    result.published = found.date.iso;
    result.publishedDay = found.date.day;
    result.publishedFrom = found.from;
  }
  const author = findAuthor(document, meta, ld, result.site);
  if (author !== undefined) result.author = author;
  const language = findLanguage(document, meta);
  if (language !== undefined) result.language = language;
  return result;
}


