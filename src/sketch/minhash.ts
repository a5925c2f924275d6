// MinHash signatures over shingle hashes, with the settings that made them carried alongside, so that two
// signatures are compared only when they were made the same way (as datasketch checks seed and size).
//
// Two algorithms, named and versioned; a name changes whenever its bits would change:
// - ONE_PERMUTATION ("minhash-oph-fmix32-v1", the default): one-permutation hashing with optimal
//   densification (Li, Owen, Zhang 2012; Shrivastava 2017). Each shingle is hashed once and lands in one of
//   numPerm bins; each bin keeps its minimum; empty bins borrow the value of a bin picked by a seeded,
//   data-independent probe sequence. Cost O(shingles + numPerm), where classic MinHash costs
//   O(shingles x numPerm): 9 against 185 microseconds per 4 KB article at 128 (bench/sketch-speed.ts), and
//   the throughput target of 15,000 articles/s/core leaves about 65 microseconds for everything. Same
//   estimator (the share of equal positions), unbiased, and on 600-word articles a little more precise
//   (sampling without replacement). On texts of fewer shingles than bins, only as many bins are filled
//   as there are shingles, so short texts get noisier estimates than with k permutations.
// - K_PERMUTATIONS ("minhash-kperm-fmix32-v1"): the textbook scheme, numPerm independent hash functions
//   fmix32(x ^ s_i) with per-function seeds s_i derived from the seed; kept as the reference the tests
//   compare against.

import { NewsfoldError } from '../errors.ts';
import { fmix32, LITTLE_ENDIAN } from './hash.ts';
import { onePermutationKernel } from './kernels.ts';

export interface MinHashParams {
  /** Versioned algorithm name; stored sketches made under another name are refused. */
  algorithm: string;
  /** Signature length: bins for one-permutation hashing, hash functions for k permutations. */
  numPerm: number;
  seed: number;
  /** Words per shingle; recorded so signatures of differently shingled texts are never compared. */
  shingleSize: number;
}

export interface Signature {
  params: MinHashParams;
  values: Uint32Array;
}

export const ONE_PERMUTATION = 'minhash-oph-fmix32-v1';
export const K_PERMUTATIONS = 'minhash-kperm-fmix32-v1';

/** What an empty text's signature holds everywhere: no shingle ever beat the initial value. */
export const EMPTY_SLOT = 0xffffffff;

/**
 * Defaults for news articles.
 * - numPerm 128: standard error of a Jaccard estimate is at most sqrt(0.25 / 128) = 0.044, enough to tell
 *   a near-copy (J > 0.8) from a shared-passage pair (J ~ 0.2-0.5); 512 bytes per stored signature;
 *   splits evenly into 32 LSH bands of 4 rows.
 * - shingleSize 5 words: on 3,000 pairs of unrelated DUC 2006 articles, 1.4% share any 5-word shingle
 *   (6.6% at 4 words, 42% at 3), while each changed word in an updated version spoils only 5 shingles;
 *   with winnowing window 4 it makes shared 8-word runs always visible (winnow.ts).
 * - seed: a fixed arbitrary constant, so signatures stay valid across runs and machines.
 */
export const DEFAULT_MINHASH: MinHashParams = Object.freeze({
  algorithm: ONE_PERMUTATION,
  numPerm: 128,
  seed: 0x6e657773, // "news" in ASCII
  shingleSize: 5,
});

// Salt of the k-permutation seeds, apart from the one-permutation salts (assembly/sketch.ts) and the shingles.
const PERM_SALT = 0x9e3779b9;

/** The MinHash signature of a set of shingle hashes (duplicates in `shingles` do not matter). */
export function minhash(shingles: Uint32Array, params: MinHashParams, into?: Uint32Array): Signature {
  checkParams(params);
  // `into`, when it has room, takes the values (a caller's scratch that keeps none of its signatures).
  const values =
    params.algorithm === ONE_PERMUTATION
      ? onePermutation(shingles, params.numPerm, params.seed, into !== undefined && into.length >= params.numPerm ? into.subarray(0, params.numPerm) : undefined)
      : kPermutations(shingles, params.numPerm, params.seed);
  return { params, values };
}

/** True when the signature is that of an empty text (two empty texts would otherwise estimate J = 1). */
export function isEmptySignature(sig: Signature): boolean {
  for (let i = 0; i < sig.values.length; i++) if (sig.values[i] !== EMPTY_SLOT) return false;
  return true;
}

/** Throws E_SKETCH_MISMATCH unless the two signatures were made with the same algorithm, size, seed and shingles. */
export function assertCompatible(a: Signature, b: Signature): void {
  const pa = a.params;
  const pb = b.params;
  const differ: string[] = [];
  if (pa.algorithm !== pb.algorithm) differ.push(`algorithm ${pa.algorithm} vs ${pb.algorithm}`);
  if (pa.numPerm !== pb.numPerm) differ.push(`numPerm ${pa.numPerm} vs ${pb.numPerm}`);
  if (pa.seed !== pb.seed) differ.push(`seed ${pa.seed} vs ${pb.seed}`);
  if (pa.shingleSize !== pb.shingleSize) differ.push(`shingleSize ${pa.shingleSize} vs ${pb.shingleSize}`);
  if (a.values.length !== pa.numPerm || b.values.length !== pb.numPerm) {
    differ.push(`signature lengths ${a.values.length} and ${b.values.length} for numPerm ${pa.numPerm}`);
  }
  if (differ.length > 0) {
    throw new NewsfoldError('E_SKETCH_MISMATCH', `Cannot compare MinHash signatures: ${differ.join('; ')}.`);
  }
}

/** Estimated Jaccard similarity of the two shingle sets: the share of positions where the signatures agree. */
export function estimateJaccard(a: Signature, b: Signature): number {
  assertCompatible(a, b);
  const n = a.values.length;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a.values[i] === b.values[i]) equal++;
  return equal / n;
}

/** The values as numPerm little-endian 32-bit words; the params are stored beside it, not in it. */
export function serializeSignature(sig: Signature): Buffer {
  const n = sig.values.length;
  // On a little-endian machine the values' own bytes are the stored form: a copy of them in one call (was
  // 128 writeUInt32LE calls per article on the ingest's hot path).
  if (LITTLE_ENDIAN) return Buffer.from(new Uint8Array(sig.values.buffer, sig.values.byteOffset, n * 4));
  const buf = Buffer.allocUnsafe(n * 4);
  for (let i = 0; i < n; i++) buf.writeUInt32LE(sig.values[i]!, i * 4);
  return buf;
}

/** Reads what serializeSignature wrote; throws E_SKETCH_MISMATCH when the length does not fit `params`. */
export function deserializeSignature(buf: Buffer, params: MinHashParams): Signature {
  checkParams(params);
  if (buf.length !== params.numPerm * 4) {
    throw new NewsfoldError(
      'E_SKETCH_MISMATCH',
      `A stored signature has ${buf.length} bytes; ${params.algorithm} with numPerm ${params.numPerm} needs ${params.numPerm * 4}.`,
    );
  }
  const values = new Uint32Array(params.numPerm);
  for (let i = 0; i < params.numPerm; i++) values[i] = buf.readUInt32LE(i * 4);
  return { params, values };
}

// Upper bound on numPerm: the sketch module's bins' flags hold 65,536 (assembly/sketch.ts FILLED).
const MAX_NUM_PERM = 65536;

function checkParams(params: MinHashParams): void {
  if (params.algorithm !== ONE_PERMUTATION && params.algorithm !== K_PERMUTATIONS) {
    throw new NewsfoldError(
      'E_SKETCH_MISMATCH',
      `Unknown MinHash algorithm "${params.algorithm}"; this build makes ${ONE_PERMUTATION} and ${K_PERMUTATIONS}.`,
    );
  }
  if (!Number.isInteger(params.numPerm) || params.numPerm < 1 || params.numPerm > MAX_NUM_PERM) {
    throw new RangeError(`numPerm must be an integer in [1, ${MAX_NUM_PERM}], got ${params.numPerm}`);
  }
  // A seed outside 32 bits would alias another after `^`, yet compare unequal in assertCompatible.
  if (!Number.isInteger(params.seed) || params.seed < 0 || params.seed > 0xffffffff) {
    throw new RangeError(`seed must be an unsigned 32-bit integer, got ${params.seed}`);
  }
  if (!Number.isInteger(params.shingleSize) || params.shingleSize < 1) {
    throw new RangeError(`shingleSize must be a positive integer, got ${params.shingleSize}`);
  }
}

/** One-permutation hashing with optimal densification, in the sketch module (assembly/sketch.ts onePermutation). */
function onePermutation(shingles: Uint32Array, bins: number, seed: number, into?: Uint32Array): Uint32Array {
  return onePermutationKernel(shingles, bins, seed, into);
}

function kPermutations(shingles: Uint32Array, numPerm: number, seed: number): Uint32Array {
  const values = new Uint32Array(numPerm).fill(EMPTY_SLOT);
  const seeds = new Uint32Array(numPerm);
  for (let i = 0; i < numPerm; i++) seeds[i] = fmix32((seed + Math.imul(i + 1, PERM_SALT)) | 0);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < numPerm; i++) {
      const v = fmix32(x ^ seeds[i]!);
      if (v < values[i]!) values[i] = v;
    }
  }
  return values;
}
