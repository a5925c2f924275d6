// Word shingles as 32-bit hashes: one hash per window of k consecutive words. Each word is hashed once and
// a rolling polynomial combines the k word hashes of each window, so no shingle string is ever built.
//
// Two entry points give identical hashes:
// - shingleHashes(norms, k, seed), from words already tokenized;
// - textShingleHashes(text, k, seed): words are found by the sketch module (kernels.ts, assembly/sketch.ts)
//   and hashed straight from the text's code units, lower-casing ASCII on the fly, so plain English words
//   cost no string allocation at all.

import { hashString32 } from './hash.ts';
import { shinglesKernel, wordHashesOf } from './kernels.ts';

/**
 * One 32-bit hash per window of `k` consecutive tokens (n - k + 1 of them). A text shorter than `k` gives a
 * single shingle of all its tokens, so short texts still have a sketch; an empty text gives none.
 */
export function shingleHashes(tokenNorms: readonly string[], k: number, seed: number): Uint32Array {
  const n = tokenNorms.length;
  const words = new Uint32Array(n);
  for (let i = 0; i < n; i++) words[i] = hashString32(tokenNorms[i]!, seed);
  return shinglesOfWordHashes(words, k);
}

/** shingleHashes(wordNorms(text), k, seed), without building the words. */
export function textShingleHashes(text: string, k: number, seed: number): Uint32Array {
  return shinglesOfWordHashes(wordHashes(text, seed), k);
}

/**
 * hashString32(norm, seed) of every word of `text`, exactly as tokenize() finds and normalises them, in one
 * pass over the text's code units in the sketch module (kernels.ts; its ASCII fast path hands every other
 * word to wordEndAt and normalizeWord). Equivalence with shingleHashes(wordNorms(text)) is checked by a fuzz test.
 */
export function wordHashes(text: string, seed: number): Uint32Array {
  return wordHashesOf(text, seed);
}

/**
 * One hash per window of `k` word hashes (assembly/sketch.ts shingles): a polynomial over the window, H_i = sum_j w_(i+j) * P^(k-1-j)
 * mod 2^32, rolled from one window to the next in three multiplications, then finalised with fmix32 and the
 * window length (so a 3-word text never collides with a 5-word window that happens to sum the same).
 * The word hashes are already seeded, so the seed needs no second mixing here.
 */
export function shinglesOfWordHashes(words: Uint32Array, k: number, into?: Uint32Array): Uint32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingle size must be a positive integer, got ${k}`);
  return shinglesKernel(words, k, into);
}

// The rolling polynomial and the shingles' check tags (8 bits of a second hash of the window's words, another
// multiplier and salt, making 40-bit keys with the shingle hash; see copy-index.ts) are in assembly/sketch.ts.
