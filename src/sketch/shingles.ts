// Word shingles as 32-bit hashes: one hash per window of k consecutive words. Each word is hashed once and
// a rolling polynomial combines the k word hashes of each window, so no shingle string is ever built.
//
// Two entry points give identical hashes:
// - shingleHashes(norms, k, seed), from words already tokenized;
// - textShingleHashes(text, k, seed), the hot path: words are found by the same scanner as tokenize() and
//   hashed straight from the text's code units, lower-casing ASCII on the fly, so plain English words cost
//   no string allocation at all.

import { normalizeWord, wordEndAt } from '../text/tokens.ts';
import { fmix32, hashString32, LITTLE_ENDIAN, mixBlock, scrambleTail } from './hash.ts';

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
 * pass. A plain ASCII word (the bulk of English news) is found with a tight loop over a class table and
 * hashed in place, lower-cased through a table; a word that touches anything else (a non-ASCII character,
 * a dotted abbreviation like "U.S.") is handed to wordEndAt and normalizeWord, the definitions tokenize()
 * uses. Equivalence with shingleHashes(wordNorms(text)) is checked by a fuzz test.
 */
export function wordHashes(text: string, seed: number): Uint32Array {
  return wordHashesInto(text, seed, new Uint32Array(wordHashesRoom(text))).slice();
}

/** Room wordHashesInto needs for `text`: a word takes at least one character and is followed by a separator. */
export function wordHashesRoom(text: string): number {
  return (text.length >> 1) + 1;
}

/**
 * wordHashes written into `out` (at least wordHashesRoom(text) long); returns the view of `out` that holds
 * them. For a caller that hashes many texts and keeps no word hashes: no array is allocated per text.
 */
export function wordHashesInto(text: string, seed: number, out: Uint32Array): Uint32Array {
  const n = text.length;
  if (out.length < wordHashesRoom(text)) throw new RangeError(`wordHashesInto needs ${wordHashesRoom(text)} slots, got ${out.length}`);
  const units = codeUnitsOf(text);
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = units[i]!;
    const cls = UNIT_CLASS[c]!;
    if (cls === NOT_WORD || cls === JOINER) {
      i++;
      continue;
    }
    if (cls !== NOT_ASCII) {
      const hash = asciiWordHash(units, n, i, seed);
      if (hash >= 0) {
        out[count++] = hash;
        i = asciiWordEndFound;
        continue;
      }
    }
    // Slow path: the one definition of a word decides, from the word's start.
    const wordEnd = wordEndAt(text, i);
    if (wordEnd < 0) {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      continue;
    }
    out[count++] = hashString32(normalizeWord(text.slice(i, wordEnd)), seed);
    i = wordEnd;
  }
  return out.subarray(0, count);
}

/** Scratch of codeUnitsOf, grown as needed; its last unit used is always a 0 (NOT_WORD) sentinel. */
let unitScratch = new Uint16Array(4096);
let unitBytes = Buffer.from(unitScratch.buffer);

/**
 * The text's UTF-16 code units in a reused typed array, followed by a 0 (a separator, so a word's scan needs
 * no bounds check). Copied in one native call: the scans below read each unit from the array, which costs
 * less than a charCodeAt (a string representation check each) per unit; 1.3-1.6x on the word pass.
 */
function codeUnitsOf(text: string): Uint16Array {
  const n = text.length;
  if (unitScratch.length < n + 1) {
    unitScratch = new Uint16Array(Math.max(n + 1, 2 * unitScratch.length));
    unitBytes = Buffer.from(unitScratch.buffer);
  }
  if (LITTLE_ENDIAN) unitBytes.write(text, 0, 2 * n, 'utf16le');
  else for (let i = 0; i < n; i++) unitScratch[i] = text.charCodeAt(i);
  unitScratch[n] = 0;
  return unitScratch;
}

/** Where the word hashed by the last asciiWordHash that succeeded ends. */
let asciiWordEndFound = 0;

/**
 * hashString32 of the lower-cased all-ASCII word starting at `start` (an ASCII letter or digit), found by
 * wordEndAt's joining rules (its end is left in asciiWordEndFound); -1 when the word touches a non-ASCII
 * character or may be a dotted abbreviation, which the slow path must decide. The word is found first and
 * then hashed two code units a block from the cache line just read: hashing while scanning kept a pending
 * unit and a branch per character, and cost about a fifth more. `units` holds the text's `n` code units and
 * a 0 after them (codeUnitsOf). Equivalence with tokenize() is checked by the fuzz test of wordHashes.
 */
function asciiWordHash(units: Uint16Array, n: number, start: number, seed: number): number {
  let i = start;
  let end: number;
  for (;;) {
    let cls = UNIT_CLASS[units[i]!]!;
    // The sentinel after the text is NOT_WORD, so this run stops at the end without a bounds check.
    while (cls === LETTER || cls === DIGIT) cls = UNIT_CLASS[units[++i]!]!;
    if (cls === NOT_ASCII) return -1;
    // Only an apostrophe, hyphen, dot or comma with a word character after it can join.
    if (cls === NOT_WORD || i + 1 >= n) {
      end = i;
      break;
    }
    const d = units[i]!;
    const nextClass = UNIT_CLASS[units[i + 1]!]!;
    if (nextClass === NOT_ASCII) return -1;
    if (nextClass !== LETTER && nextClass !== DIGIT) {
      end = i;
      break;
    }
    // A single letter and a dot may open "U.S." or "p.m.": wordEndAt knows those.
    if (d === DOT && i - start === 1 && UNIT_CLASS[units[start]!] === LETTER) return -1;
    // Commas join digits only: "3,500".
    if (d === COMMA && (nextClass !== DIGIT || UNIT_CLASS[units[i - 1]!] !== DIGIT)) {
      end = i;
      break;
    }
    // The joining character is part of the word (lower-casing leaves it as it is); the word character
    // after it is taken by the loop above.
    i += 2;
  }
  // Every code unit of such a word is an ASCII letter, digit, apostrophe, hyphen, dot or comma, and all but
  // the capitals already have bit 0x20 set: setting it lower-cases the word, two units at a time.
  let h = seed | 0;
  let j = start;
  for (; j + 1 < end; j += 2) h = mixBlock(h, units[j]! | (units[j + 1]! << 16) | 0x200020);
  if (j < end) h ^= scrambleTail(units[j]! | 0x20);
  asciiWordEndFound = end;
  return fmix32(h ^ ((end - start) * 2));
}

/**
 * One hash per window of `k` word hashes: a polynomial over the window, H_i = sum_j w_(i+j) * P^(k-1-j)
 * mod 2^32, rolled from one window to the next in three multiplications, then finalised with fmix32 and the
 * window length (so a 3-word text never collides with a 5-word window that happens to sum the same).
 * The word hashes are already seeded, so the seed needs no second mixing here.
 */
export function shinglesOfWordHashes(words: Uint32Array, k: number, into?: Uint32Array): Uint32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingle size must be a positive integer, got ${k}`);
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const width = Math.min(k, n);
  const count = n - width + 1;
  // `into`, when long enough, takes the hashes (a caller's scratch; the result is then a view of it).
  const out = into !== undefined && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
  let leading = 1; // P^(width-1): the weight of the word that leaves the window
  for (let j = 1; j < width; j++) leading = Math.imul(leading, ROLL_MULTIPLIER);
  let h = 0;
  for (let j = 0; j < width; j++) h = (Math.imul(h, ROLL_MULTIPLIER) + words[j]!) | 0;
  out[0] = fmix32(h ^ width);
  for (let i = 1; i < count; i++) {
    h = (Math.imul((h - Math.imul(words[i - 1]!, leading)) | 0, ROLL_MULTIPLIER) + words[i + width - 1]!) | 0;
    out[i] = fmix32(h ^ width);
  }
  return out;
}

// The rolling polynomial's base P: odd, so every power of P is invertible mod 2^32 and two windows that
// differ in one word never collide; P = 3 mod 4 with P + 1 divisible by 4 only once keeps two windows
// that swap words from colliding more often than 1 in 2^28. Dense bits spread each word across the state.
const ROLL_MULTIPLIER = 0x85ebca6b;

const DOT = 0x2e;
const COMMA = 0x2c;

// Classes of UTF-16 code units for the ASCII fast path, as tokens.ts defines words; one table for all 65,536
// units, so a scan reads one byte per unit and needs no "is it ASCII" branch. Built once, read-only after.
const NOT_WORD = 0;
const LETTER = 1;
const DIGIT = 2;
/** An apostrophe, hyphen, dot or comma: joins two word characters, cannot start a word. */
const JOINER = 3;
/** Any non-ASCII unit: the slow path (wordEndAt) decides. */
const NOT_ASCII = 4;
const UNIT_CLASS = new Uint8Array(65536).fill(NOT_ASCII);
for (let c = 0; c < 128; c++) {
  const isLetter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const isJoiner = c === 0x27 || c === 0x2d || c === DOT || c === COMMA;
  UNIT_CLASS[c] = isLetter ? LETTER : c >= 0x30 && c <= 0x39 ? DIGIT : isJoiner ? JOINER : NOT_WORD;
}

// A second, independent hash of a shingle's words, for the copy index's check tags (see copy-index.ts):
// another multiplier and another finaliser constant, so its bits do not follow from the shingle's hash.
const TAG_MULTIPLIER = 0x27d4eb2f;
const TAG_SALT = 0x165667b1;

/**
 * 8 bits from a second hash of the shingle starting at word `position` (`k` words, or all of a text
 * shorter than `k`, as shinglesOfWordHashes takes them). With the 32-bit shingle hash it makes a 40-bit
 * key, so that two unrelated shingles meet in an index of tens of millions 256 times less often.
 */
export function shingleCheckTag(words: Uint32Array, position: number, k: number): number {
  const width = Math.min(k, words.length);
  let h = TAG_SALT;
  for (let j = 0; j < width; j++) h = (Math.imul(h, TAG_MULTIPLIER) + words[position + j]!) | 0;
  return fmix32(h ^ width) >>> 24;
}
