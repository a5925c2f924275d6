// The digest: an extractive summary of a story in which every sentence cites every article that carries
// it or a near-copy. Salience = support by independent outlets + centrality + position; redundancy is kept
// out by maximal marginal relevance (Carbonell and Goldstein 1998); the chosen sentences keep story order.
import type { Article, Digest, DigestSentence, Relation } from '../model.ts';
import { sentenceSimilarity } from '../match/sentences.ts';
import { buildUnits, independentSupport, unitText, type SentenceUnit } from './units.ts';

/** Default length: a paragraph a reader takes in at a glance, as news digests run. */
export const DEFAULT_DIGEST_WORDS = 120;

// Salience weights, calibrated as a set on the bundled examples; the digest issue tunes them on DUC 2006.
/** Support by independent outlets dominates: what several newsrooms report is what happened. */
const SUPPORT_WEIGHT = 0.5;
/** Centrality: sentences that use the story's common vocabulary are about the story, not asides. */
const CENTRALITY_WEIGHT = 0.3;
/** Position: news puts the most important facts first (inverted pyramid). */
const POSITION_WEIGHT = 0.2;
/** MMR trade-off between salience and novelty (1 = salience only). */
const MMR_LAMBDA = 0.7;

/** Sentences shorter than this are fragments or attributions; longer than the maximum, run-ons. */
const MIN_SENTENCE_WORDS = 8;
const MAX_SENTENCE_WORDS = 60;

/** Openers that point at something earlier ("He added...", "It also...", "But..."): unreadable alone. */
const DANGLING_OPENER = /^(?:he|she|it|they|this|these|those|his|her|its|their|but|and|also|however|instead|meanwhile|still|yet)\b/i;
const QUOTE_CHARS = /["\u201C\u201D]/g;

function isEligible(unit: SentenceUnit, text: string): boolean {
  const words = unit.representative.profile.words;
  if (words < MIN_SENTENCE_WORDS || words > MAX_SENTENCE_WORDS) return false;
  if (DANGLING_OPENER.test(text)) return false;
  // An odd number of quote marks means the sentence is half of a quotation split across sentences.
  if ((text.match(QUOTE_CHARS)?.length ?? 0) % 2 === 1) return false;
  return !/[:?]$/.test(text);
}

/** Content-stem frequencies over the story, each unit counted once per independent outlet carrying it. */
function storyVocabulary(units: readonly SentenceUnit[], support: ReadonlyMap<SentenceUnit, number>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of units) {
    for (const stem of unit.representative.profile.contentStems) counts.set(stem, (counts.get(stem) ?? 0) + (support.get(unit) ?? 1));
  }
  return counts;
}

function centrality(unit: SentenceUnit, vocabulary: ReadonlyMap<string, number>, norm: number): number {
  const stems = unit.representative.profile.contentStems;
  if (stems.length === 0 || norm === 0) return 0;
  let dot = 0;
  for (const stem of stems) dot += vocabulary.get(stem) ?? 0;
  return dot / (Math.sqrt(stems.length) * norm);
}

interface Candidate {
  unit: SentenceUnit;
  text: string;
  salience: number;
}

function score(units: readonly SentenceUnit[], support: ReadonlyMap<SentenceUnit, number>, outlets: number): Candidate[] {
  const vocabulary = storyVocabulary(units, support);
  let norm = 0;
  for (const count of vocabulary.values()) norm += count * count;
  norm = Math.sqrt(norm);
  const candidates = units.flatMap((unit) => {
    const text = unitText(unit);
    return isEligible(unit, text) ? [{ unit, text, central: centrality(unit, vocabulary, norm) }] : [];
  });
  const maxCentral = Math.max(0, ...candidates.map((candidate) => candidate.central));
  return candidates.map(({ unit, text, central }) => {
    const supportShare = outlets <= 1 ? 0 : ((support.get(unit) ?? 1) - 1) / (outlets - 1);
    const salience =
      SUPPORT_WEIGHT * supportShare +
      CENTRALITY_WEIGHT * (maxCentral === 0 ? 0 : central / maxCentral) +
      POSITION_WEIGHT * (1 - unit.relativePosition);
    return { unit, text, salience };
  });
}

function select(candidates: Candidate[], wordBudget: number): Candidate[] {
  const chosen: Candidate[] = [];
  let words = 0;
  const remaining = [...candidates];
  while (remaining.length > 0) {
    let best: { index: number; value: number } | undefined;
    remaining.forEach((candidate, index) => {
      if (words + candidate.unit.representative.profile.words > wordBudget) return;
      let redundancy = 0;
      for (const picked of chosen) {
        redundancy = Math.max(redundancy, sentenceSimilarity(candidate.unit.representative.profile, picked.unit.representative.profile));
      }
      const value = MMR_LAMBDA * candidate.salience - (1 - MMR_LAMBDA) * redundancy;
      if (best === undefined || value > best.value) best = { index, value };
    });
    if (best === undefined) break;
    const [picked] = remaining.splice(best.index, 1);
    chosen.push(picked!);
    words += picked!.unit.representative.profile.words;
  }
  return chosen;
}

export interface DigestInput {
  storyId: string;
  /** The story's articles, earliest first. */
  articles: readonly Article[];
  relations: readonly Relation[];
  words?: number;
}

export function buildDigest(input: DigestInput): Digest {
  const units = buildUnits(input.articles);
  const linked = new Set(input.relations.flatMap((relation) => [`${relation.a} ${relation.b}`, `${relation.b} ${relation.a}`]));
  const related = (a: string, b: string) => linked.has(`${a} ${b}`);
  const support = new Map(units.map((unit) => [unit, independentSupport(unit.sources, related)]));
  const outlets = independentSupport(input.articles.map((article) => article.id), related);
  const chosen = select(score(units, support, outlets), input.words ?? DEFAULT_DIGEST_WORDS);
  // Story order: where the sentence stands in the articles that carry it, earliest article breaking ties.
  const order = new Map(input.articles.map((article, rank) => [article.id, rank]));
  chosen.sort(
    (x, y) =>
      x.unit.relativePosition - y.unit.relativePosition ||
      (order.get(x.unit.representative.article.id) ?? 0) - (order.get(y.unit.representative.article.id) ?? 0),
  );
  const sentences: DigestSentence[] = chosen.map((candidate) => ({
    text: candidate.text,
    sources: candidate.unit.sources,
    from: { articleId: candidate.unit.representative.article.id, span: candidate.unit.representative.profile.span },
    score: Math.round(candidate.salience * 1000) / 1000,
  }));
  return { storyId: input.storyId, sentences, words: chosen.reduce((sum, c) => sum + c.unit.representative.profile.words, 0) };
}
