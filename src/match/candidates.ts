// Candidate search: which stored articles are worth aligning with a new one. Three key families, three jobs:
// MinHash/LSH over the whole text finds near-duplicates and versions; winnowed passage fingerprints (5-word
// shingles) find articles that share only a few paragraphs word for word; skeleton keys find reworded
// passages, where a spinner's synonym swaps leave no run of identical words long enough for a fingerprint.
//
// Skeleton keys (after Stamatatos 2011, "Plagiarism detection using stopword n-grams"): the text reduced
// to its function words (text/tokens.ts ENGLISH_STOPWORDS) in order, each run of content words between
// them replaced by a marker of its length (one word, or two and more), and hashed in n-grams of
// SKELETON_GRAM such tokens. A synonym swap changes a content word, which the skeleton does not see; only
// a dropped or swapped function word, or a content run dropped or grown across the 1/2+ line, breaks a gram.
// The article stores a sparse winnowed sample (window SKELETON_INDEX_WINDOW) and probes with a dense one
// (window SKELETON_QUERY_WINDOW): a stored gram that survived the spinning is found even where the copy's
// own window would have picked a neighbour; probes count only when few articles hold them. Skeleton keys
// live in the fingerprint table beside the shingle fingerprints (salted apart, and marked by the top bit of
// their check tag), so the stored entry keeps its shape; Store.findByFingerprints takes the probes as an
// optional second list.
import type { Article } from '../model.ts';
import { COPY_KEY_TAG_BITS } from '../sketch/copy-index.ts';
import { bandKeys, type LshParams } from '../sketch/lsh.ts';
import { DEFAULT_MINHASH, minhash, ONE_PERMUTATION, type MinHashParams } from '../sketch/minhash.ts';
import { selectionWeightsKernel, skeletonKernel, sketchText, type SketchShape } from '../sketch/kernels.ts';
import { shinglesOfWordHashes } from '../sketch/shingles.ts';
import { ENGLISH_STOPWORDS } from '../text/tokens.ts';

export interface SketchSettings {
  minhash: MinHashParams;
  lsh: LshParams;
  /** Winnowing window in shingles; with the shingle size it fixes the shortest run always detected. */
  winnowWindow: number;
  /** Winnowing window of the shingles an arriving article looks up (denser than the stored sample). */
  queryWindow: number;
  /** Skeleton keys: tokens per gram, and the winnowing windows of the stored and of the queried sample. */
  skeleton: { gram: number; indexWindow: number; queryWindow: number };
}

/**
 * Winnowing window of the passage index, in 5-word shingles. Window 24 keeps 2 / 25 = 8% of the shingles
 * (about 50 fingerprints for a 4 KB article, so band keys and fingerprints fit in under 1 KB of RAM each;
 * see sketch/copy-index.ts) and still guarantees a shared fingerprint for any verbatim run of
 * 24 + 5 - 1 = 28 words: a lifted passage of two news sentences (40-60 words) always leaves one or more.
 */
export const PASSAGE_INDEX_WINDOW = 24;

/**
 * Winnowing window of the shingles an arriving article looks up. A lifted passage shorter than 28 words
 * holds no whole window of 24, so the host's own window there may take its minimum from the host's text
 * around the passage and miss the source's fingerprint inside it; looking up the host's minima of every 8
 * shingles (2 / 9 = 22% of them) finds a stored fingerprint inside a two-sentence lift far more often, at the
 * cost of lookups, not of RAM (the stored sample stays at window 24).
 */
export const PASSAGE_QUERY_WINDOW = 8;

/**
 * Skeleton tokens per gram. On real news (DUC 2006 + Multi-News, 1,940 documents) unrelated documents of
 * different topics share a winnowed 8-gram 3.5 times per document, a 10-gram 0.17 times (the 5-word
 * shingle fingerprints: 0.51, mostly shared boilerplate); 10 keeps the chance candidates of a large index
 * few, while a spun passage still keeps a gram in most of its sentences (bench/copy-eval.ts --hard).
 */
export const SKELETON_GRAM = 10;
/**
 * Stored skeleton sample: window 10 keeps 2 / 11 = 18% of the grams, about 50 keys for a 3 KB article. On
 * the hard corpus at 100k, spun passages sharing no key with their source: 78 of 804 at window 16, 63 at
 * 12, 57 at 10 (bench/spun-keys.ts); chance candidates at 10k grow by 1.1x. The packed index
 * (sketch/copy-index.ts) pays for the keys' RAM. Other skeletons tried did worse: one marker for every
 * content run (spun 75 missed, chance candidates 4x), grams of 8 or 9 (chance 2-7x), a floor of 4
 * distinct function words.
 */
export const SKELETON_INDEX_WINDOW = 10;
/** Queried skeleton sample: window 4 (40% of the grams) finds stored grams the copy's window 16 would miss. */
export const SKELETON_QUERY_WINDOW = 4;

/**
 * LSH of the copy index: 16 bands of 8 rows over the 128 MinHash values (DEFAULT_LSH, 32 x 4, is the
 * textbook cut). The bands now only have to catch near-duplicates (Jaccard 0.9: missed 4 times in 10,000;
 * 0.8: 1 in 19): versions share runs far longer than 28 words and are found by the fingerprints however
 * their Jaccard falls, as are excerpts and rewrites. Sixteen fewer band keys pay for the skeleton keys'
 * RAM (about 190 bytes an article at 100k).
 */
export const COPY_INDEX_LSH: LshParams = Object.freeze({ bands: 16, rows: 8 });

export const DEFAULT_SKETCH_SETTINGS: SketchSettings = {
  minhash: DEFAULT_MINHASH,
  lsh: COPY_INDEX_LSH,
  winnowWindow: PASSAGE_INDEX_WINDOW,
  queryWindow: PASSAGE_QUERY_WINDOW,
  skeleton: { gram: SKELETON_GRAM, indexWindow: SKELETON_INDEX_WINDOW, queryWindow: SKELETON_QUERY_WINDOW },
};

/**
 * Version of the copy index's key families. 3: shingle fingerprints and skeleton keys share the fingerprint
 * table, told apart by the top bit of the check tag (issue 21); 4: skeleton grams too poor to be keys are
 * passed over by the winnowing rather than dropped after it, which changes the stored sample. A database
 * indexed by an earlier version is refused (E_SKETCH_MISMATCH: re-ingest), since its stored keys were
 * chosen another way and reworded passages would be missed without a word.
 */
export const COPY_KEY_FAMILIES_VERSION = 4;

/** The settings as stored with a database, so a database indexed one way is never queried another. */
export function describeSketchSettings(settings: SketchSettings): Record<string, string | number> {
  const { algorithm, numPerm, seed, shingleSize } = settings.minhash;
  const { gram, indexWindow, queryWindow } = settings.skeleton;
  return {
    algorithm,
    numPerm,
    seed,
    shingleSize,
    bands: settings.lsh.bands,
    rows: settings.lsh.rows,
    winnowWindow: settings.winnowWindow,
    queryWindow: settings.queryWindow,
    copyKeyBits: COPY_KEY_BITS,
    copyKeyFamilies: COPY_KEY_FAMILIES_VERSION,
    skeletonGram: gram,
    skeletonIndexWindow: indexWindow,
    skeletonQueryWindow: queryWindow,
    skeletonMinDistinctWords: MIN_DISTINCT_SKELETON_WORDS,
  };
}

/** Bits of each copy-index key: a 32-bit hash and an 8-bit check tag (see sketch/copy-index.ts). Stored with the settings. */
export const COPY_KEY_BITS = 32 + COPY_KEY_TAG_BITS;

export interface ArticleSketch {
  signature: Uint8Array;
  /** 40-bit keys (copy-index.ts CopyKeys): band key and check tag per band. */
  bandKeys: Float64Array;
  /** 40-bit keys stored in the fingerprint table: winnowed shingle fingerprints, then winnowed skeleton keys. */
  fingerprints: Float64Array;
  /**
   * Probe keys, looked up beside the fingerprints but never stored: the denser query samples of shingles and
   * skeleton grams (see above). A probe counts only when few articles hold it (copy-index.ts
   * MAX_PROBE_POSTINGS): it is there to find short, rare passages, and a stock line held by dozens of
   * articles (a syndication sign-off) must not become a lift because the probe sample is dense.
   */
  probeKeys: Float64Array;
}

export function sketchArticle(article: Pick<Article, 'text'>, settings: SketchSettings): ArticleSketch {
  const { keys, signature, bandCount, fingerprintCount } = sketchText(article.text, sketchShape(settings));
  // The three key lists share one array (one allocation off the heap instead of three; each is a view).
  return {
    signature,
    bandKeys: keys.subarray(0, bandCount),
    fingerprints: keys.subarray(bandCount, bandCount + fingerprintCount),
    probeKeys: keys.subarray(bandCount + fingerprintCount),
  };
}

const shapes = new WeakMap<SketchSettings, SketchShape>();
/** The settings as the sketch module takes them, checked once per settings object. */
function sketchShape(settings: SketchSettings): SketchShape {
  let shape = shapes.get(settings);
  if (shape === undefined) {
    const { minhash: params, lsh } = settings;
    // The checks minhash() and bandKeys() make, with their errors: a bad setting is refused before any sketch.
    const probe = minhash(new Uint32Array(0), params);
    bandKeys(probe, lsh);
    for (const window of [settings.winnowWindow, settings.queryWindow, settings.skeleton.indexWindow, settings.skeleton.queryWindow]) {
      if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
    }
    if (!Number.isInteger(settings.skeleton.gram) || settings.skeleton.gram < 1) throw new RangeError(`skeleton gram must be a positive integer, got ${settings.skeleton.gram}`);
    shape = {
      seed: params.seed,
      numPerm: params.numPerm,
      shingleSize: params.shingleSize,
      bands: lsh.bands,
      rows: lsh.rows,
      winnowWindow: settings.winnowWindow,
      queryWindow: settings.queryWindow,
      gram: settings.skeleton.gram,
      indexWindow: settings.skeleton.indexWindow,
      skeletonQueryWindow: settings.skeleton.queryWindow,
      stopwords: ENGLISH_STOPWORDS,
      // Only one-permutation MinHash is in the module; the k-permutation reference is made here.
      ...(params.algorithm === ONE_PERMUTATION ? {} : { signatureOf: (words: Uint32Array) => minhash(shinglesOfWordHashes(words, params.shingleSize), params).values }),
    };
    shapes.set(settings, shape);
  }
  return shape;
}

// The skeleton's tokens (function words' hashes, a marker for one content word or a run of them), its keys'
// salts and the stopword set it asks are in assembly/sketch.ts.

/**
 * Distinct function words a skeleton gram needs to be a key. A gram of one or two function words repeated
 * ("the [..] the [..] the [..]") is low in information and shared by chance: text with few English function
 * words (a foreign language, a list, the classic planted corpus, whose variants map function words to
 * random words) made 0.70 chance candidates per article at 10k without this floor, 0.00 with it; on the
 * hard corpus at 10k it takes them from 0.036 to 0.015 with spun recall unchanged (a floor of 4: 0.006, but
 * 2 of 68 spun passages lost).
 */
export const MIN_DISTINCT_SKELETON_WORDS = 3;
// assembly/sketch.ts selectionWeights keeps three positions: this stops compiling if the floor above changes.
const KERNEL_DISTINCT_SKELETON_WORDS: 3 = MIN_DISTINCT_SKELETON_WORDS;
void KERNEL_DISTINCT_SKELETON_WORDS;

/**
 * The weights by which winnowing picks skeleton grams: the gram's hash, or NEVER for a gram below
 * MIN_DISTINCT_SKELETON_WORDS, so a window's pick falls on a gram that can be a key instead of on one that
 * would then be dropped (before, a window whose minimum was such a gram stored nothing). Both sides weigh
 * alike, so the picks still agree wherever the text does. Hard corpus, 100k: spun passages sharing no
 * key with their source 57 -> 51 of 804, with as many keys stored and as many chance candidates (a
 * change of winnowing order alone moves this count by about 6: with the full 32-bit hash as weight, 57).
 * Written into `into` when it holds the skeleton's length (a caller's scratch).
 */
export function selectionWeights(skeleton: Uint32Array, grams: Uint32Array, gram: number, into: Uint32Array): Uint32Array {
  return selectionWeightsKernel(skeleton, grams, gram, into);
}

/**
 * The text's skeleton: its function words' hashes (ENGLISH_STOPWORDS under `seed`) in order, each run of
 * content words between them replaced by one marker token (one content word, or two and more).
 */
export function skeletonOf(words: Uint32Array, seed: number, into?: Uint32Array): Uint32Array {
  return skeletonKernel(words, seed, ENGLISH_STOPWORDS, into);
}

/**
 * Shared fingerprints needed before a fingerprint-only candidate is aligned. The index keeps one shingle in
 * twelve, so a lifted two-sentence passage may leave a single one; stock phrases that many articles share
 * are dropped by the index (MAX_FINGERPRINT_POSTINGS), and alignment rejects the rest.
 */
export const MIN_SHARED_FINGERPRINTS = 1;

/** Most candidates aligned per new article, best first: bounds the cost of an arrival on a wire story. */
export const MAX_CANDIDATES = 200;

/** Orders candidates: every LSH hit first (likely versions), then by shared fingerprints. */
export function chooseCandidates<Id extends string | number>(lshHits: readonly Id[], fingerprintHits: ReadonlyMap<Id, number>, self: Id): Id[] {
  if (lshHits.length === 0 && fingerprintHits.size === 0) return [];
  const score = new Map<Id, number>();
  for (const [id, shared] of fingerprintHits) if (shared >= MIN_SHARED_FINGERPRINTS) score.set(id, shared);
  for (const id of lshHits) score.set(id, Number.MAX_SAFE_INTEGER);
  score.delete(self);
  return [...score.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
}
