// Word shingles as 32-bit hashes: one hash per window of k consecutive words. Each word is hashed once and
// the k word hashes of a window are folded together, so no shingle string is ever built.
//
// Two entry points give identical hashes:
// - shingleHashes(norms, k, seed), from words already tokenized;
// - textShingleHashes(text, k, seed), the hot path: words are found by the same scanner as tokenize() and
//   hashed straight from the text's code units, lower-casing ASCII on the fly, so plain English words cost
//   no string allocation at all.

import { normalizeWord, scanWords } from '../text/tokens.ts';
import { combineHashes, fmix32, hashString32 } from './hash.ts';

// MurmurHash3 block constants, repeated here for the allocation-free word hash below.
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const MIX_ADD = 0xe6546b64;

/**
 * One 32-bit hash per window of `k` consecutive tokens (n - k + 1 of them). A text shorter than `k` gives a
 * single shingle of all its tokens, so short texts still have a sketch; an empty text gives none.
 */
export function shingleHashes(tokenNorms: readonly string[], k: number, seed: number): Uint32Array {
  const n = tokenNorms.length;
  const words = new Uint32Array(n);
  for (let i = 0; i < n; i++) words[i] = hashString32(tokenNorms[i]!, seed);
  return shinglesOfWordHashes(words, k, seed);
}

/** shingleHashes(wordNorms(text), k, seed), without building the words. */
export function textShingleHashes(text: string, k: number, seed: number): Uint32Array {
  return shinglesOfWordHashes(wordHashes(text, seed), k, seed);
}

/**
 * hashString32(norm, seed) of every word of `text`, as tokenize() finds and normalises them. ASCII words are
 * hashed in place; a word with any other character goes through normalizeWord, whose lower-casing may change
 * its length.
 */
export function wordHashes(text: string, seed: number): Uint32Array {
  // A word takes at least one character and is followed by at least one separator.
  const out = new Uint32Array((text.length >> 1) + 1);
  let count = 0;
  scanWords(text, (start, end) => {
    out[count++] = asciiWordHash(text, start, end, seed) ?? hashString32(normalizeWord(text.slice(start, end)), seed);
  });
  return out.slice(0, count);
}

/**
 * Folds each window of `k` word hashes into one shingle hash. The window length is mixed into the last step,
 * so a 3-word text never collides with a 5-word window that happens to fold the same way.
 */
export function shinglesOfWordHashes(words: Uint32Array, k: number, seed: number): Uint32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingle size must be a positive integer, got ${k}`);
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const width = Math.min(k, n);
  const count = n - width + 1;
  const out = new Uint32Array(count);
  const start = seed | 0;
  // Folding k hashes per window costs k block steps; with k = 5 that is cheaper than a rolling hash's
  // bookkeeping and keeps every window an honest MurmurHash3 of its words.
  for (let i = 0; i < count; i++) {
    let h = start;
    for (let j = 0; j < width; j++) h = combineHashes(h, words[i + j]!);
    out[i] = fmix32(h ^ width);
  }
  return out;
}

/** hashString32 of text[start, end) lower-cased, when that range is all ASCII; undefined otherwise. */
function asciiWordHash(text: string, start: number, end: number, seed: number): number | undefined {
  let h = seed | 0;
  let i = start;
  for (; i + 1 < end; i += 2) {
    let a = text.charCodeAt(i);
    let b = text.charCodeAt(i + 1);
    if ((a | b) >= 128) return undefined;
    if (a >= 0x41 && a <= 0x5a) a |= 0x20;
    if (b >= 0x41 && b <= 0x5a) b |= 0x20;
    let k = Math.imul(a | (b << 16), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + MIX_ADD) | 0;
  }
  if (i < end) {
    let a = text.charCodeAt(i);
    if (a >= 128) return undefined;
    if (a >= 0x41 && a <= 0x5a) a |= 0x20;
    let k = Math.imul(a, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ ((end - start) * 2));
}
