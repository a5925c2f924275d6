// Candidate search: which stored articles are worth aligning with a new one. Two sketches, two jobs:
// MinHash/LSH over the whole text finds near-duplicates and versions; winnowed passage fingerprints find
// articles that share only a few paragraphs, which whole-text MinHash is too coarse to see.
import type { Article } from '../model.ts';
import { COPY_KEY_TAG_BITS, copyKey } from '../sketch/copy-index.ts';
import { bandCheckTags, bandKeys, DEFAULT_LSH, type LshParams } from '../sketch/lsh.ts';
import { DEFAULT_MINHASH, minhash, serializeSignature, type MinHashParams } from '../sketch/minhash.ts';
import { shingleCheckTag, shinglesOfWordHashes, wordHashes } from '../sketch/shingles.ts';
import { winnowedPositions } from '../sketch/winnow.ts';

export interface SketchSettings {
  minhash: MinHashParams;
  lsh: LshParams;
  /** Winnowing window in shingles; with the shingle size it fixes the shortest run always detected. */
  winnowWindow: number;
}

/**
 * Winnowing window of the passage index, in 5-word shingles. Window 24 keeps 2 / 25 = 8% of the shingles
 * (about 50 fingerprints for a 4 KB article, so band keys and fingerprints fit in under 1 KB of RAM each;
 * see sketch/copy-index.ts) and still guarantees a shared fingerprint for any verbatim run of
 * 24 + 5 - 1 = 28 words: a lifted passage of two news sentences (40-60 words) always leaves one or more.
 */
export const PASSAGE_INDEX_WINDOW = 24;

export const DEFAULT_SKETCH_SETTINGS: SketchSettings = {
  minhash: DEFAULT_MINHASH,
  lsh: DEFAULT_LSH,
  winnowWindow: PASSAGE_INDEX_WINDOW,
};

/** The settings as stored with a database, so a database indexed one way is never queried another. */
export function describeSketchSettings(settings: SketchSettings): Record<string, string | number> {
  const { algorithm, numPerm, seed, shingleSize } = settings.minhash;
  return { algorithm, numPerm, seed, shingleSize, bands: settings.lsh.bands, rows: settings.lsh.rows, winnowWindow: settings.winnowWindow, copyKeyBits: COPY_KEY_BITS };
}

/** Bits of each copy-index key: a 32-bit hash and an 8-bit check tag (see sketch/copy-index.ts). Stored with the settings. */
export const COPY_KEY_BITS = 32 + COPY_KEY_TAG_BITS;

export interface ArticleSketch {
  signature: Uint8Array;
  /** 40-bit keys (copy-index.ts CopyKeys): band key and check tag per band. */
  bandKeys: Float64Array;
  /** 40-bit keys: winnowed shingle hash and a second hash of the same shingle. */
  fingerprints: Float64Array;
}

export function sketchArticle(article: Pick<Article, 'text'>, settings: SketchSettings): ArticleSketch {
  const { shingleSize, seed } = settings.minhash;
  const words = wordHashes(article.text, seed);
  const shingles = shinglesOfWordHashes(words, shingleSize);
  const signature = minhash(shingles, settings.minhash);
  const positions = winnowedPositions(shingles, settings.winnowWindow);
  const fingerprints = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i++) fingerprints[i] = copyKey(shingles[positions[i]!]!, shingleCheckTag(words, positions[i]!, shingleSize));
  const keys = bandKeys(signature, settings.lsh);
  const tags = bandCheckTags(signature, settings.lsh);
  const bands = new Float64Array(keys.length);
  for (let b = 0; b < keys.length; b++) bands[b] = copyKey(keys[b]!, tags[b]!);
  return { signature: serializeSignature(signature), bandKeys: bands, fingerprints };
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
