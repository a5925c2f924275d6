// The story page (GET /story/{id}): headline, timeline, the digest with every sentence's citations linking to
// the passage in each source, disagreements, quotes, numbers, what each source adds, the articles by copy
// family and the graph of who copied whom. Long stories are shown in bounded parts (the page stays small).
import type { ArticleSummary, CopyFamily, StoryView } from '../../engine/index.ts';
import type { Citation, NumberFact, Relation } from '../../model.ts';
import { html, join, queryString, segment, type Html } from '../html.ts';
import { articlesFromSources, day, dayAndTime, isolate, langAttribute, plural, renderPage, shortId } from '../layout.ts';
import { copyGraph, MAX_GRAPH_NODES, timelineChart, type GraphNode } from '../svg.ts';

/** Articles listed per page of the family list; the rest is one link away (?page=2). */
export const ARTICLES_PER_PAGE = 50;
/** Rows of the relations table, quotes, numbers and additions shown at most: the page weight stays bounded. */
export const MAX_RELATION_ROWS = 20;
export const MAX_FACT_ROWS = 20;
export const MAX_ADDITION_SOURCES = 15;
/** Citations shown after one digest sentence; the rest are counted. */
export const MAX_CITATIONS_PER_SENTENCE = 10;

interface Sources {
  /** Citation number of each article: its place in the story's telling order, from 1. */
  number: Map<string, number>;
  byId: Map<string, ArticleSummary>;
}

/** Both times fall on one UTC day (as `day` shows them): the page names that day once. */
function sameDay(a: string, b: string): boolean {
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return !Number.isNaN(x) && !Number.isNaN(y) && new Date(x).toISOString().slice(0, 10) === new Date(y).toISOString().slice(0, 10);
}

function sourceName(article: ArticleSummary | undefined): string {
  if (article === undefined) return 'an article no longer in the story';
  return article.source ?? article.path.split('/').pop() ?? article.id;
}

/** One citation: the source's number, linking to its article scrolled to the passage, highlighted. */
function citationLink(sources: Sources, articleId: string, span?: { start: number; end: number }): Html {
  const number = sources.number.get(articleId);
  const article = sources.byId.get(articleId);
  // Number and outlet only: the article's title is one click away and in the family list, and a long story
  // repeats citations hundreds of times, so each one is kept short.
  const label = `Source ${number ?? '?'}: ${sourceName(article)}`;
  const href = span === undefined ? `/article/${segment(articleId)}` : `/article/${segment(articleId)}${queryString({ hl: `${span.start}-${span.end}` })}#passage`;
  return html`<a class="cite" href="${href}" title="${label}" aria-label="${label}">${number ?? '?'}</a>`;
}

/** A link to an article by its number and outlet, both visible (no extra labels: it is repeated in long tables). */
function articleRef(sources: Sources, articleId: string): Html {
  return html`<a class="ref" href="/article/${segment(articleId)}">${sources.number.get(articleId) ?? '?'} ${isolate(sourceName(sources.byId.get(articleId)))}</a>`;
}

/** A citation may lack a span: facts name their sources, not the passage. */
type CitationRef = { articleId: string; span?: Citation['span'] };

function citationList(sources: Sources, citations: readonly CitationRef[]): Html {
  const shown = citations.slice(0, MAX_CITATIONS_PER_SENTENCE).map((citation) => citationLink(sources, citation.articleId, citation.span));
  const more = citations.length > shown.length ? html` <span class="more">and ${citations.length - shown.length} more</span>` : '';
  return html`<span class="cites">${join(shown, ' ')}${more}</span>`;
}

function sourceLinks(sources: Sources, ids: readonly string[]): Html {
  return citationList(sources, ids.map((articleId) => ({ articleId })));
}

function digestSection(view: StoryView, sources: Sources): Html {
  if (view.digest.sentences.length === 0) return html``;
  const items = view.digest.sentences.map((sentence) => {
    // A view kept before citations had spans still links every source, and the chosen wording's own passage.
    const citations: CitationRef[] = sentence.citations ?? sentence.sources.map((articleId) => (articleId === sentence.from.articleId ? { articleId, span: sentence.from.span } : { articleId }));
    // Each sentence in its own language (a German story's digest is read with German speech; WCAG 3.1.2).
    // dir="auto": a right-to-left sentence makes a right-to-left item (its citations after it, on its left).
    return html`<li><p dir="auto"><bdi${langAttribute(sentence.language ?? view.digest.language)}>${sentence.text}</bdi> ${citationList(sources, citations)}</p></li>`;
  });
  return html`<section id="digest" aria-labelledby="digest-h"><h2 id="digest-h">The story in brief</h2>
<p class="hint">Each number is a source carrying the sentence; it opens that article at the passage.</p>
<ol class="digest">${join(items)}</ol></section>`;
}

function disagreementsSection(view: StoryView, sources: Sources): Html {
  const disagreements = view.digest.facts?.disagreements ?? [];
  if (disagreements.length === 0) return html``;
  return html`<section id="disagreements" aria-labelledby="disagreements-h"><h2 id="disagreements-h">Where sources disagree</h2>
${join(
  disagreements.slice(0, MAX_FACT_ROWS).map(
    (disagreement) => html`<div class="disagreement"><h3>${disagreement.kind === 'number' ? 'A number' : disagreement.kind === 'time' ? 'A time' : 'A name'}: ${isolate(disagreement.about)}</h3>
<ul>${join(disagreement.sides.map((side) => html`<li><strong>${isolate(side.value)}</strong>: ${isolate(side.sentence)} ${sourceLinks(sources, side.sources)}</li>`))}</ul></div>`,
  ),
)}</section>`;
}

function quotesSection(view: StoryView, sources: Sources): Html {
  const quotes = view.digest.facts?.quotes ?? [];
  if (quotes.length === 0) return html``;
  const rows = quotes.slice(0, MAX_FACT_ROWS).map(
    (quote) => html`<li><blockquote><p dir="auto">“${isolate(quote.text)}”</p></blockquote><p class="speaker">${quote.speaker === undefined ? html`<span class="unknown">speaker not named</span>` : html`— ${isolate(quote.speaker)}`} ${sourceLinks(sources, quote.sources)}</p></li>`,
  );
  return html`<section id="quotes" aria-labelledby="quotes-h"><h2 id="quotes-h">Quotes</h2><ul class="quotes">${join(rows)}</ul>${quotes.length > rows.length ? html`<p class="more">${quotes.length - rows.length} more quotes not shown.</p>` : ''}</section>`;
}

/**
 * What a figure is, in words: a number's `counts` is the counted words for a count, but the unit its value is
 * given in for a measure ("kg" beside "8,400 tons"), a currency code for money, or the kind of figure.
 */
const FIGURE_KINDS: Readonly<Record<string, string>> = {
  m: 'length', kg: 'weight', l: 'volume', m2: 'area', 'm/s': 'speed', deg: 'degrees', degF: 'temperature',
  percent: 'share', points: 'percentage points', duration: 'length of time', age: 'age',
};
const CURRENCY_CODE = /^[A-Z]{3}$/;

function figureKind(counts: string): string {
  if (Object.hasOwn(FIGURE_KINDS, counts)) return FIGURE_KINDS[counts]!;
  return CURRENCY_CODE.test(counts) ? `money (${counts})` : counts;
}

/**
 * A row's two cells: a count is split into its numeral, as the facts read it, and what it counts ("14 | crew
 * members", "14 | crew" of "a crew of 14", "a dozen | people"), so the counted words are not told twice; other
 * figures keep their text and say their kind.
 */
function figureCells(number: NumberFact): [string, string] {
  const kind = figureKind(number.counts);
  const at = number.numeral === undefined ? -1 : number.text.indexOf(number.numeral);
  if (at < 0) return [number.text, kind];
  const rest = `${number.text.slice(0, at)} ${number.text.slice(at + number.numeral!.length)}`.replace(/^\s*of(?:\s+(?:the|its|their))?\s+|\s+of\s*$/gi, '').trim();
  // "a town of 11,000" counts people: the words around the numeral name the place, not what is counted.
  if (rest !== '' && !rest.toLowerCase().includes(number.counts.toLowerCase())) return [number.numeral!, kind];
  return [number.numeral!, rest === '' ? kind : rest.replace(/\s+/g, ' ')];
}

function numbersSection(view: StoryView, sources: Sources): Html {
  const numbers = view.digest.facts?.numbers ?? [];
  if (numbers.length === 0) return html``;
  const rows = numbers.slice(0, MAX_FACT_ROWS).map((number) => {
    const [figure, what] = figureCells(number);
    return html`<tr><td>${isolate(figure)}</td><td>${isolate(what)}</td><td>${sourceLinks(sources, number.sources)}</td></tr>`;
  });
  return html`<section id="numbers" aria-labelledby="numbers-h"><h2 id="numbers-h">Numbers</h2>
<div class="table-scroll" tabindex="0" role="region" aria-label="Numbers table"><table><thead><tr><th scope="col">Figure</th><th scope="col">What it is</th><th scope="col">Sources</th></tr></thead><tbody>${join(rows)}</tbody></table></div>
${numbers.length > rows.length ? html`<p class="more">${numbers.length - rows.length} more numbers not shown.</p>` : ''}</section>`;
}

function additionsSection(view: StoryView, sources: Sources): Html {
  const additions = (view.digest.additions ?? []).filter((addition) => addition.sentences.length > 0);
  if (additions.length === 0) return html``;
  const rows = additions.slice(0, MAX_ADDITION_SOURCES).map((addition) => {
    const article = sources.byId.get(addition.articleId);
    return html`<li><h3>${citationLink(sources, addition.articleId)} ${isolate(sourceName(article))}</h3><ul>${join(addition.sentences.slice(0, 3).map((sentence) => html`<li dir="auto">${isolate(sentence)}</li>`))}</ul>${addition.sentences.length > 3 ? html`<p class="more">and ${plural(addition.sentences.length - 3, 'more sentence')}</p>` : ''}</li>`;
  });
  return html`<section id="additions" aria-labelledby="additions-h"><h2 id="additions-h">What each source adds</h2><ul class="additions">${join(rows)}</ul></section>`;
}

function relationText(relation: Relation, memberId: string, sources: Sources): Html {
  const other = relation.a === memberId ? relation.b : relation.a;
  const role = relation.a === memberId ? 'source of' : relation.direction.known ? 'copied from' : 'shares text with';
  return html`<span class="via"><span class="kind ${relation.kind}">${relation.kind}</span> ${role} ${articleRef(sources, other)} (score ${relation.score.toFixed(2)}) <a href="/article/${segment(memberId)}/compare/${segment(other)}">compare</a></span>`;
}

function familiesSection(view: StoryView, families: readonly CopyFamily[], sources: Sources, pageNumber: number): Html {
  const firstShown = (pageNumber - 1) * ARTICLES_PER_PAGE;
  const lastShown = firstShown + ARTICLES_PER_PAGE;
  let seen = 0;
  const blocks: Html[] = [];
  const copied = families.filter((family) => family.members.length > 1);
  const single = families.filter((family) => family.members.length === 1);
  const memberItem = (id: string, via: Relation | undefined) => {
    const article = sources.byId.get(id);
    return html`<li><span class="num">${sources.number.get(id) ?? '?'}</span> <a href="/article/${segment(id)}">${isolate(article?.title ?? id)}</a>
<span class="meta">${isolate(sourceName(article))}${article?.published === undefined ? '' : html` · ${dayAndTime(article.published)}`}</span>${via === undefined ? '' : html` ${relationText(via, id, sources)}`}</li>`;
  };
  copied.forEach((family, index) => {
    const members = family.members.filter(() => {
      const shown = seen >= firstShown && seen < lastShown;
      seen++;
      return shown;
    });
    if (members.length === 0) return;
    const kinds = new Set(family.members.flatMap((member) => (member.via === undefined ? [] : [member.via.kind])));
    const what = [kinds.has('version') ? 'versions' : '', kinds.has('duplicate') ? 'duplicates' : '', kinds.has('reuse') || kinds.has('rewrite') ? 'lifted passages' : ''].filter((word) => word !== '').join(', ');
    const first = sources.byId.get(family.members[0]!.id);
    blocks.push(html`<section class="family"><h3>Copy family ${index + 1}: ${isolate(sourceName(first))} and ${plural(family.members.length - 1, 'other')} (${what})</h3><ol>${join(members.map((member) => memberItem(member.id, member.via)))}</ol></section>`);
  });
  const singles = single.filter(() => {
    const shown = seen >= firstShown && seen < lastShown;
    seen++;
    return shown;
  });
  if (singles.length > 0) blocks.push(html`<section class="family"><h3>Independent reports (no copy relation)</h3><ol>${join(singles.map((family) => memberItem(family.members[0]!.id, undefined)))}</ol></section>`);
  const pages = Math.ceil(view.articles.length / ARTICLES_PER_PAGE);
  const pager =
    pages <= 1
      ? ''
      : html`<nav class="pager" aria-label="Article pages">${join(
          Array.from({ length: pages }, (_, index) => index + 1).map((number) =>
            number === pageNumber ? html`<span aria-current="page">${number}</span>` : html`<a href="/story/${segment(view.story.id)}${queryString({ page: number === 1 ? undefined : number })}#articles">${number}</a>`,
          ),
          ' ',
        )}</nav>`;
  return html`<section id="articles" aria-labelledby="articles-h"><h2 id="articles-h">Articles by copy family</h2>${pages > 1 ? html`<p>Articles ${firstShown + 1} to ${Math.min(lastShown, view.articles.length)} of ${view.articles.length}.</p>` : ''}${join(blocks)}${pager}</section>`;
}

function graphSection(view: StoryView, families: readonly CopyFamily[], sources: Sources): Html {
  if (view.relations.length === 0) return html``;
  const nodes: GraphNode[] = [];
  // Families largest first, each from its first member (the likely original), until the drawing is full.
  for (const family of families) {
    if (family.members.length < 2 || nodes.length >= MAX_GRAPH_NODES - 1) continue;
    for (const member of family.members.slice(0, MAX_GRAPH_NODES - nodes.length)) {
      const article = sources.byId.get(member.id);
      nodes.push({ id: member.id, label: `${sources.number.get(member.id) ?? '?'} ${sourceName(article)}`, title: article?.title ?? member.id });
    }
  }
  const shownIds = new Set(nodes.map((node) => node.id));
  const rows = view.relations.slice(0, MAX_RELATION_ROWS).map(
    (relation) => html`<tr><td>${articleRef(sources, relation.a)}</td><td>${articleRef(sources, relation.b)}</td><td class="kind ${relation.kind}">${relation.kind}</td><td>${relation.score.toFixed(2)}</td><td>${relation.direction.known ? '' : 'unknown: '}${isolate(relation.direction.reason)}</td><td><a href="/article/${segment(relation.b)}/compare/${segment(relation.a)}" aria-label="compare ${sources.number.get(relation.a) ?? '?'} with ${sources.number.get(relation.b) ?? '?'}">compare</a></td></tr>`,
  );
  const hidden = view.relations.filter((relation) => !shownIds.has(relation.a) || !shownIds.has(relation.b)).length;
  return html`<section id="copies" aria-labelledby="copies-h"><h2 id="copies-h">Who copied whom</h2>
<p class="hint">Arcs run from source to copy, the arrowhead at the copy; dashed where the evidence cannot tell the direction. Hover or focus an arc for the evidence; open it to compare the two texts.</p>
<div class="graph-scroll">${copyGraph(nodes, view.relations, 'graph')}</div>
<p id="graph-evidence" class="evidence" role="status" aria-live="polite"></p>
${hidden > 0 ? html`<p class="more">${plural(hidden, 'relation')} outside the ${MAX_GRAPH_NODES} articles drawn are listed below.</p>` : ''}
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="relations-caption"><table class="relations"><caption id="relations-caption">Copy relations and the evidence for their direction</caption>
<thead><tr><th scope="col">Source</th><th scope="col">Copy</th><th scope="col">Kind</th><th scope="col">Score</th><th scope="col">Evidence for the direction</th><th scope="col"><span class="visually-hidden">Compare</span></th></tr></thead>
<tbody>${join(rows)}</tbody></table></div>
${view.relations.length > rows.length ? html`<p class="more">${view.relations.length - rows.length} more relations not listed.</p>` : ''}
</section>`;
}

export function storyPage(view: StoryView, families: readonly CopyFamily[], pageNumber: number): Html {
  const sources: Sources = { number: new Map(view.articles.map((article, index) => [article.id, index + 1])), byId: new Map(view.articles.map((article) => [article.id, article])) };
  // Outlets named by the articles, as the story list counts them (an article without a source names none).
  const sourceCount = new Set(view.articles.flatMap((article) => article.source ?? [])).size;
  const timeline = view.timeline;
  const undated = timeline.undated > 0 ? html`<p>${plural(timeline.undated, 'article')} without a publication date ${timeline.undated === 1 ? 'is' : 'are'} not counted.</p>` : '';
  const toc = [
    ['timeline', 'Timeline'],
    ['digest', 'In brief'],
    ['disagreements', 'Disagreements', (view.digest.facts?.disagreements.length ?? 0) > 0],
    ['quotes', 'Quotes', (view.digest.facts?.quotes.length ?? 0) > 0],
    ['numbers', 'Numbers', (view.digest.facts?.numbers.length ?? 0) > 0],
    ['additions', 'What each adds', (view.digest.additions ?? []).some((addition) => addition.sentences.length > 0)],
    ['articles', 'Articles'],
    ['copies', 'Who copied whom', view.relations.length > 0],
  ].filter((entry) => entry[2] !== false);
  return renderPage({
    title: view.story.headline,
    page: 'story',
    data: { story: view.story.id, articles: String(view.articles.length) },
    body: html`<article class="story">
<h1>${isolate(view.story.headline)}</h1>
<p class="meta">${articlesFromSources(view.articles.length, sourceCount, view.articles.filter((article) => article.source === undefined).length)} · ${sameDay(view.story.firstSeen, view.story.lastSeen) ? day(view.story.firstSeen) : html`${day(view.story.firstSeen)} to ${day(view.story.lastSeen)}`} · story <code>${shortId(view.story.id)}</code></p>
<p id="live-status" class="live-status" role="status" aria-live="polite"></p>
<nav class="toc" aria-label="On this page"><ul>${join(toc.map(([id, label]) => html`<li><a href="#${String(id)}">${String(label)}</a></li>`))}</ul></nav>
<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>${timelineChart(timeline.perDay, 'timeline-chart')}${undated}</section>
${digestSection(view, sources)}
${disagreementsSection(view, sources)}
${quotesSection(view, sources)}
${numbersSection(view, sources)}
${additionsSection(view, sources)}
${familiesSection(view, families, sources, pageNumber)}
${graphSection(view, families, sources)}
</article>`,
  });
}
