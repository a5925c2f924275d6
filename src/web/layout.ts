// The page shell every page shares: head with the one stylesheet and the one script (both served by
// newsfold, nothing from elsewhere), a skip link, the header with the search box, and the main landmark.
import { html, type Html, type HtmlValue } from './html.ts';

/** Bumped when the static files change, so browsers do not keep an old copy past a deploy. */
export const ASSET_VERSION = '1';

export interface PageShell {
  title: string;
  /** Which page this is: the script reads it to decide what to enhance. */
  page: 'stories' | 'story' | 'article' | 'compare' | 'find' | 'error';
  /** data-* attributes handing the script what it needs (ids), since no inline script may run. */
  data?: Record<string, string>;
  /** The search box's current text. */
  query?: string;
  body: Html;
}

export function renderPage(shell: PageShell): Html {
  const data = Object.entries(shell.data ?? {}).map(([key, value]) => html` data-${key}="${value}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${shell.title} · newsfold</title>
<link rel="stylesheet" href="/static/newsfold.css?v=${ASSET_VERSION}">
<script src="/static/newsfold.js?v=${ASSET_VERSION}" defer></script>
</head>
<body data-page="${shell.page}"${data}>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">newsfold</a>
<form class="search" role="search" action="/find" method="get">
<label for="site-search">Search articles</label>
<input id="site-search" name="q" type="search" maxlength="200" required value="${shell.query ?? ''}">
<button type="submit">Search</button>
</form>
</header>
<main id="main" tabindex="-1">
${shell.body}
</main>
<footer class="site"><p>newsfold: stories folded from scraped news. Every sentence cites its sources.</p></footer>
</body>
</html>
`;
}

/** A date or time as a UTC day (YYYY-MM-DD) in a <time> element; nothing for a missing value. */
export function day(iso: string | undefined): Html | '' {
  if (iso === undefined || iso === '') return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return html`<span>${iso}</span>`;
  return html`<time datetime="${new Date(time).toISOString()}">${new Date(time).toISOString().slice(0, 10)}</time>`;
}

/** A date with the hour (UTC), for articles. */
export function dayAndTime(iso: string | undefined): Html | '' {
  if (iso === undefined || iso === '') return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return html`<span>${iso}</span>`;
  const text = new Date(time).toISOString();
  return html`<time datetime="${text}">${text.slice(0, 10)} ${text.slice(11, 16)} UTC</time>`;
}

/** A BCP 47 tag as the store keeps it ("de", "zh-Hans"); anything else is not put in an attribute. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * ` lang="xx"` for text in a known language other than the page's English, so a screen reader reads a German article
 * with German speech (WCAG 3.1.2, language of parts); nothing for English or "und" (undetermined).
 */
export function langAttribute(language: string | undefined): Html | '' {
  if (language === undefined || language === 'en' || language === 'und' || !LANGUAGE_TAG.test(language)) return '';
  return html` lang="${language}"`;
}

/** Text from an article (title, source) isolated from its surroundings, so a right-to-left override stays inside. */
export function isolate(text: HtmlValue): Html {
  return html`<bdi>${text}</bdi>`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * "3 articles from 2 sources", for a story's line. Articles without a source name none: when no article names
 * one the source is said to be unknown, not "from 0 sources"; when some do not, how many (fresh walk, session 29).
 * `unnamed` is undefined where only the count of named sources is known (a list row).
 */
export function articlesFromSources(articles: number, namedSources: number, unnamed?: number): string {
  const counted = plural(articles, 'article');
  if (namedSources === 0) return `${counted}, ${articles === 1 ? 'source' : 'sources'} unknown`;
  const without = unnamed === undefined || unnamed === 0 ? '' : ` (${plural(unnamed, 'article')} without one)`;
  return `${counted} from ${plural(namedSources, 'source')}${without}`;
}

/** The first characters of an id, as the CLI shows them. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
