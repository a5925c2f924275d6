// Relation kind and direction between two articles, from their alignment. Every decision carries its
// evidence as text so `newsfold article` and `newsfold compare` can explain it.
import type { Article, Direction, Relation, RelationKind } from '../model.ts';
import { alignWords, profileWords, type WordAlignment, type WordProfile } from './seed-extend.ts';
import { isStockPassage, type WidelySeen } from './stock.ts';

/**
 * Both articles must have at least this share of their text aligned to be versions of one story: a wire
 * update keeps most of its paragraphs, while a page that lifts a few of them stays far below.
 */
export const VERSION_MIN_COVERAGE = 0.5;

/** Aligned words below which shared sentences are chance or one common quote, not reuse. */
export const REUSE_MIN_ALIGNED_WORDS = 12;

/**
 * Identity (matched words over passage words, both sides) below which the aligned text is reworded rather
 * than lifted: a verbatim copy or a wire update scores above 0.95 (an edit touches a few words), while a
 * spinner swapping one word in eight and inserting or dropping some lands near 0.75-0.85.
 */
export const REWRITE_MAX_IDENTITY = 0.88;

/**
 * Identity from which passages that are no version are `reuse` (lifted word for word); below it, down to
 * REWRITE_MAX_IDENTITY, a lift whose words were partly swapped is a `rewrite`. Lifted excerpts align at
 * 1.000 on the planted corpora, while a spun passage whose aligned part kept 88-95% of its words was
 * called reuse (23 of 804 spun passages at 100k, issue 21). Versions keep the 0.88 line: an updated wire
 * story aligns at 0.91-1.00.
 */
export const REUSE_MIN_IDENTITY = 0.95;

/** Publication times closer than this are treated as simultaneous: feeds round and shift times. */
const SAME_TIME_MS = 60_000;

/**
 * Coverage ratio from which the containment asymmetry is mentioned in the reason. It is shown, never
 * decisive: a brief cut down from a long story and a long story built around a short wire item share text
 * the same way, and on the planted corpus the "more contained article is the copy" rule was right for only
 * 56 of 84 undated excerpts and mashups (10k corpus; BENCHMARKS.md, copy detection, direction).
 */
const CONTAINMENT_ASYMMETRY = 1.5;

/** What relating needs of an article: its metadata and its words (see seed-extend.ts). */
export interface RelatableArticle {
  article: Article;
  words: WordProfile;
}

/** The article with its words profiled, ready for relate(). */
export function relatable(article: Article): RelatableArticle {
  return { article, words: profileWords(article.text) };
}

function publishedMs(article: Article): number | undefined {
  if (article.published === undefined) return undefined;
  const millis = Date.parse(article.published);
  return Number.isNaN(millis) ? undefined : millis;
}

/** Decides which of x and y is the source; returns them ordered [source, copy] with the evidence. */
export function orient(
  x: Article,
  y: Article,
  kind: RelationKind,
  coverage: { x: number; y: number },
): { source: Article; copy: Article; direction: Direction } {
  const ordered = (source: Article, copy: Article, known: boolean, reason: string) => ({ source, copy, direction: { known, reason } });
  const tx = publishedMs(x);
  const ty = publishedMs(y);
  if (tx !== undefined && ty !== undefined && Math.abs(tx - ty) >= SAME_TIME_MS) {
    const [first, second] = tx < ty ? [x, y] : [y, x];
    return ordered(first, second, true, `published earlier (${first.published} before ${second.published})`);
  }
  // Signs of origin on the page speak for lifted passages; a duplicate or version carries the same signs on both sides.
  if (kind === 'reuse' || kind === 'rewrite') {
    const evidence = pageEvidence(x, y);
    if (evidence !== undefined) return ordered(evidence.source, evidence.copy, true, evidence.reason);
  }
  // The earliest fetch: a copy is usually fetched after its source, but a crawl may reach them in either order.
  const [first, second] = x.ingestedAt <= y.ingestedAt ? [x, y] : [y, x];
  return ordered(first, second, false, `no evidence of direction; ordered by first ingest${containmentNote(x, y, coverage)}`);
}

/** The containment asymmetry, for the reader, when it is marked. */
function containmentNote(x: Article, y: Article, coverage: { x: number; y: number }): string {
  const [more, less] = coverage.x >= coverage.y ? [coverage.x, coverage.y] : [coverage.y, coverage.x];
  if (more < less * CONTAINMENT_ASYMMETRY) return '';
  const contained = coverage.x >= coverage.y ? x : y;
  return ` (containment, not taken as evidence: ${percent(more)} of ${contained.id} is shared, ${percent(less)} of the other)`;
}

interface PageEvidence {
  source: Article;
  copy: Article;
  reason: string;
}

/** Evidence read from the two pages, strongest first: wire dateline, any dateline, a byline. */
function pageEvidence(x: Article, y: Article): PageEvidence | undefined {
  if ((x.dateline?.agency !== undefined) !== (y.dateline?.agency !== undefined)) {
    const [wire, copy] = x.dateline?.agency !== undefined ? [x, y] : [y, x];
    return { source: wire, copy, reason: `wire dateline "${wire.dateline?.text}" on the source only` };
  }
  if ((x.dateline !== undefined) !== (y.dateline !== undefined)) {
    const [dated, copy] = x.dateline !== undefined ? [x, y] : [y, x];
    return { source: dated, copy, reason: `dateline "${dated.dateline?.text}" on the source only` };
  }
  // Reporting is signed; pages assembled from others' reporting seldom are.
  if ((x.byline !== undefined) !== (y.byline !== undefined)) {
    const [signed, copy] = x.byline !== undefined ? [x, y] : [y, x];
    return { source: signed, copy, reason: `byline "${signed.byline}" on the source only` };
  }
  return undefined;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function kindOf(x: Article, y: Article, alignment: WordAlignment): RelationKind | undefined {
  if (x.contentHash === y.contentHash) return 'duplicate';
  if (alignment.alignedWords < REUSE_MIN_ALIGNED_WORDS) return undefined;
  if (alignment.identity < REWRITE_MAX_IDENTITY) return 'rewrite';
  if (Math.min(alignment.coverage.a, alignment.coverage.b) >= VERSION_MIN_COVERAGE) return 'version';
  return alignment.identity < REUSE_MIN_IDENTITY ? 'rewrite' : 'reuse';
}

/** Words of `x` aligned outside stock passages (an "About ..." block, a disclaimer, a sign-off): see stock.ts. */
function alignedOutsideStock(x: Article, y: Article, alignment: WordAlignment, stock: WidelySeen | undefined): number {
  let words = 0;
  alignment.passages.forEach((passage, index) => {
    if (!isStockPassage(x.text, passage.a, stock) && !isStockPassage(y.text, passage.b, stock)) words += alignment.wordPassages[index]!.matchedA + alignment.wordPassages[index]!.scattered;
  });
  return words;
}

/**
 * The relation between two articles, or undefined when they share nothing worth a relation. Shared stock
 * passages (`stock` adds the paragraphs seen under many sources to the stock forms) make no reuse.
 */
export function relate(x: RelatableArticle, y: RelatableArticle, stock?: WidelySeen): Relation | undefined {
  const alignment = alignWords(x.words, y.words);
  const kind = kindOf(x.article, y.article, alignment);
  if (kind === undefined) return undefined;
  if ((kind === 'reuse' || kind === 'rewrite') && alignedOutsideStock(x.article, y.article, alignment, stock) < REUSE_MIN_ALIGNED_WORDS) return undefined;
  const { source, direction } = orient(x.article, y.article, kind, { x: alignment.coverage.a, y: alignment.coverage.b });
  const flipped = source !== x.article;
  const coverage = flipped ? { a: alignment.coverage.b, b: alignment.coverage.a } : alignment.coverage;
  const passages = flipped ? alignment.passages.map((p) => ({ a: p.b, b: p.a, similarity: p.similarity })) : alignment.passages;
  const score = kind === 'duplicate' ? 1 : kind === 'version' ? Math.min(coverage.a, coverage.b) : Math.max(coverage.a, coverage.b);
  return {
    a: flipped ? y.article.id : x.article.id,
    b: flipped ? x.article.id : y.article.id,
    kind,
    score: Math.round(score * 1000) / 1000,
    coverage: { a: Math.round(coverage.a * 1000) / 1000, b: Math.round(coverage.b * 1000) / 1000 },
    direction,
    passages,
  };
}
