// Sentence profiles and the sentence-level similarity that decides "this sentence is a (reworded) copy of
// that one". Used by the digest, which groups near-copied sentences into one unit; passages between two
// articles are aligned at the word level instead (seed-extend.ts).
import type { Article, SentenceSpan } from '../model.ts';
import { tokenize } from '../text/tokens.ts';

export interface SentenceProfile {
  index: number;
  span: SentenceSpan;
  /** Distinct Porter stems of every word, stopwords included: function words carry rewording signal. */
  stems: Set<string>;
  /** Distinct stems of content words, the keys of the candidate index. */
  contentStems: string[];
  words: number;
}

/**
 * Dice coefficient over stem sets at or above which two sentences are near-copies. At 0.6 a sentence with one
 * or two words swapped by a spinner still matches, while two reports that share only a short quote inside
 * longer sentences of their own do not (their Dice stays near 0.4). Calibrated on the bundled examples and
 * the five seed articles. On MSRP (bench/msrp.ts) the best-accuracy threshold is 0.50 (73.2 accuracy /
 * 82.3 F1 held out, against 71.7 / 78.9 at 0.6); 0.6 is kept because in the digest a false merge of two
 * different sentences costs more than a missed paraphrase.
 */
export const NEAR_COPY_MIN_SIMILARITY = 0.6;

/** Sentences shorter than this match by chance ("He said.", "It did not."), so they are never aligned. */
export const MIN_ALIGNABLE_WORDS = 5;

/** A sentence pair must share this many content stems before its Dice is computed (a cheap filter). */
const MIN_SHARED_CONTENT_STEMS = 3;

export function profileSentences(article: Pick<Article, 'text' | 'sentences'>): SentenceProfile[] {
  return article.sentences.map((span, index) => {
    const tokens = tokenize(article.text.slice(span.start, span.end));
    const stems = new Set(tokens.map((token) => token.stem));
    const contentStems = [...new Set(tokens.filter((token) => !token.stop).map((token) => token.stem))];
    return { index, span, stems, contentStems, words: tokens.length };
  });
}

export function sentenceSimilarity(x: SentenceProfile, y: SentenceProfile): number {
  if (x.stems.size === 0 || y.stems.size === 0) return 0;
  let shared = 0;
  const [small, large] = x.stems.size <= y.stems.size ? [x.stems, y.stems] : [y.stems, x.stems];
  for (const stem of small) if (large.has(stem)) shared++;
  return (2 * shared) / (x.stems.size + y.stems.size);
}

/** An inverted index from content stem to the sentences holding it, for finding near-copies quickly. */
export class SentenceIndex {
  private readonly postings = new Map<string, number[]>();
  readonly profiles: SentenceProfile[] = [];
  /**
   * Shared content stems per entry for the probe under way, and the entries it touched: an array read and write
   * per posting, where a Map per probe made a story of hundreds of articles (millions of postings walked) slow.
   */
  private sharedCounts = new Int32Array(64);
  private readonly touched: number[] = [];

  add(profile: SentenceProfile): number {
    const id = this.profiles.length;
    this.profiles.push(profile);
    if (id >= this.sharedCounts.length) {
      const grown = new Int32Array(this.sharedCounts.length * 2);
      grown.set(this.sharedCounts);
      this.sharedCounts = grown;
    }
    for (const stem of profile.contentStems) {
      const list = this.postings.get(stem);
      if (list === undefined) this.postings.set(stem, [id]);
      else list.push(id);
    }
    return id;
  }

  /** Entries that are near-copies of `probe`, best first, with their similarity. */
  nearCopies(probe: SentenceProfile, minSimilarity = NEAR_COPY_MIN_SIMILARITY): { id: number; similarity: number }[] {
    if (probe.words < MIN_ALIGNABLE_WORDS) return [];
    const counts = this.sharedCounts;
    const touched = this.touched;
    for (const stem of probe.contentStems) {
      const list = this.postings.get(stem);
      if (list === undefined) continue;
      for (let at = 0; at < list.length; at++) {
        const id = list[at]!;
        const before = counts[id]!;
        if (before === 0) touched.push(id);
        counts[id] = before + 1;
      }
    }
    const matches: { id: number; similarity: number }[] = [];
    for (const id of touched) {
      const count = counts[id]!;
      counts[id] = 0;
      const candidate = this.profiles[id]!;
      if (count < MIN_SHARED_CONTENT_STEMS || candidate.words < MIN_ALIGNABLE_WORDS) continue;
      const similarity = sentenceSimilarity(probe, candidate);
      if (similarity >= minSimilarity) matches.push({ id, similarity });
    }
    touched.length = 0;
    return matches.sort((x, y) => y.similarity - x.similarity || x.id - y.id);
  }
}
