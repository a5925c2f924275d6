// Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands of `rows`
// values; two texts become candidates when any band is equal in both. Each band is reduced to one 32-bit
// key, so a candidate index stores `bands` integers per article.

import { NewsfoldError } from '../errors.ts';
import { bandKeysKernel } from './kernels.ts';
import type { Signature } from './minhash.ts';

export interface LshParams {
  bands: number;
  rows: number;
}

/**
 * 32 bands x 4 rows over 128 values. The S-curve's threshold (1/b)^(1/r) = (1/32)^(1/4) = 0.420: pairs
 * above it are very likely candidates, pairs below unlikely. Collision probability 1 - (1 - s^r)^b, exactly:
 *
 *   Jaccard s   P(candidate)
 *   0.2         0.04995   (1 in 20 weakly related pairs checked in vain)
 *   0.3         0.22915
 *   0.5         0.87321
 *   0.7         0.99985   (versions and near-copies: missed 1.5 times in 10,000)
 *   0.9         1 - 1.5e-15
 *
 * Chosen so that near-copies and versions (J >= 0.7) are practically never missed while unrelated news
 * (J < 0.1: P < 0.0032) rarely costs a comparison. Reused single passages usually fall below the threshold;
 * they are found by winnowed fingerprints, not by this index.
 */
export const DEFAULT_LSH: LshParams = Object.freeze({ bands: 32, rows: 4 });

/**
 * One 32-bit key per band (assembly/sketch.ts foldBand): the band's `rows` values folded together with the band index, so that equal
 * rows in different bands give different keys and one flat key table can serve all bands.
 */
export function bandKeys(sig: Signature, lsh: LshParams): Uint32Array {
  checkShape(sig, lsh);
  return bandKeysKernel(sig.values, lsh.bands, lsh.rows);
}

/** Probability that two texts of Jaccard similarity `similarity` share at least one band: 1 - (1 - s^r)^b. */
export function collisionProbability(similarity: number, lsh: LshParams): number {
  if (!(similarity >= 0 && similarity <= 1)) throw new RangeError(`similarity must be in [0, 1], got ${similarity}`);
  return 1 - Math.pow(1 - Math.pow(similarity, lsh.rows), lsh.bands);
}

/** The similarity at which the S-curve is steepest, roughly where candidates begin: (1/b)^(1/r). */
export function lshThreshold(lsh: LshParams): number {
  return Math.pow(1 / lsh.bands, 1 / lsh.rows);
}

function checkShape(sig: Signature, lsh: LshParams): void {
  if (!Number.isInteger(lsh.bands) || !Number.isInteger(lsh.rows) || lsh.bands < 1 || lsh.rows < 1) {
    throw new RangeError(`LSH bands and rows must be positive integers, got ${lsh.bands} x ${lsh.rows}`);
  }
  if (lsh.bands * lsh.rows !== sig.params.numPerm || sig.values.length !== sig.params.numPerm) {
    throw new NewsfoldError(
      'E_SKETCH_MISMATCH',
      `LSH ${lsh.bands} bands x ${lsh.rows} rows does not cut a signature of ${sig.params.numPerm} values (${sig.values.length} present).`,
    );
  }
}
