// Shared by the story harnesses: prepare gold articles once (clean + text), stream them through the stories
// stage, and score the result with BCubed and pairwise F1.
import { performance } from 'node:perf_hooks';
import { prepareArticle } from '../../src/engine/prepare.ts';
import type { Article } from '../../src/model.ts';
import { StoryStream, type StreamArticle, type StreamSettings } from '../../src/stories/stream.ts';
import { DEFAULT_FEATURE_WEIGHTS, termFrequencies, type FeatureWeights } from '../../src/stories/vectors.ts';
import { bcubed, type BCubed } from './bcubed.ts';
import { pairwise, type PairScore } from './pairwise.ts';
import { shuffled } from './seeded.ts';
import type { GoldArticle } from './story-corpora.ts';

export interface PreparedGold {
  key: string;
  gold: string;
  article: Article;
}

export interface PrepareResult {
  prepared: PreparedGold[];
  /** Articles the clean stage rejected (no text left), by key: scored as singletons. */
  rejected: { key: string; gold: string; reason: string }[];
  ms: number;
}

/** Clean + text once per article; ingest time is the position in the stream, so undated order is kept. */
export function prepareAll(articles: readonly GoldArticle[]): PrepareResult {
  const start = performance.now();
  const prepared: PreparedGold[] = [];
  const rejected: PrepareResult['rejected'] = [];
  articles.forEach((item, position) => {
    const result = prepareArticle(item.raw, position);
    if (result.ok) prepared.push({ key: item.key, gold: item.gold, article: result.article });
    else rejected.push({ key: item.key, gold: item.gold, reason: result.problem.message });
  });
  return { prepared, rejected, ms: performance.now() - start };
}

/**
 * The prepared articles in another stream order (seeded), each ingest time set to its new position as prepareAll
 * would: scoring several orders shows how much one order's figure owes to luck.
 */
export function reordered(prepared: PrepareResult, seed: number): PrepareResult {
  const order = shuffled(prepared.prepared, seed).map((item, position) => ({ ...item, article: { ...item.article, ingestedAt: position } }));
  return { ...prepared, prepared: order };
}

/**
 * BCubed F1 of the stream over `orders` orders: the prepared order, then reordered with seeds 1, 2, ... Each run's
 * stories are scored by `scoreOf` against the gold (relabelled as the caller wishes).
 */
export function f1OverOrders(
  prepared: PrepareResult,
  frequencies: ReadonlyMap<string, ReadonlyMap<string, number>>,
  settings: StreamSettings,
  orders: number,
  scoreOf: (storyOf: ReadonlyMap<string, string>) => StreamScore,
): number[] {
  return Array.from({ length: orders }, (_, seed) => {
    const order = seed === 0 ? prepared : reordered(prepared, seed);
    return scoreOf(runStream(order.prepared, order.rejected, frequencies, settings).storyOf).bcubed.f1;
  });
}

export function streamArticle(article: Article, frequencies: StreamArticle['frequencies']): StreamArticle {
  const published = article.published === undefined ? Number.NaN : Date.parse(article.published);
  const timed = !Number.isNaN(published);
  return { id: article.id, title: article.title, frequencies, time: timed ? published : article.ingestedAt, timed };
}

export interface StreamScore {
  bcubed: BCubed;
  pairwise: PairScore;
  stories: number;
  goldStories: number;
  /**
   * CPU milliseconds (user + system, this process) spent in StoryStream.add (vector, candidates, decision,
   * update): assignment alone, per core. Terms are interned before the clock starts, as the text stage would.
   * CPU time, not wall time, because the machines are shared.
   */
  assignMs: number;
  articles: number;
  meanCandidates: number;
}

/**
 * Weighted term frequencies per article for the given weights, computed once per weights: this is the text
 * stage (tokens, stems, counts), outside the timed assignment like clean and tokenising.
 */
export function frequenciesOf(prepared: readonly PreparedGold[], weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Map<string, ReadonlyMap<string, number>> {
  return new Map(prepared.map((item) => [item.key, termFrequencies(item.article, weights)]));
}

/** Articles interned ahead at a time: the dev streams (under 2,000 articles) in one go. */
const INTERN_CHUNK = 10_000;

/** Streams the prepared articles in order through a fresh StoryStream and scores its stories. */
export function runStream(
  prepared: readonly PreparedGold[],
  rejected: PrepareResult['rejected'],
  frequencies: ReadonlyMap<string, ReadonlyMap<string, number>>,
  settings: StreamSettings,
): { score: StreamScore; storyOf: Map<string, string> } {
  const stream = new StoryStream(settings);
  // Terms are interned a chunk at a time outside the clock, each chunk within the arrivals a term may idle.
  const chunk = Math.max(1, Math.min(INTERN_CHUNK, settings.forgetAfterArrivals));
  let candidates = 0;
  let assignMs = 0;
  for (let from = 0; from < prepared.length; from += chunk) {
    const inputs = prepared.slice(from, from + chunk).map((item) => streamArticle(item.article, stream.intern(frequencies.get(item.key)!)));
    const start = process.cpuUsage();
    for (const input of inputs) candidates += stream.add(input).candidates;
    const used = process.cpuUsage(start);
    assignMs += (used.user + used.system) / 1000;
  }
  const storyOf = new Map<string, string>();
  for (const item of prepared) storyOf.set(item.key, stream.storyOf(item.article.id)!);
  for (const item of rejected) storyOf.set(item.key, `rejected:${item.key}`);
  return { score: scoreClustering(storyOf, goldOf(prepared, rejected), assignMs, candidates / Math.max(1, prepared.length)), storyOf };
}

export function goldOf(prepared: readonly PreparedGold[], rejected: PrepareResult['rejected']): Map<string, string> {
  const gold = new Map<string, string>();
  for (const item of [...prepared, ...rejected]) gold.set(item.key, item.gold);
  return gold;
}

export function scoreClustering(system: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>, assignMs = 0, meanCandidates = 0): StreamScore {
  const asSets = (labels: ReadonlyMap<string, string>) => new Map([...labels].map(([key, label]) => [key, new Set([label])]));
  return {
    bcubed: bcubed(asSets(system), asSets(gold)),
    pairwise: pairwise(system, gold),
    stories: new Set(system.values()).size,
    goldStories: new Set(gold.values()).size,
    assignMs,
    articles: system.size,
    meanCandidates,
  };
}
