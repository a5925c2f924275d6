// Summarizing given articles as one story, without a store or clustering: the ingest, clean and text stages
// prepare them, copy relations are found in memory between every pair, and the digest is built as for a
// stored story. This is the interface evaluation tools use (`newsfold summarize`).
import type { Readable } from 'node:stream';
import { prepareArticle } from './prepare.ts';
import type { InputProblem } from '../errors.ts';
import { readInputs } from '../ingest/index.ts';
import { relatable as relatableArticle, relate } from '../match/relate.ts';
import { StockIndex } from '../match/stock.ts';
import type { Article, Digest, RawArticle, Relation } from '../model.ts';
import { chronologicalOrder } from '../stories/order.ts';
import { buildDigest, type DigestSettings } from '../digest/index.ts';

export interface PreparedStory {
  /** Earliest first. */
  articles: Article[];
  relations: Relation[];
  problems: InputProblem[];
}

/** Prepares raw articles and relates every pair; a raw article that cleans to nothing becomes a problem. */
export function prepareStory(raws: Iterable<RawArticle>): PreparedStory {
  const problems: InputProblem[] = [];
  const byId = new Map<string, Article>();
  let clock = Date.now();
  for (const raw of raws) {
    const prepared = prepareArticle(raw, clock++);
    if (!prepared.ok) problems.push(prepared.problem);
    else if (!byId.has(prepared.article.id)) byId.set(prepared.article.id, prepared.article);
  }
  const articles = [...byId.values()];
  const relatable = articles.map(relatableArticle);
  const stock = new StockIndex();
  for (const article of articles) stock.add(article);
  const relations: Relation[] = [];
  for (let i = 0; i < relatable.length; i++) {
    for (let j = i + 1; j < relatable.length; j++) {
      const relation = relate(relatable[i]!, relatable[j]!, stock);
      if (relation !== undefined) relations.push(relation);
    }
  }
  return { articles: chronologicalOrder(articles, relations), relations, problems };
}

export interface SummarizeResult extends PreparedStory {
  digest: Digest;
}

/** A digest of the articles under `paths` (files, directories, `-` for JSON Lines on stdin). */
export async function summarizePaths(paths: readonly string[], settings: DigestSettings = {}, stdin?: Readable, onProblem?: (problem: InputProblem) => void): Promise<SummarizeResult> {
  const raws: RawArticle[] = [];
  const problems: InputProblem[] = [];
  for await (const item of readInputs(paths, stdin)) {
    if (item.kind === 'article') raws.push(item.raw);
    else {
      problems.push(item.problem);
      onProblem?.(item.problem);
    }
  }
  const story = prepareStory(raws);
  for (const problem of story.problems) onProblem?.(problem);
  const digest = buildDigest({ storyId: 'summary', articles: story.articles, relations: story.relations, ...settings });
  return { ...story, problems: [...problems, ...story.problems], digest };
}
