// Passage alignment between two articles: sentences that are near-copies are paired one to one, and runs
// of consecutive pairs become passages. Works on sentences, so it survives word swaps inside a sentence,
// and reordering of whole sentences, but not a sentence split in two (a later issue aligns below sentences).
import type { Passage } from '../model.ts';
import { SentenceIndex, type SentenceProfile } from './sentences.ts';

export interface SentencePair {
  a: number;
  b: number;
  similarity: number;
}

export interface Alignment {
  pairs: SentencePair[];
  passages: Passage[];
  /** Share of each article's sentence characters inside aligned sentences. */
  coverage: { a: number; b: number };
  /** Words of `a` inside aligned sentences. */
  alignedWords: number;
}

function spanLength(profile: SentenceProfile): number {
  return profile.span.end - profile.span.start;
}

/** Greedy one-to-one pairing, best similarity first: each sentence is copied from at most one other. */
function pairSentences(a: readonly SentenceProfile[], b: readonly SentenceProfile[]): SentencePair[] {
  const index = new SentenceIndex();
  for (const profile of b) index.add(profile);
  const candidates: SentencePair[] = [];
  for (const profile of a) {
    for (const match of index.nearCopies(profile)) candidates.push({ a: profile.index, b: match.id, similarity: match.similarity });
  }
  candidates.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: SentencePair[] = [];
  for (const candidate of candidates) {
    if (usedA.has(candidate.a) || usedB.has(candidate.b)) continue;
    usedA.add(candidate.a);
    usedB.add(candidate.b);
    pairs.push(candidate);
  }
  return pairs.sort((x, y) => x.a - y.a);
}

/** Joins pairs that follow each other in both articles into one passage. */
function joinPassages(pairs: readonly SentencePair[], a: readonly SentenceProfile[], b: readonly SentenceProfile[]): Passage[] {
  const passages: Passage[] = [];
  let run: SentencePair[] = [];
  const flush = () => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first === undefined || last === undefined) return;
    const firstA = a[first.a]!;
    const firstB = b[first.b]!;
    let weighted = 0;
    let length = 0;
    for (const pair of run) {
      const size = spanLength(a[pair.a]!);
      weighted += pair.similarity * size;
      length += size;
    }
    passages.push({
      a: { start: firstA.span.start, end: a[last.a]!.span.end },
      b: { start: firstB.span.start, end: b[last.b]!.span.end },
      similarity: length === 0 ? 0 : weighted / length,
    });
    run = [];
  };
  for (const pair of pairs) {
    const previous = run[run.length - 1];
    if (previous !== undefined && (pair.a !== previous.a + 1 || pair.b !== previous.b + 1)) flush();
    run.push(pair);
  }
  flush();
  return passages;
}

function coverageOf(profiles: readonly SentenceProfile[], aligned: ReadonlySet<number>): number {
  let total = 0;
  let covered = 0;
  for (const profile of profiles) {
    total += spanLength(profile);
    if (aligned.has(profile.index)) covered += spanLength(profile);
  }
  return total === 0 ? 0 : covered / total;
}

export function alignArticles(a: readonly SentenceProfile[], b: readonly SentenceProfile[]): Alignment {
  const pairs = pairSentences(a, b);
  const alignedA = new Set(pairs.map((pair) => pair.a));
  const alignedB = new Set(pairs.map((pair) => pair.b));
  let alignedWords = 0;
  for (const pair of pairs) alignedWords += a[pair.a]!.words;
  return {
    pairs,
    passages: joinPassages(pairs, a, b),
    coverage: { a: coverageOf(a, alignedA), b: coverageOf(b, alignedB) },
    alignedWords,
  };
}
