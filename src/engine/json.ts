// The JSON shapes the faces give: what `newsfold ... --json` prints and what the HTTP API answers, built
// once here so the CLI and the server cannot drift apart (README, "JSON output").
import type { CopyGroup } from '../match/groups.ts';
import { diffWords } from '../match/word-diff.ts';
import type { Article, Digest, Relation } from '../model.ts';
import type { IngestReport } from './index.ts';
import type { SummarizeResult } from './summarize.ts';
import { STAGE_NAMES } from './timing.ts';
import type { ArticleView, StoryView } from './views.ts';

/**
 * A digest as every face gives it: `digest` the cited sentences in reading order, beside it `facts` and
 * `additions`. `story --json`, `summarize --json` and GET /stories/{id} share it (the API's shape came first
 * and clients read it, so `summarize` was brought to it).
 */
export function digestJson(digest: Digest) {
  return {
    // The digest's language, and a sentence's own where it differs (a story told in two languages): for a reader's
    // screen reader, spelling and translation.
    language: digest.language ?? 'und',
    digest: digest.sentences.map((sentence) => ({
      text: sentence.text,
      sources: sentence.sources,
      ...(sentence.language !== undefined && sentence.language !== digest.language ? { language: sentence.language } : {}),
    })),
    facts: digest.facts,
    additions: digest.additions,
  };
}

export function storyJson(view: StoryView) {
  return {
    id: view.story.id,
    headline: view.story.headline,
    firstSeen: view.story.firstSeen,
    lastSeen: view.story.lastSeen,
    timeline: view.timeline,
    articles: view.articles,
    relations: view.relations.map((relation) => ({
      a: relation.a,
      b: relation.b,
      kind: relation.kind,
      score: relation.score,
      direction: relation.direction,
    })),
    ...digestJson(view.digest),
  };
}

/** `summarize --json`: the given articles, their relations, and the digest in the story's shape, with its length in words. */
export function summaryJson(result: SummarizeResult) {
  return {
    articles: result.articles.map((article) => ({ id: article.id, path: article.origin.path, line: article.origin.line, title: article.title, published: article.published })),
    relations: result.relations.map((relation) => ({ a: relation.a, b: relation.b, kind: relation.kind, score: relation.score })),
    words: result.digest.words,
    ...digestJson(result.digest),
    problems: result.problems,
  };
}

export function storiesJson(views: readonly StoryView[]) {
  return { stories: views.map(storyJson) };
}

export function articleJson(view: ArticleView) {
  const { article } = view;
  return {
    id: article.id,
    path: article.origin.path,
    line: article.origin.line,
    externalId: article.externalId,
    url: article.url,
    source: article.source,
    title: article.title,
    published: article.published,
    byline: article.byline,
    dateline: article.dateline,
    language: article.language,
    story: view.storyId,
    text: article.text,
    dropped: article.dropped,
    relations: view.relations,
  };
}

function memberJson(article: Article) {
  return { id: article.id, path: article.origin.path, title: article.title, published: article.published ?? null, ingestedAt: new Date(article.ingestedAt).toISOString() };
}

export function dupesJson(groups: readonly CopyGroup[]) {
  return {
    groups: groups.map((group) => ({
      earliest: group.members[0]!.id,
      members: group.members.map(memberJson),
      relations: group.relations.map((r) => ({ a: r.a, b: r.b, kind: r.kind, score: r.score, direction: r.direction })),
    })),
  };
}

/** Two articles' shared passages; with `words`, each passage's words marked shared or not (the API's word differences). */
export function compareJson(x: Article, y: Article, relation: Relation | undefined, words = false) {
  if (relation === undefined) return { a: x.id, b: y.id, related: false, passages: [] };
  const [source, copy] = relation.a === x.id ? [x, y] : [y, x];
  return {
    a: relation.a,
    b: relation.b,
    related: true,
    kind: relation.kind,
    score: relation.score,
    coverage: relation.coverage,
    direction: relation.direction,
    passages: relation.passages.map((p) => ({
      similarity: p.similarity,
      a: { start: p.a.start, end: p.a.end, text: source.text.slice(p.a.start, p.a.end) },
      b: { start: p.b.start, end: p.b.end, text: copy.text.slice(p.b.start, p.b.end) },
      ...(words ? { words: diffWords(source.text.slice(p.a.start, p.a.end), copy.text.slice(p.b.start, p.b.end)) } : {}),
    })),
  };
}

export function ingestReportJson(report: IngestReport) {
  return {
    read: report.read,
    stored: report.stored,
    alreadyStored: report.alreadyStored,
    relations: report.relations,
    storiesCreated: report.storiesCreated,
    storiesMerged: report.storiesMerged,
    problems: report.problems,
    stageMs: Object.fromEntries(STAGE_NAMES.map((name) => [name, Math.round(report.stageMs[name])])),
  };
}
