// sketch: compact, seeded summaries of texts: shingle hashes, MinHash signatures, LSH band keys and
// winnowed fingerprints. Stored sketches carry their settings; mismatches are refused (E_SKETCH_MISMATCH).

export { combineHashes, fmix32, hashString32, murmur3Bytes } from './hash.ts';
export { bandKeys, collisionProbability, DEFAULT_LSH, lshThreshold } from './lsh.ts';
export type { LshParams } from './lsh.ts';
export {
  assertCompatible,
  DEFAULT_MINHASH,
  deserializeSignature,
  EMPTY_SLOT,
  estimateJaccard,
  isEmptySignature,
  K_PERMUTATIONS,
  minhash,
  ONE_PERMUTATION,
  serializeSignature,
} from './minhash.ts';
export type { MinHashParams, Signature } from './minhash.ts';
export { shingleHashes, shinglesOfWordHashes, textShingleHashes, wordHashes } from './shingles.ts';
export { DEFAULT_WINNOW_WINDOW, winnow } from './winnow.ts';
export type { Fingerprint } from './winnow.ts';
