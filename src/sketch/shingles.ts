// Word shingles as 32-bit hashes: one hash per window of k consecutive words. Each word is hashed once and
// the k word hashes of a window are folded together, so no shingle string is ever built.
//
// Two entry points give identical hashes:
// - shingleHashes(norms, k, seed), from words already tokenized;
// - textShingleHashes(text, k, seed), the hot path: words are found by the same scanner as tokenize() and
//   hashed straight from the text's code units, lower-casing ASCII on the fly, so plain English words cost
//   no string allocation at all.

import { normalizeWord, wordEndAt } from '../text/tokens.ts';
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
 * hashString32(norm, seed) of every word of `text`, exactly as tokenize() finds and normalises them, in one
 * pass. Plain ASCII words (the bulk of English news) are hashed while they are scanned, lower-cased on the
 * fly; a word that touches anything else (a non-ASCII character, a dotted abbreviation like "U.S.") is
 * handed to wordEndAt and normalizeWord, the definitions tokenize() uses.
 */
export function wordHashes(text: string, seed: number): Uint32Array {
  const n = text.length;
  // A word takes at least one character and is followed by at least one separator.
  const out = new Uint32Array((n >> 1) + 1);
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && !isAsciiAlnum(c)) {
      i++;
      continue;
    }
    const start = i;
    let end = -1; // stays -1 while the fast path holds
    let h = seed | 0;
    let pending = -1; // first code unit of a half-filled 32-bit block
    if (c < 128) {
      for (;;) {
        const d = i < n ? text.charCodeAt(i) : 32;
        let take = isAsciiAlnum(d);
        if (!take && d < 128 && i + 1 < n && i > start) {
          // A joiner is part of the word only when a word character follows (see wordEndAt).
          const next = text.charCodeAt(i + 1);
          if (next >= 128) {
            if (d === APOSTROPHE || d === HYPHEN || d === DOT || d === COMMA) break;
          } else if (d === APOSTROPHE || d === HYPHEN) {
            take = isAsciiAlnum(next);
          } else if (d === DOT) {
            // "U.S." and "p.m." keep their final dot: leave single letters before a dot to wordEndAt.
            if (i - start === 1 && isAsciiLetter(text.charCodeAt(start))) break;
            take = isAsciiAlnum(next);
          } else if (d === COMMA) {
            take = isAsciiDigit(next) && isAsciiDigit(text.charCodeAt(i - 1));
          }
        }
        if (!take) {
          if (d < 128) end = i; // a clean ASCII end; otherwise the slow path decides
          break;
        }
        const lower = d >= 0x41 && d <= 0x5a ? d | 0x20 : d;
        if (pending < 0) {
          pending = lower;
        } else {
          h = mixBlock(h, pending | (lower << 16));
          pending = -1;
        }
        i++;
      }
    }
    if (end >= 0) {
      if (pending >= 0) h ^= scrambleTail(pending);
      out[count++] = fmix32(h ^ ((end - start) * 2));
      i = end;
      continue;
    }
    // Slow path: the one definition of a word decides, from the word's start.
    const wordEnd = wordEndAt(text, start);
    if (wordEnd < 0) {
      i = start + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      continue;
    }
    out[count++] = hashString32(normalizeWord(text.slice(start, wordEnd)), seed);
    i = wordEnd;
  }
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

const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isAsciiAlnum(c: number): boolean {
  return isAsciiDigit(c) || isAsciiLetter(c);
}

/** MurmurHash3 block step, signed, as in hash.ts. */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + MIX_ADD) | 0;
}

/** MurmurHash3's treatment of a tail block (here one UTF-16 code unit). */
function scrambleTail(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}
