// The article page (GET /article/{id}): the cleaned text with each reused passage in the colour of the article
// it came from (a legend links to them), a cited passage marked when the link asked for one (?hl=start-end),
// the lines cleaning dropped with each rule's name, and the metadata. The compare page
// (GET /article/{a}/compare/{b}) puts two articles' shared passages side by side with word differences.
import type { ArticleSummary, ArticleView, MarkedWord } from '../../engine/index.ts';
import type { Article, Relation, Span } from '../../model.ts';
import { html, join, safeHttpUrl, segment, type Html } from '../html.ts';
import { dayAndTime, isolate, langAttribute, plural, renderPage, shortId } from '../layout.ts';

/** Colours in the stylesheet for passages (.c0 ... .c7); more sources than this share colours, in order. */
export const PASSAGE_COLOURS = 8;
/** Sources named in the legend at most (strongest relations first); their passages are the ones coloured. */
export const MAX_LEGEND_SOURCES = 24;
/** Passages shown on a compare page at most. */
export const MAX_COMPARE_PASSAGES = 50;

/** A reused stretch of this article and the legend entry (source) it came from. */
interface Coloured extends Span {
  source: number;
}

export interface LegendEntry {
  relation: Relation;
  otherId: string;
  other?: ArticleSummary;
  /** True when the other article is the source (or the direction is unknown): its passages are coloured here. */
  incoming: boolean;
}

/** Relations of the article: those it took text from first (strongest first), then those that took from it. */
export function legendOf(view: ArticleView): LegendEntry[] {
  const id = view.article.id;
  return view.relations
    .map((relation) => ({ relation, otherId: relation.a === id ? relation.b : relation.a, incoming: relation.b === id || !relation.direction.known }))
    .sort((x, y) => Number(y.incoming) - Number(x.incoming) || y.relation.score - x.relation.score)
    .slice(0, MAX_LEGEND_SOURCES);
}

/** The span asked for by ?hl=start-end, when it lies inside the text; anything else is ignored. */
export function highlightSpan(value: string | undefined, textLength: number): Span | undefined {
  const match = value === undefined ? null : /^(\d{1,9})-(\d{1,9})$/.exec(value);
  if (match === null) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end && end <= textLength ? { start, end } : undefined;
}

/**
 * The text as paragraphs, each cut at every passage and highlight boundary; a piece inside a reused passage
 * gets the colour of the first (strongest) source covering it, a piece inside the highlight is marked.
 */
export function renderText(article: Article, coloured: readonly Coloured[], highlight: Span | undefined): Html {
  let markedFirst = false;
  const paragraphs = article.paragraphs.length > 0 ? article.paragraphs : [{ start: 0, end: article.text.length }];
  return join(
    paragraphs.map((paragraph) => {
      const cuts = new Set([paragraph.start, paragraph.end]);
      for (const span of [...coloured, ...(highlight === undefined ? [] : [highlight])]) {
        if (span.start > paragraph.start && span.start < paragraph.end) cuts.add(span.start);
        if (span.end > paragraph.start && span.end < paragraph.end) cuts.add(span.end);
      }
      const points = [...cuts].sort((x, y) => x - y);
      const pieces: Html[] = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const start = points[i]!;
        const end = points[i + 1]!;
        const text = article.text.slice(start, end);
        let colour: Coloured | undefined;
        for (const span of coloured) if (span.start <= start && span.end >= end && (colour === undefined || span.source < colour.source)) colour = span;
        let piece = colour === undefined ? html`${text}` : html`<span class="reused c${colour.source % PASSAGE_COLOURS}" data-source="${colour.source}">${text}</span>`;
        if (highlight !== undefined && highlight.start <= start && highlight.end >= end) {
          piece = html`<mark class="cited"${markedFirst ? '' : html` id="passage" tabindex="-1"`}>${piece}</mark>`;
          markedFirst = true;
        }
        pieces.push(piece);
      }
      // dir="auto": an Arabic or Hebrew paragraph reads right to left (aligned right, its full stop at its
      // end) on this English page; a Latin one is left to right as before.
      return html`<p dir="auto">${pieces}</p>\n`;
    }),
  );
}

function sourceName(summary: ArticleSummary | undefined, fallbackId: string): string {
  return summary?.source ?? summary?.path.split('/').pop() ?? shortId(fallbackId);
}

function metadata(view: ArticleView): Html {
  const { article } = view;
  const href = safeHttpUrl(article.url);
  const row = (label: string, value: Html | string | undefined) => (value === undefined || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`);
  return html`<dl class="metadata">
${row('Source', article.source === undefined ? undefined : isolate(article.source))}
${row('Published', article.published === undefined ? undefined : dayAndTime(article.published))}
${row('Byline', article.byline === undefined ? undefined : isolate(article.byline))}
${row('Dateline', article.dateline === undefined ? undefined : isolate(article.dateline.text))}
${row('Language', article.language)}
${row('Address', article.url === undefined ? undefined : href === undefined ? html`<span class="url">${isolate(article.url)}</span> (not a web address; not linked)` : html`<a class="url" href="${href}" rel="noopener noreferrer nofollow">${isolate(article.url)}</a>`)}
${row('Story', view.storyId === undefined ? undefined : html`<a href="/story/${segment(view.storyId)}">${shortId(view.storyId)}</a>`)}
${row('Read from', `${article.origin.path}${article.origin.line === undefined ? '' : `:${article.origin.line}`}${article.origin.record === undefined ? '' : ` (${article.origin.record})`}`)}
${row('Input id', article.externalId)}
${row('Article id', html`<code>${article.id}</code>`)}
</dl>`;
}

export function articlePage(view: ArticleView, legend: readonly LegendEntry[], highlight: Span | undefined): Html {
  const { article } = view;
  const id = article.id;
  const coloured: Coloured[] = [];
  legend.forEach((entry, source) => {
    if (!entry.incoming) return;
    for (const passage of entry.relation.passages) coloured.push({ ...(entry.relation.a === id ? passage.a : passage.b), source });
  });
  const coverage = (entry: LegendEntry) => Math.round((entry.relation.a === id ? entry.relation.coverage.a : entry.relation.coverage.b) * 100);
  const legendItem = (entry: LegendEntry, index: number) => html`<li>${entry.incoming ? html`<span class="swatch c${index % PASSAGE_COLOURS}" aria-hidden="true"></span>` : ''}<a href="/article/${segment(entry.otherId)}" data-source="${index}">${isolate(sourceName(entry.other, entry.otherId))}: ${isolate(entry.other?.title ?? entry.otherId)}</a>
<span class="meta"><span class="kind ${entry.relation.kind}">${entry.relation.kind}</span> ${entry.incoming ? (entry.relation.direction.known ? 'source' : 'direction unknown') : 'copy of this article'}, ${coverage(entry)}% of this text · <a href="/article/${segment(id)}/compare/${segment(entry.otherId)}">compare</a></span></li>`;
  const incoming = legend.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.incoming);
  const outgoing = legend.map((entry, index) => ({ entry, index })).filter(({ entry }) => !entry.incoming);
  const legendHtml =
    legend.length === 0
      ? html`<p>No other article shares a passage with this one.</p>`
      : html`${incoming.length === 0 ? '' : html`<h3>Text from other articles, in their colours</h3><ul class="legend">${join(incoming.map(({ entry, index }) => legendItem(entry, index)))}</ul>`}
${outgoing.length === 0 ? '' : html`<h3>Articles that copied from this one</h3><ul class="legend">${join(outgoing.map(({ entry, index }) => legendItem(entry, index)))}</ul>`}
${view.relations.length > legend.length ? html`<p class="more">${view.relations.length - legend.length} weaker relations not shown.</p>` : ''}`;
  const dropped =
    article.dropped.length === 0
      ? html`<p>Cleaning dropped nothing from this article.</p>`
      : html`<details class="dropped"><summary>What cleaning dropped: ${plural(article.dropped.length, 'line')}</summary>
<div class="table-scroll" tabindex="0" role="region" aria-label="Dropped lines"><table><thead><tr><th scope="col">Rule</th><th scope="col">Line</th></tr></thead><tbody>${join(article.dropped.map((line) => html`<tr><td><code>${line.rule}</code></td><td>${isolate(line.text)}</td></tr>`))}</tbody></table></div></details>`;
  return renderPage({
    title: article.title,
    page: 'article',
    data: { article: id },
    body: html`<article class="article">
<h1${langAttribute(article.language)}>${isolate(article.title)}</h1>
${metadata(view)}
${highlight === undefined ? '' : html`<p class="hint"><a href="#passage">Go to the cited passage</a>, marked in the text.</p>`}
<section id="reuse" aria-labelledby="reuse-h"><h2 id="reuse-h">Shared passages</h2>${legendHtml}</section>
<section id="text" aria-labelledby="text-h"><h2 id="text-h">Text</h2><div class="text"${langAttribute(article.language)}>${renderText(article, coloured, highlight)}</div></section>
<section id="dropped" aria-labelledby="dropped-h"><h2 id="dropped-h">Boilerplate removed</h2>${dropped}</section>
</article>`,
  });
}

function markedText(text: string, marks: readonly MarkedWord[], side: 'source' | 'copy'): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const mark of marks) {
    parts.push(html`${text.slice(last, mark.start)}`);
    const word = text.slice(mark.start, mark.end);
    parts.push(mark.shared ? html`${word}` : side === 'source' ? html`<del>${word}</del>` : html`<ins>${word}</ins>`);
    last = mark.end;
  }
  parts.push(html`${text.slice(last)}`);
  return join(parts);
}

export interface ComparedPassage {
  similarity: number;
  source: { span: Span; text: string; marks: MarkedWord[] };
  copy: { span: Span; text: string; marks: MarkedWord[] };
}

export function comparePage(x: Article, y: Article, relation: Relation | undefined, passages: readonly ComparedPassage[]): Html {
  const title = `Compare ${shortId(x.id)} and ${shortId(y.id)}`;
  const heading = (article: Article, role: string) => html`${role}: <a href="/article/${segment(article.id)}">${isolate(article.source ?? shortId(article.id))}: ${isolate(article.title)}</a>`;
  if (relation === undefined) {
    return renderPage({
      title,
      page: 'compare',
      body: html`<h1>${title}</h1><ul><li>${heading(x, 'First')}</li><li>${heading(y, 'Second')}</li></ul><p>These two articles share no passage worth a relation.</p>`,
    });
  }
  const [source, copy] = relation.a === x.id ? [x, y] : [y, x];
  const sections = passages.slice(0, MAX_COMPARE_PASSAGES).map(
    (passage, index) => html`<section class="passage" aria-labelledby="passage-${index + 1}"><h2 id="passage-${index + 1}">Passage ${index + 1}: similarity ${passage.similarity.toFixed(2)}</h2>
<div class="pair">
<div class="side"><h3>Source, characters ${passage.source.span.start} to ${passage.source.span.end}</h3><p>${markedText(passage.source.text, passage.source.marks, 'source')}</p></div>
<div class="side"><h3>Copy, characters ${passage.copy.span.start} to ${passage.copy.span.end}</h3><p>${markedText(passage.copy.text, passage.copy.marks, 'copy')}</p></div>
</div></section>`,
  );
  return renderPage({
    title,
    page: 'compare',
    body: html`<h1>${relation.kind === 'duplicate' ? 'Duplicate' : relation.kind === 'version' ? 'Versions' : relation.kind === 'reuse' ? 'Reused passages' : 'Rewritten passages'}</h1>
<ul class="compared"><li>${heading(source, relation.direction.known ? 'Source' : 'First (direction unknown)')}</li><li>${heading(copy, relation.direction.known ? 'Copy' : 'Second')}</li></ul>
<p>Score ${relation.score.toFixed(2)}; the passages cover ${Math.round(relation.coverage.a * 100)}% of the source and ${Math.round(relation.coverage.b * 100)}% of the copy.</p>
<p>Direction: ${relation.direction.known ? '' : 'unknown; '}${isolate(relation.direction.reason)}</p>
<p class="hint">Words <del>struck through</del> appear only in the source; words <ins>underlined</ins> only in the copy.</p>
${join(sections)}
${passages.length > sections.length ? html`<p class="more">${passages.length - sections.length} more passages not shown.</p>` : ''}`,
  });
}
