// Seed-and-extend passage alignment at the word level, as BLAST aligns sequences: exact runs of a few shared
// words are the seeds; seeds close to each other in both texts are chained into one passage even when the
// words between them differ (a spinner's swaps, an inserted clause, a dropped word, a sentence split or
// merged); each passage's ends are then extended word by word while matches outweigh mismatches (X-drop).
// Sentence boundaries play no part, so a sentence cut in two still aligns with the whole one.
import type { Passage, Span } from '../model.ts';
import { tokenize, type Token } from '../text/tokens.ts';

/** What alignment needs of a text: its word stems and their character ranges. */
export interface WordProfile {
  stems: string[];
  starts: Int32Array;
  ends: Int32Array;
  /** 1 for a function word (tokens.ts stopwords): matched alone, out of a run, it is no evidence. */
  stop: Uint8Array;
  /** Characters inside words, the denominator of coverage (whitespace and punctuation do not count). */
  wordChars: number;
}

export function profileWords(text: string): WordProfile {
  return profileTokens(tokenize(text));
}

/** The profile of a text from its tokens (tokenize's, offset 0): preparing has them already, so the text is not scanned twice. */
export function profileTokens(tokens: readonly Pick<Token, 'stem' | 'start' | 'end' | 'stop'>[]): WordProfile {
  const n = tokens.length;
  const stems = new Array<string>(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const stop = new Uint8Array(n);
  let wordChars = 0;
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    stems[i] = token.stem;
    starts[i] = token.start;
    ends[i] = token.end;
    stop[i] = token.stop ? 1 : 0;
    wordChars += token.end - token.start;
  }
  return { stems, starts, ends, stop, wordChars };
}

/**
 * Words per seed. Three shared stems in a row are rare by chance in news outside stock phrases, yet a
 * spinner that swaps one word in eight still leaves several intact three-word runs in every sentence.
 */
export const SEED_WORDS = 3;

/** A seed repeated more often than this in the other text is a refrain ("said that the"), not evidence. */
const MAX_SEED_REPEATS = 8;

/**
 * Largest step, in words, between consecutive seeds of one passage in either text: room for a replaced
 * clause or an inserted aside, while two lifted paragraphs separated by new material stay two passages.
 * 16 rather than 12 (issue 21): a spinner changing one word in four leaves a 3-word seed only every 5-8
 * words on average and sometimes none for 13-16, which split a spun passage into pieces each under
 * MIN_PASSAGE_MATCHED_WORDS (hard planted corpus, 10k: spun recall 0.91 -> 0.94, precision unchanged).
 */
export const MAX_SEED_GAP = 16;

/** Largest shift of the diagonal between consecutive seeds: insertions minus deletions inside the gap. */
const MAX_DIAGONAL_DRIFT = 8;

/** X-drop for end extension: stop once the running score falls this far below its best. */
const EXTENSION_X_DROP = 2;

/** Matched words below which a chain is chance (one shared stock phrase), not a passage. */
export const MIN_PASSAGE_MATCHED_WORDS = 8;

/**
 * Share of the longer gap's words that must be matched (in order) for two neighbouring passages to be one
 * passage whose middle was spun: a spinner keeps about three words in four between its swaps, while the
 * text between two lifted paragraphs and whatever replaced it in the copy share only a chance stopword or
 * two. Both gaps must also hold words: text inserted on one side only is an insertion, not a swap.
 */
export const BRIDGE_MIN_SHARED = 0.3;

/** One aligned passage in word coordinates, with its matched-word counts. */
export interface WordPassage {
  /** Half-open word ranges in each text. */
  a: { start: number; end: number };
  b: { start: number; end: number };
  /** Words inside the range that are matched to the other text. */
  matchedA: number;
  matchedB: number;
  /**
   * Words matched in order between seeds (or across a bridged gap) that are in no 3-word run: evidence of
   * shared text (aligned words), kept out of identity, which measures how much of the passage is in runs.
   */
  scattered: number;
}

export interface WordAlignment {
  passages: Passage[];
  wordPassages: WordPassage[];
  /** Share of each text's word characters inside aligned passages. */
  coverage: { a: number; b: number };
  /** Words of `a` matched to `b` across all passages, scattered ones included. */
  alignedWords: number;
  /** Matched words over all words of the passages, both sides: 1 for verbatim copies, lower for rewording. */
  identity: number;
}

interface Chain {
  firstI: number;
  firstJ: number;
  lastI: number;
  lastJ: number;
  coveredA: Uint8Array | undefined;
  seeds: number[];
}

/** FNV-1a over a stem's UTF-16 units: the part of a seed's hash that each word contributes. */
function stemHash(stem: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < stem.length; k++) hash = Math.imul(hash ^ stem.charCodeAt(k), 0x01000193);
  return hash;
}

/**
 * A hash of the SEED_WORDS stems from each position. Made once per profile: the engine aligns a cached profile
 * against many arrivals, and building a string key per word per pair was most of the alignment's cost. Equal
 * hashes are only a hint; seeds are confirmed by comparing the stems themselves.
 */
const seedHashCache = new WeakMap<WordProfile, Int32Array>();

function seedHashes(profile: WordProfile): Int32Array {
  let hashes = seedHashCache.get(profile);
  if (hashes !== undefined) return hashes;
  const { stems } = profile;
  hashes = new Int32Array(Math.max(0, stems.length - SEED_WORDS + 1));
  if (hashes.length > 0) {
    const words = Int32Array.from(stems, stemHash);
    for (let i = 0; i < hashes.length; i++) {
      const mixed = Math.imul(words[i]!, 0x85ebca6b) ^ Math.imul(words[i + 1]! ^ (words[i + 1]! >>> 15), 0xc2b2ae35) ^ Math.imul(words[i + 2]! ^ (words[i + 2]! >>> 13), 0x27d4eb2f);
      hashes[i] = mixed ^ (mixed >>> 16);
    }
  }
  seedHashCache.set(profile, hashes);
  return hashes;
}

/** Positions by seed hash, chained in ascending order: `first[hash & mask]`, then `next[position]`; -1 ends a chain. */
interface SeedTable {
  profile: WordProfile;
  hashes: Int32Array;
  first: Int32Array;
  next: Int32Array;
  mask: number;
}

/**
 * The table of the last profile looked up as `b`: an arrival is aligned against each of its candidates in a row,
 * so one is kept (its size follows the text; a table per cached profile would hold megabytes for nothing).
 */
let lastTable: SeedTable | undefined;

function seedTable(profile: WordProfile): SeedTable {
  if (lastTable?.profile === profile) return lastTable;
  const hashes = seedHashes(profile);
  let slots = 2;
  while (slots < hashes.length * 2) slots *= 2;
  const mask = slots - 1;
  const first = new Int32Array(slots).fill(-1);
  const next = new Int32Array(hashes.length);
  // From the last position down, each put at the head of its chain: chains run in ascending position.
  for (let j = hashes.length - 1; j >= 0; j--) {
    const slot = hashes[j]! & mask;
    next[j] = first[slot]!;
    first[slot] = j;
  }
  lastTable = { profile, hashes, first, next, mask };
  return lastTable;
}

function sameSeed(a: readonly string[], i: number, b: readonly string[], j: number): boolean {
  for (let k = 0; k < SEED_WORDS; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** Seeds (i, j): positions where SEED_WORDS stems are equal in both texts, ordered by i then j. */
export function findSeeds(a: WordProfile, b: WordProfile): Int32Array {
  const table = seedTable(b);
  const { first, next, mask } = table;
  const hashesB = table.hashes;
  const hashesA = seedHashes(a);
  const seeds: number[] = [];
  for (let i = 0; i < hashesA.length; i++) {
    const hash = hashesA[i]!;
    const head = first[hash & mask]!;
    let repeats = 0;
    for (let j = head; j >= 0; j = next[j]!) if (hashesB[j] === hash && sameSeed(a.stems, i, b.stems, j)) repeats++;
    if (repeats === 0 || repeats > MAX_SEED_REPEATS) continue;
    for (let j = head; j >= 0; j = next[j]!) if (hashesB[j] === hash && sameSeed(a.stems, i, b.stems, j)) seeds.push(i, j);
  }
  return Int32Array.from(seeds);
}

/** Greedy chaining in order of i: each seed joins the open chain it continues most closely, else opens one. */
export function chainSeeds(seeds: Int32Array): Chain[] {
  const open: Chain[] = [];
  const closed: Chain[] = [];
  for (let s = 0; s < seeds.length; s += 2) {
    const i = seeds[s]!;
    const j = seeds[s + 1]!;
    let best: Chain | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let c = open.length - 1; c >= 0; c--) {
      const chain = open[c]!;
      if (i - chain.lastI > MAX_SEED_GAP) {
        closed.push(chain);
        open.splice(c, 1);
        continue;
      }
      const di = i - chain.lastI;
      const dj = j - chain.lastJ;
      if (di <= 0 || dj <= 0 || dj > MAX_SEED_GAP) continue;
      const drift = Math.abs(dj - di);
      if (drift > MAX_DIAGONAL_DRIFT) continue;
      const cost = di + dj + drift;
      if (cost < bestCost) {
        bestCost = cost;
        best = chain;
      }
    }
    if (best === undefined) {
      open.push({ firstI: i, firstJ: j, lastI: i, lastJ: j, coveredA: undefined, seeds: [i, j] });
    } else {
      best.lastI = i;
      best.lastJ = j;
      best.seeds.push(i, j);
    }
  }
  return closed.concat(open);
}

/**
 * Words matched in order between two short word ranges (longest common subsequence of their stems); with
 * `contentOnly`, the most content words so matched (function words recur in any two sentences in order).
 */
function sharedInOrder(a: WordProfile, b: WordProfile, aFrom: number, aTo: number, bFrom: number, bTo: number, contentOnly = false): number {
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  if (n <= 0 || m <= 0) return 0;
  let previous = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  for (let x = 1; x <= n; x++) {
    const stem = a.stems[aFrom + x - 1];
    for (let y = 1; y <= m; y++) {
      const gain = stem === b.stems[bFrom + y - 1] ? (contentOnly && a.stop[aFrom + x - 1] === 1 ? 0 : 1) : -1;
      current[y] = Math.max(previous[y]!, current[y - 1]!, gain >= 0 ? previous[y - 1]! + gain : 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[m]!;
}

/**
 * Words matched by the chain in each text, counted once each: its seeds' words, and (as `scattered`) the
 * content words between consecutive seeds that still match in order (a spinner's untouched words between
 * two swaps, which no 3-word seed covers; gaps are at most MAX_SEED_GAP words, so this is cheap).
 */
function matchedCounts(chain: Chain, a?: WordProfile, b?: WordProfile): { a: number; b: number; scattered: number } {
  let countA = 0;
  let countB = 0;
  let scattered = 0;
  let reachA = -1;
  let reachB = -1;
  for (let s = 0; s < chain.seeds.length; s += 2) {
    const i = chain.seeds[s]!;
    const j = chain.seeds[s + 1]!;
    if (a !== undefined && b !== undefined && s > 0) {
      scattered += sharedInOrder(a, b, reachA, i, reachB, j, true);
    }
    countA += i + SEED_WORDS - Math.max(i, reachA);
    countB += j + SEED_WORDS - Math.max(j, reachB);
    reachA = i + SEED_WORDS;
    reachB = j + SEED_WORDS;
  }
  return { a: countA, b: countB, scattered };
}

/**
 * Extends an end word by word while matches outweigh mismatches (a mismatch is a swap; a spinner's dropped
 * word inside a passage is left to the bridging of neighbouring passages). Returns how far (words, in each
 * text) and how many words matched.
 */
/** True when (x, y) lies in both profiles and before the limits in the direction of `step` (extend's bound). */
function withinReach(a: WordProfile, b: WordProfile, x: number, y: number, step: 1 | -1, limitA: number, limitB: number): boolean {
  return x >= 0 && y >= 0 && x < a.stems.length && y < b.stems.length && (step === 1 ? x < limitA && y < limitB : x > limitA && y > limitB);
}

function extend(a: WordProfile, b: WordProfile, i: number, j: number, step: 1 | -1, limitA: number, limitB: number): { lengthA: number; lengthB: number; matched: number } {
  let score = 0;
  let best = 0;
  let reach = { lengthA: 0, lengthB: 0, matched: 0 };
  let matched = 0;
  let x = i;
  let y = j;
  while (withinReach(a, b, x, y, step, limitA, limitB)) {
    if (a.stems[x] === b.stems[y]) {
      score++;
      matched++;
      x += step;
      y += step;
    } else {
      score--;
      // A mismatch is a swap. Stepping over a word on one side only was tried: it carried two reporters'
      // "Carter and [his] French [counterpart] Defense Minister ..." into a rewrite (the seeds' 002 and 003).
      x += step;
      y += step;
    }
    if (score > best) {
      best = score;
      reach = { lengthA: (x - i) * step, lengthB: (y - j) * step, matched };
    } else if (best - score >= EXTENSION_X_DROP) {
      break;
    }
  }
  return reach;
}

function overlaps(x: { start: number; end: number }, y: { start: number; end: number }): boolean {
  return x.start < y.end && y.start < x.end;
}

/**
 * The candidate without the words it shares with a kept passage: chains of neighbouring text often meet
 * on a word or two ("by dawn the" seeding both). Undefined when the candidate lies inside the kept one or
 * too little is left.
 */
function trimAgainst(candidate: WordPassage, kept: WordPassage): WordPassage | undefined {
  let { a, b, matchedA, matchedB, scattered } = candidate;
  for (const side of ['a', 'b'] as const) {
    const mine = side === 'a' ? a : b;
    const theirs = kept[side];
    if (!overlaps(mine, theirs)) continue;
    let cutStart = 0;
    let cutEnd = 0;
    if (mine.start >= theirs.start && mine.end > theirs.end) cutStart = theirs.end - mine.start;
    else if (mine.start < theirs.start && mine.end <= theirs.end) cutEnd = mine.end - theirs.start;
    else return undefined;
    a = { start: a.start + cutStart, end: a.end - cutEnd };
    b = { start: b.start + cutStart, end: b.end - cutEnd };
    matchedA -= cutStart + cutEnd;
    matchedB -= cutStart + cutEnd;
    scattered = 0; // where the cut words were is unknown: count none

  }
  if (a.end - a.start < SEED_WORDS || b.end - b.start < SEED_WORDS || Math.min(matchedA, matchedB) < SEED_WORDS) return undefined;
  return { a, b, matchedA, matchedB, scattered };
}

function charSpan(profile: WordProfile, range: { start: number; end: number }): Span {
  return { start: profile.starts[range.start]!, end: profile.ends[range.end - 1]! };
}

function wordCharsIn(profile: WordProfile, range: { start: number; end: number }): number {
  let total = 0;
  for (let k = range.start; k < range.end; k++) total += profile.ends[k]! - profile.starts[k]!;
  return total;
}

/** True when a passage of `kept` other than `first` and `next` lies across the gap between them in `b`. */
function crossesGap(kept: readonly WordPassage[], first: WordPassage, next: WordPassage): boolean {
  for (const other of kept) {
    if (other !== first && other !== next && other.b.start < next.b.start && other.b.end > first.b.end) return true;
  }
  return false;
}

/**
 * Joins neighbouring passages (in order in both texts) when the words between them were spun rather than
 * replaced: both gaps at most MAX_SEED_GAP words, drifting at most MAX_DIAGONAL_DRIFT, and sharing in order
 * at least BRIDGE_MIN_SHARED of the longer gap. The gap's unmatched words then count against identity, so
 * a spun passage whose swaps fell between seeds no longer looks lifted word for word. In place, `kept` in
 * order of `a`.
 */
function bridgeSpunGaps(a: WordProfile, b: WordProfile, kept: WordPassage[]): void {
  for (let p = 0; p + 1 < kept.length; ) {
    const first = kept[p]!;
    const next = kept[p + 1]!;
    const gapA = next.a.start - first.a.end;
    const gapB = next.b.start - first.b.end;
    const shared = gapA > 0 && gapB > 0 && gapA <= MAX_SEED_GAP && gapB <= MAX_SEED_GAP && Math.abs(gapA - gapB) <= MAX_DIAGONAL_DRIFT
      ? sharedInOrder(a, b, first.a.end, next.a.start, first.b.end, next.b.start)
      : 0;
    const crossed = shared > 0 && crossesGap(kept, first, next);
    if (shared === 0 || crossed || shared < BRIDGE_MIN_SHARED * Math.max(gapA, gapB)) {
      p++;
      continue;
    }
    kept.splice(p, 2, {
      a: { start: first.a.start, end: next.a.end },
      b: { start: first.b.start, end: next.b.end },
      matchedA: first.matchedA + next.matchedA,
      matchedB: first.matchedB + next.matchedB,
      scattered: first.scattered + sharedInOrder(a, b, first.a.end, next.a.start, first.b.end, next.b.start, true) + next.scattered,
    });
  }
}

// alignWords' orders as module functions (no closure per call: README, Development).
const strongestFirst = (x: WordPassage, y: WordPassage): number => y.matchedA + y.matchedB - (x.matchedA + x.matchedB) || x.a.start - y.a.start;
const byStartInA = (x: WordPassage, y: WordPassage): number => x.a.start - y.a.start;
const byStartInB = (x: WordPassage, y: WordPassage): number => x.b.start - y.b.start;

/** Aligns two texts' words: passages one to one (no word in two passages), in order of `a`. */
export function alignWords(a: WordProfile, b: WordProfile): WordAlignment {
  const chains = chainSeeds(findSeeds(a, b));
  const candidates: WordPassage[] = [];
  for (const chain of chains) {
    const counts = matchedCounts(chain, a, b);
    if (Math.min(counts.a, counts.b) < SEED_WORDS) continue;
    candidates.push({
      a: { start: chain.firstI, end: chain.lastI + SEED_WORDS },
      b: { start: chain.firstJ, end: chain.lastJ + SEED_WORDS },
      matchedA: counts.a,
      matchedB: counts.b,
      scattered: counts.scattered,
    });
  }
  // Strongest first; a weaker chain overlapping a kept one is the same text met again (a repeated phrase).
  candidates.sort(strongestFirst);
  const kept: WordPassage[] = [];
  for (const candidate of candidates) {
    let trimmed: WordPassage | undefined = candidate;
    for (const p of kept) {
      if (trimmed === undefined) break;
      trimmed = trimAgainst(trimmed, p);
    }
    if (trimmed !== undefined) kept.push(trimmed);
  }
  kept.sort(byStartInA);
  // Extend each passage's ends, never into a neighbouring passage.
  const byB = [...kept].sort(byStartInB);
  for (let p = 0; p < kept.length; p++) {
    const passage = kept[p]!;
    const previousA = p > 0 ? kept[p - 1]!.a.end - 1 : -1;
    const nextA = p + 1 < kept.length ? kept[p + 1]!.a.start : a.stems.length;
    const q = byB.indexOf(passage);
    const previousB = q > 0 ? byB[q - 1]!.b.end - 1 : -1;
    const nextB = q + 1 < byB.length ? byB[q + 1]!.b.start : b.stems.length;
    const left = extend(a, b, passage.a.start - 1, passage.b.start - 1, -1, previousA, previousB);
    const right = extend(a, b, passage.a.end, passage.b.end, 1, nextA, nextB);
    passage.a = { start: passage.a.start - left.lengthA, end: passage.a.end + right.lengthA };
    passage.b = { start: passage.b.start - left.lengthB, end: passage.b.end + right.lengthB };
    passage.matchedA += left.matched + right.matched;
    passage.matchedB += left.matched + right.matched;
  }
  bridgeSpunGaps(a, b, kept);
  // Loops, not filter and map callbacks: those closed over this call's variables, a closure made per call that V8
  // compiled again after every full collection when it did not inline it (README, Development).
  const passagesOut: typeof kept = [];
  for (const p of kept) if (Math.min(p.matchedA, p.matchedB) >= MIN_PASSAGE_MATCHED_WORDS) passagesOut.push(p);
  let coveredA = 0;
  let coveredB = 0;
  let alignedWords = 0;
  let matchedBoth = 0;
  let wordsBoth = 0;
  const passages: Passage[] = [];
  for (const p of passagesOut) {
    coveredA += wordCharsIn(a, p.a);
    coveredB += wordCharsIn(b, p.b);
    alignedWords += p.matchedA + p.scattered;
    const words = p.a.end - p.a.start + (p.b.end - p.b.start);
    matchedBoth += p.matchedA + p.matchedB;
    wordsBoth += words;
    passages.push({ a: charSpan(a, p.a), b: charSpan(b, p.b), similarity: Math.round(((p.matchedA + p.matchedB) / words) * 1000) / 1000 });
  }
  return {
    passages,
    wordPassages: passagesOut,
    coverage: { a: a.wordChars === 0 ? 0 : coveredA / a.wordChars, b: b.wordChars === 0 ? 0 : coveredB / b.wordChars },
    alignedWords,
    identity: wordsBoth === 0 ? 0 : matchedBoth / wordsBoth,
  };
}

/**
 * Word-alignment similarity of two short texts (sentences): words inside seed chains, both sides, over all
 * words; 0 when no seed is shared. Every chain counts, so a paraphrase that moves a clause keeps its score.
 */
export function alignedSimilarity(a: WordProfile, b: WordProfile): number {
  const total = a.stems.length + b.stems.length;
  if (total === 0) return 0;
  let matched = 0;
  for (const chain of chainSeeds(findSeeds(a, b))) {
    const counts = matchedCounts(chain);
    matched += counts.a + counts.b;
  }
  return Math.min(1, matched / total);
}
