// Winnowing (Schleimer, Wilkerson, Aiken 2003, "Winnowing: local algorithms for document fingerprinting"):
// keep a few shingle hashes per text, chosen so that any long enough shared run of words is sure to leave a
// shared fingerprint. Used to find reused passages, which whole-text MinHash is too coarse to see.
//
// Guarantee: every window of `window` consecutive shingle hashes contributes its minimum, and the choice
// depends only on the window's content (up to ties, which share the value). A run of window + k - 1 shared
// tokens holds `window` whole shingles of k tokens, i.e. one full window, so both texts carry its minimum.
// With DEFAULT_WINNOW_WINDOW = 4 and shingles of 5 words (DEFAULT_MINHASH.shingleSize), every shared run
// of 4 + 5 - 1 = 8 words is detected; runs shorter than 5 words never are (noise threshold). Expected
// density is 2 / (window + 1) = 40% of the shingles.

import { winnowKernel } from './kernels.ts';

/** One kept shingle hash and the index of its shingle (= index of the shingle's first token). */
export interface Fingerprint {
  hash: number;
  position: number;
}

/** Shingles per window: with 5-word shingles, shared 8-word runs are always found (see the guarantee above). */
export const DEFAULT_WINNOW_WINDOW = 4;

/**
 * Robust winnowing: in each window of `window` consecutive hashes select the minimum; on a tie keep the
 * hash the previous window selected if it is still inside, else take the rightmost minimum. Each selection
 * is recorded once, when it is first made, so the result is ordered by position. A text with fewer hashes
 * than `window` is one window. Robust tie-breaking keeps low-entropy text (repeated words) from flooding the
 * output with one fingerprint per position.
 */
export function winnow(hashes: Uint32Array, window: number): Fingerprint[] {
  return Array.from(winnowedPositions(hashes, window), (position) => ({ hash: hashes[position]!, position }));
}

/** The positions of the hashes winnow() selects, in the same order (assembly/sketch.ts winnow), without building Fingerprint objects. */
export function winnowedPositions(hashes: Uint32Array, window: number, into?: Uint32Array): Uint32Array {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  return winnowKernel(hashes, window, into);
}

/** The hashes winnow() selects, in the same order. */
export function winnowedHashes(hashes: Uint32Array, window: number): Uint32Array {
  const positions = winnowedPositions(hashes, window);
  const out = new Uint32Array(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = hashes[positions[i]!]!;
  return out;
}
