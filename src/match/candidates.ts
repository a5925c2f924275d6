// Candidate search: which stored articles are worth aligning with a new one. Two sketches, two jobs:
// MinHash/LSH over the whole text finds near-duplicates and versions; winnowed passage fingerprints find
// articles that share only a few paragraphs, which whole-text MinHash is too coarse to see.
import type { Article } from '../model.ts';
import { bandKeys, DEFAULT_LSH, type LshParams } from '../sketch/lsh.ts';
import { DEFAULT_MINHASH, minhash, serializeSignature, type MinHashParams } from '../sketch/minhash.ts';
import { textShingleHashes } from '../sketch/shingles.ts';
import { winnowedHashes } from '../sketch/winnow.ts';

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
  return { algorithm, numPerm, seed, shingleSize, bands: settings.lsh.bands, rows: settings.lsh.rows, winnowWindow: settings.winnowWindow };
}

export interface ArticleSketch {
  signature: Uint8Array;
  bandKeys: Uint32Array;
  fingerprints: Uint32Array;
}

export function sketchArticle(article: Pick<Article, 'text'>, settings: SketchSettings): ArticleSketch {
  const shingles = textShingleHashes(article.text, settings.minhash.shingleSize, settings.minhash.seed);
  const signature = minhash(shingles, settings.minhash);
  const fingerprints = winnowedHashes(shingles, settings.winnowWindow);
  return { signature: serializeSignature(signature), bandKeys: bandKeys(signature, settings.lsh), fingerprints };
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
