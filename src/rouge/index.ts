// ROUGE (Lin 2004) as ROUGE-1.5.5.pl computes it, so that scores here compare with published ones:
// - reading (SPL): each non-empty line is a sentence, lower-cased; a word (-l) or byte (-b) limit cuts the
//   peer after that many whitespace tokens/characters; hyphens become tokens, every other character that is
//   not a letter or digit becomes a space;
// - tokens: only tokens starting with a letter or digit count (the hyphens drop out); stopwords are kept;
//   with stemming (-m) tokens longer than 3 characters are Porter-stemmed (ROUGE's variant, porter.ts);
//   ROUGE also consults a WordNet 2.0 exception table before stemming, which is not reproduced here;
// - ROUGE-N: clipped n-gram co-occurrence; ROUGE-S with skip distance d: ordered pairs at most d+1 apart,
//   with -u the unigrams too, except the last token's (a quirk of the original loop, kept for fidelity);
// - several references, formula A (-f A): hits and counts summed over the references, then divided;
//   each figure is rounded to 5 decimals as ROUGE prints it, and F = P·R / ((1-α)·P + α·R) from the rounded P, R;
// - jackknifing: with N references, a peer is scored against each N-1 subset and the scores averaged
//   (how DUC runs it: one evaluation per left-out reference).
import { rougePorterStem } from './porter.ts';

export { rougePorterStem } from './porter.ts';

/** Tokens shorter than this are not stemmed (ROUGE: `length($stem) > 3`). */
const MIN_STEMMED_LENGTH = 4;
/** ROUGE prints and averages figures at 5 decimals (`sprintf("%7.5f")`). */
const ROUGE_DECIMALS = 1e5;

export interface RougeTextOptions {
  /** -m: Porter stemming. */
  stem?: boolean;
  /** -l: keep only the first N words of the text (whitespace tokens, before punctuation is removed). */
  wordLimit?: number;
  /** -b: keep only the first N bytes (characters). Not with wordLimit. */
  byteLimit?: number;
}

/** A summary as ROUGE reads it: its sentences, one per line (SPL). Accepts one string with newlines too. */
export type RougeText = string | readonly string[];

function sentencesOf(text: RougeText): string[] {
  const lines = typeof text === 'string' ? text.split('\n') : text.flatMap((sentence) => sentence.split('\n'));
  return lines.filter((line) => line.length > 0).map((line) => line.toLowerCase());
}

function applyWordLimit(sentences: readonly string[], limit: number): string {
  let kept = '';
  let count = 0;
  for (const sentence of sentences) {
    const tokens = sentence.split(/\s+/);
    if (count + tokens.length < limit) {
      kept += count === 0 ? sentence : ` ${sentence}`;
      count += tokens.length;
      continue;
    }
    if (count > 0) kept += ' ';
    kept += tokens.slice(0, limit - count).join(' ');
    break;
  }
  return kept;
}

function applyByteLimit(sentences: readonly string[], limit: number): string {
  let kept = '';
  let count = 0;
  for (const sentence of sentences) {
    if (count + sentence.length < limit) {
      kept += count === 0 ? sentence : ` ${sentence}`;
      count += sentence.length;
      continue;
    }
    if (count > 0) kept += ' ';
    kept += sentence.slice(0, limit - count);
    break;
  }
  return kept;
}

/** The token sequence ROUGE builds its n-grams from. */
export function rougeTokens(text: RougeText, options: RougeTextOptions = {}): string[] {
  const sentences = sentencesOf(text);
  let joined: string;
  if (options.wordLimit !== undefined && options.wordLimit > 0) joined = applyWordLimit(sentences, options.wordLimit);
  else if (options.byteLimit !== undefined && options.byteLimit > 0) joined = applyByteLimit(sentences, options.byteLimit);
  else joined = sentences.join(' ');
  const cleaned = joined.replace(/-/g, ' - ').replace(/[^A-Za-z0-9-]/g, ' ').trim();
  if (cleaned.length === 0) return [];
  const tokens: string[] = [];
  for (const token of cleaned.split(/\s+/)) {
    if (!/^[a-z0-9$]/.test(token)) continue;
    tokens.push(options.stem === true && token.length >= MIN_STEMMED_LENGTH ? rougePorterStem(token) : token);
  }
  return tokens;
}

/** Gram counts and their total (ROUGE's `_cn_`). */
export interface GramCounts {
  grams: Map<string, number>;
  total: number;
}

function add(counts: GramCounts, gram: string): void {
  counts.grams.set(gram, (counts.grams.get(gram) ?? 0) + 1);
  counts.total++;
}

export function ngramCounts(tokens: readonly string[], n: number): GramCounts {
  const counts: GramCounts = { grams: new Map(), total: 0 };
  for (let i = 0; i + n <= tokens.length; i++) add(counts, tokens.slice(i, i + n).join(' '));
  return counts;
}

/** Skip bigrams at most `maxSkip` tokens apart (negative: any distance), plus unigrams when asked (-u). */
export function skipBigramCounts(tokens: readonly string[], maxSkip: number, withUnigrams: boolean): GramCounts {
  const counts: GramCounts = { grams: new Map(), total: 0 };
  // ROUGE's loop stops before the last token, so the last unigram is never counted.
  for (let i = 0; i < tokens.length - 1; i++) {
    if (withUnigrams) add(counts, tokens[i]!);
    for (let j = i + 1; j < tokens.length && (maxSkip < 0 || j <= i + maxSkip + 1); j++) add(counts, `${tokens[i]!} ${tokens[j]!}`);
  }
  return counts;
}

/** Clipped matches: each reference gram is matched at most as often as it occurs in the peer. */
export function overlap(reference: GramCounts, peer: GramCounts): number {
  let hits = 0;
  for (const [gram, count] of reference.grams) {
    const peerCount = peer.grams.get(gram);
    if (peerCount !== undefined) hits += Math.min(count, peerCount);
  }
  return hits;
}

export interface RougeScore {
  recall: number;
  precision: number;
  f: number;
}

export function roundRouge(value: number): number {
  return Math.round(value * ROUGE_DECIMALS) / ROUGE_DECIMALS;
}

/** -f A: pooled over references; -f B: the reference with the best recall. α is -p (0.5 by default). */
export function scoreAgainst(
  peer: GramCounts,
  references: readonly GramCounts[],
  formula: 'A' | 'B' = 'A',
  alpha = 0.5,
): RougeScore {
  let hits = 0;
  let referenceTotal = 0;
  let peerTotal = 0;
  let bestRecall = -1;
  for (const reference of references) {
    const referenceHits = overlap(reference, peer);
    if (formula === 'A') {
      hits += referenceHits;
      referenceTotal += reference.total;
      peerTotal += peer.total;
      continue;
    }
    const recall = reference.total === 0 ? 0 : roundRouge(referenceHits / reference.total);
    if (recall > bestRecall) {
      bestRecall = recall;
      hits = referenceHits;
      referenceTotal = reference.total;
      peerTotal = peer.total;
    }
  }
  const recall = referenceTotal === 0 ? 0 : roundRouge(hits / referenceTotal);
  const precision = peerTotal === 0 ? 0 : roundRouge(hits / peerTotal);
  const denominator = (1 - alpha) * precision + alpha * recall;
  const f = denominator > 0 ? roundRouge((precision * recall) / denominator) : 0;
  return { recall, precision, f };
}

export type RougeMetric = { kind: 'n'; n: number } | { kind: 'skip'; maxSkip: number; withUnigrams: boolean };

export const ROUGE_1: RougeMetric = { kind: 'n', n: 1 };
export const ROUGE_2: RougeMetric = { kind: 'n', n: 2 };
/** ROUGE-SU4: skip bigrams up to 4 apart plus unigrams (-2 4 -u). */
export const ROUGE_SU4: RougeMetric = { kind: 'skip', maxSkip: 4, withUnigrams: true };

export function metricName(metric: RougeMetric): string {
  return metric.kind === 'n' ? `ROUGE-${metric.n}` : `ROUGE-S${metric.withUnigrams ? 'U' : ''}${metric.maxSkip}`;
}

export function gramCounts(tokens: readonly string[], metric: RougeMetric): GramCounts {
  return metric.kind === 'n' ? ngramCounts(tokens, metric.n) : skipBigramCounts(tokens, metric.maxSkip, metric.withUnigrams);
}

function mean(scores: readonly RougeScore[]): RougeScore {
  const count = Math.max(1, scores.length);
  return {
    recall: scores.reduce((sum, score) => sum + score.recall, 0) / count,
    precision: scores.reduce((sum, score) => sum + score.precision, 0) / count,
    f: scores.reduce((sum, score) => sum + score.f, 0) / count,
  };
}

/**
 * Scores a peer against several references with jackknifing: one evaluation per left-out reference,
 * averaged (a single reference is scored as is). This is how DUC's rougejk runs ROUGE-1.5.5.
 */
export function jackknifeScore(peer: GramCounts, references: readonly GramCounts[], formula: 'A' | 'B' = 'A', alpha = 0.5): RougeScore {
  if (references.length <= 1) return scoreAgainst(peer, references, formula, alpha);
  return mean(references.map((_, leftOut) => scoreAgainst(peer, references.filter((__, index) => index !== leftOut), formula, alpha)));
}

export interface RougeOptions extends RougeTextOptions {
  formula?: 'A' | 'B';
  alpha?: number;
  jackknife?: boolean;
}

/** One call: the peer's score for each metric against the references (ROUGE applies -l/-b to both). */
export function rouge(
  peer: RougeText,
  references: readonly RougeText[],
  metrics: readonly RougeMetric[],
  options: RougeOptions = {},
): Map<string, RougeScore> {
  const peerTokens = rougeTokens(peer, options);
  const referenceTokens = references.map((reference) => rougeTokens(reference, options));
  const scores = new Map<string, RougeScore>();
  for (const metric of metrics) {
    const peerCounts = gramCounts(peerTokens, metric);
    const referenceCounts = referenceTokens.map((tokens) => gramCounts(tokens, metric));
    const score = options.jackknife === true
      ? jackknifeScore(peerCounts, referenceCounts, options.formula, options.alpha)
      : scoreAgainst(peerCounts, referenceCounts, options.formula, options.alpha);
    scores.set(metricName(metric), score);
  }
  return scores;
}

/** Mean of per-item scores, as ROUGE averages its evaluations (-t 0). */
export function averageScores(scores: readonly RougeScore[]): RougeScore {
  return mean(scores);
}
