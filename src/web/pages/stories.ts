// The story list (GET /): recent or largest first, a page at a time, with filters for dates, source and
// language; and the search results page (GET /find), the API's article search shown as a page.
import type { SearchPage, StoryPage, StoryPageRequest, StoryRow } from '../../engine/index.ts';
import { html, join, queryString, segment, type Html, type HtmlValue } from '../html.ts';
import { articlesFromSources, day, isolate, renderPage } from '../layout.ts';

export interface StoryListFilters {
  sort: 'recent' | 'size';
  since?: string;
  until?: string;
  source?: string;
  language?: string;
  cursor?: string;
  /** Rows a page holds (the engine's default and bounds apply). */
  limit?: number;
}

export function storyListRequest(filters: StoryListFilters): StoryPageRequest {
  const request: StoryPageRequest = { sort: filters.sort };
  // The date inputs give a day; `until` takes in the whole of it.
  if (filters.since !== undefined) request.since = filters.since;
  if (filters.until !== undefined) request.until = /^\d{4}-\d{2}-\d{2}$/.test(filters.until) ? `${filters.until}T23:59:59.999Z` : filters.until;
  if (filters.source !== undefined) request.source = filters.source;
  if (filters.language !== undefined) request.language = filters.language;
  if (filters.cursor !== undefined) request.cursor = filters.cursor;
  if (filters.limit !== undefined) request.limit = filters.limit;
  return request;
}

/** One row of the list; also sent alone to the script that inserts live updates. */
export function storyRow(row: StoryRow): Html {
  const names = row.topNames.length === 0 ? '' : html`<p class="names">${join(row.topNames.slice(0, 5).map((name) => isolate(name)), ', ')}</p>`;
  return html`<li class="story-row" id="story-${row.id}" data-story="${row.id}">
<h2><a href="/story/${segment(row.id)}">${isolate(row.headline)}</a></h2>
<p class="meta">${articlesFromSources(row.articles, row.sources)} · ${day(row.firstSeen)}${row.firstSeen.slice(0, 10) === row.lastSeen.slice(0, 10) ? '' : html` to ${day(row.lastSeen)}`}</p>
${names}
</li>`;
}

function filterForm(filters: StoryListFilters): Html {
  const option = (value: string, label: string) => html`<option value="${value}"${filters.sort === value ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" action="/" method="get" aria-label="Filter stories">
<div><label for="sort">Order</label><select id="sort" name="sort">${option('recent', 'Most recent first')}${option('size', 'Largest first')}</select></div>
<div><label for="since">Since</label><input id="since" name="since" type="date" value="${filters.since ?? ''}"></div>
<div><label for="until">Until</label><input id="until" name="until" type="date" value="${filters.until ?? ''}"></div>
<div><label for="source">Source</label><input id="source" name="source" type="text" maxlength="200" value="${filters.source ?? ''}"></div>
<div><label for="language">Language</label><input id="language" name="language" type="text" maxlength="16" placeholder="en" value="${filters.language ?? ''}"></div>
<div class="actions"><button type="submit">Show stories</button> <a href="/">Clear</a></div>
</form>`;
}

export function storyListPage(filters: StoryListFilters, page: StoryPage): Html {
  const filtered = filters.since !== undefined || filters.until !== undefined || filters.source !== undefined || filters.language !== undefined;
  const same = { sort: filters.sort === 'recent' ? undefined : filters.sort, limit: filters.limit, since: filters.since, until: filters.until, source: filters.source, language: filters.language };
  const next = page.nextCursor === undefined ? '' : html`<a rel="next" href="/${queryString({ ...same, cursor: page.nextCursor })}">Next page</a>`;
  const first = filters.cursor === undefined ? '' : html`<a href="/${queryString(same)}">First page</a>`;
  const rows = page.stories.length === 0 ? html`<p class="empty">No stories${filtered ? ' match these filters' : ' yet'}.</p>` : html`<ol class="stories" id="story-list">${join(page.stories.map(storyRow))}</ol>`;
  // The script inserts new and grown stories only where they belong at the top: the first page, newest first, unfiltered.
  const live = filters.sort === 'recent' && filters.cursor === undefined && !filtered ? 'top' : 'notice';
  return renderPage({
    title: 'Stories',
    page: 'stories',
    data: { live },
    body: html`<h1>Stories</h1>
${filterForm(filters)}
<p id="live-status" class="live-status" role="status" aria-live="polite"></p>
${rows}
<nav class="pager" aria-label="Pages">${first} ${next}</nav>`,
  });
}

/** A snippet with the matched words marked: the ranges come from the store, the text is escaped piece by piece. */
function snippet(text: string, matches: readonly { start: number; end: number }[]): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const { start, end } of [...matches].sort((x, y) => x.start - y.start)) {
    if (start < last || end > text.length || end <= start) continue;
    parts.push(html`${text.slice(last, start)}<mark>${text.slice(start, end)}</mark>`);
    last = end;
  }
  parts.push(html`${text.slice(last)}`);
  return join(parts);
}

/** A search hit's source, day and story, those it has: an undated hit showed "Source · · story" before. */
function hitMeta(hit: SearchPage['hits'][number]): HtmlValue[] {
  const parts: HtmlValue[] = [];
  if (hit.source !== undefined) parts.push(isolate(hit.source));
  const published = day(hit.published);
  if (published !== '') parts.push(published);
  if (hit.story !== undefined) parts.push(html`story: <a href="/story/${segment(hit.story.id)}">${isolate(hit.story.headline)}</a>`);
  return parts;
}

export function findPage(query: string, cursor: string | undefined, page: SearchPage | undefined): Html {
  const hits =
    page === undefined
      ? html`<p>Type words to search the articles.</p>`
      : page.hits.length === 0
        ? html`<p class="empty">No article has all of these words.</p>`
        : html`<ol class="hits">${join(
            page.hits.map(
              (hit) => html`<li>
<h2><a href="/article/${segment(hit.id)}">${isolate(hit.title)}</a></h2>
<p class="meta">${join(hitMeta(hit), ' · ')}</p>
<p class="snippet">${snippet(hit.snippet.text, hit.snippet.matches)}</p>
</li>`,
            ),
          )}</ol>`;
  const next = page?.nextCursor === undefined ? '' : html`<nav class="pager" aria-label="Pages"><a rel="next" href="/find${queryString({ q: query, cursor: page.nextCursor })}">More results</a></nav>`;
  return renderPage({
    title: query === '' ? 'Search' : `Search: ${query}`,
    page: 'find',
    query,
    body: html`<h1>Articles matching <q>${isolate(query)}</q></h1>
${cursor === undefined ? '' : html`<p><a href="/find${queryString({ q: query })}">First results</a></p>`}
${hits}
${next}`,
  });
}
