// AssemblyScript: the sketch's integer kernels, compiled to dist/wasm/sketch.wasm by scripts/build.mjs and
// driven by src/sketch/kernels.ts. One linear memory a process, laid out by reserve(): no allocation an
// article. Every kernel here is the only implementation of its pass; src/ holds the definitions it must keep
// (tokens.ts for words, hash.ts for MurmurHash3) and the tests hold it to them. Plain 32-bit integer code
// over raw memory: wasm compares u32 unsigned and keeps every value in a register, where V8 boxed hashes
// above 2^31 as doubles.

// ---- MurmurHash3 pieces (hash.ts) ----

// @ts-ignore: decorator
@inline function fmix32(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

// @ts-ignore: decorator
@inline function mixBlock(h: u32, k: u32): u32 {
  k *= 0xcc9e2d51;
  k = rotl<u32>(k, 15);
  k *= 0x1b873593;
  h ^= k;
  h = rotl<u32>(h, 13);
  return h * 5 + 0xe6546b64;
}

// @ts-ignore: decorator
@inline function scrambleTail(k: u32): u32 {
  k *= 0xcc9e2d51;
  k = rotl<u32>(k, 15);
  return k * 0x1b873593;
}

// ---- Fixed tables, at the start of the free memory ----

const NOT_WORD: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
/** An apostrophe, hyphen, dot or comma: joins two word characters, cannot start a word. */
const JOINER: u8 = 3;
/** Any non-ASCII unit: JavaScript's slow path (tokens.ts wordEndAt) decides. */
const NOT_ASCII: u8 = 4;
const DOT: u32 = 0x2e;
const COMMA: u32 = 0x2c;

// Fixed addresses (constants in the code, not globals read at each use): the module has no static data and
// no stack in memory (runtime stub, no managed objects), so the tables start at the second page.
const BASE: usize = 65536;
/** One class byte for each of the 65,536 UTF-16 code units (shingles.ts's table, as tokens.ts defines words). */
const CLASS: usize = BASE;
/** Stopword set: a byte for each value of a hash's top 16 bits, then open-addressed slots and their used flags. */
const STOP_TOP: usize = CLASS + 65536;
const STOP_SLOTS_MAX: u32 = 4096;
const STOP_SLOTS: usize = STOP_TOP + 65536;
const STOP_USED: usize = STOP_SLOTS + (<usize>STOP_SLOTS_MAX << 2);
/** Where JavaScript writes the stopwords' hashes for setStopwords. */
const STOP_INPUT: usize = STOP_USED + <usize>STOP_SLOTS_MAX;
/** MinHash bins' filled flags (numPerm at most 65,536, checked in minhash.ts). */
const FILLED: usize = STOP_INPUT + (<usize>STOP_SLOTS_MAX << 2);
const TABLES_END: usize = FILLED + 65536;

let stopMask: u32 = 0;

function initClasses(): void {
  const pages = <i32>((TABLES_END + 0xffff) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
  memory.fill(CLASS, NOT_ASCII, 65536);
  for (let c: u32 = 0; c < 128; c++) {
    const isLetter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    const isJoiner = c == 0x27 || c == 0x2d || c == DOT || c == COMMA;
    store<u8>(CLASS + c, isLetter ? LETTER : c >= 0x30 && c <= 0x39 ? DIGIT : isJoiner ? JOINER : NOT_WORD);
  }
  // General punctuation, the commonest non-ASCII in English news (curly quotes, dashes), is no word character
  // for tokens.ts either; three of its units join words and fold (normalizeWord: ’ to ', the two Unicode
  // hyphens to -), which the hash below does. Left to JavaScript, these cost a call out an occurrence.
  memory.fill(CLASS + 0x2000, NOT_WORD, 0x70);
  store<u8>(CLASS + RIGHT_QUOTE, JOINER);
  store<u8>(CLASS + HYPHEN_U, JOINER);
  store<u8>(CLASS + NB_HYPHEN, JOINER);
}

const RIGHT_QUOTE: u32 = 0x2019;
const HYPHEN_U: u32 = 0x2010;
const NB_HYPHEN: u32 = 0x2011;

/** A word's unit as normalizeWord leaves it: a capital lower-cased, a folding joiner as its ASCII sign. */
// @ts-ignore: decorator
@inline function foldedUnit(u: u32): u32 {
  return u == RIGHT_QUOTE ? 0x27 : u == HYPHEN_U || u == NB_HYPHEN ? 0x2d : u | 0x20;
}

// ---- Per-text regions, laid out by reserve() ----

let capacity: u32 = 0;
let numPermRoom: u32 = 0;
export let unitsAt: usize = 0;
export let wordsAt: usize = 0;
let shinglesAt: usize = 0;
let positionsAt: usize = 0;
let queriedAt: usize = 0;
let skeletonAt: usize = 0;
let gramsAt: usize = 0;
let weightsAt: usize = 0;
let storedAt: usize = 0;
let probedAt: usize = 0;
export let signatureAt: usize = 0;
export let keysAt: usize = 0;
/** Three of the regions, for JavaScript's calls of one kernel at a time (each holds (units >> 1) + 1 values). */
export let aAt: usize = 0;
export let bAt: usize = 0;
export let cAt: usize = 0;

/**
 * Room for a text of `units` UTF-16 code units and a signature of `numPerm` values; true when the layout
 * moved (JavaScript then re-reads the offsets and its views). Grown by doubling, never shrunk.
 */
export function reserve(units: u32, numPerm: u32): bool {
  if (units <= capacity && numPerm <= numPermRoom) return false;
  if (units > capacity) capacity = max<u32>(units, max<u32>(capacity << 1, 16384));
  if (numPerm > numPermRoom) numPermRoom = max<u32>(numPerm, 1024);
  // A word takes a unit and is followed by a separator: (units >> 1) + 1 words at most.
  const words = <usize>((capacity >> 1) + 1);
  const wordBytes = ((words << 2) + 15) & ~15;
  unitsAt = TABLES_END;
  wordsAt = (unitsAt + (<usize>(capacity + 1) << 1) + 15) & ~15;
  shinglesAt = wordsAt + wordBytes;
  positionsAt = shinglesAt + wordBytes;
  queriedAt = positionsAt + wordBytes;
  skeletonAt = queriedAt + wordBytes;
  gramsAt = skeletonAt + wordBytes;
  weightsAt = gramsAt + wordBytes;
  storedAt = weightsAt + wordBytes;
  probedAt = storedAt + wordBytes;
  signatureAt = probedAt + wordBytes;
  aAt = shinglesAt;
  bAt = gramsAt;
  cAt = weightsAt;
  keysAt = (signatureAt + (<usize>numPermRoom << 2) + 15) & ~15;
  // Keys: bands (at most numPerm) and at most four samples of `words` positions, 8 bytes each.
  const end = keysAt + ((<usize>numPermRoom + (words << 2)) << 3);
  const pages = <i32>((end + 0xffff) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
  return true;
}

// ---- Word pass (shingles.ts wordHashes' ASCII fast path; kernels.ts wordPass hands the rest to tokens.ts) ----

/** Where the last wordPass stopped: a word JavaScript must decide, or the text's end. */
export let stoppedAt: u32 = 0;
/** Where the word hashed by the last asciiWordHash that succeeded ends. */
let wordEnd: u32 = 0;

/** The units' class at `i`. */
// @ts-ignore: decorator
@inline function classAt(units: usize, i: u32): u8 {
  return load<u8>(CLASS + <usize>load<u16>(units + (<usize>i << 1)));
}

/**
 * Hashes the words of units[from, n) into words[count..] until the end or a word the slow path must decide
 * (a non-ASCII unit, a possible dotted abbreviation), whose start is left in stoppedAt; returns the count.
 * units[n] must be 0 (kernels.ts wordPass writes it).
 */
export function wordPass(n: u32, seed: u32, from: u32, count: u32): u32 {
  const units = unitsAt;
  const words = wordsAt;
  let i = from;
  while (i < n) {
    const cls = classAt(units, i);
    if (cls == NOT_WORD || cls == JOINER) {
      i++;
      continue;
    }
    if (cls == NOT_ASCII || !asciiWordHash(units, n, i, seed)) break;
    store<u32>(words + (<usize>count << 2), hashFound);
    count++;
    i = wordEnd;
  }
  stoppedAt = i;
  return count;
}

let hashFound: u32 = 0;

/**
 * hashString32 of the lower-cased all-ASCII word starting at `start`, found by tokens.ts's joining rules:
 * false when it touches a non-ASCII unit or may be a dotted abbreviation ("U.S."), which JavaScript decides.
 */
// @ts-ignore: decorator
@inline function asciiWordHash(units: usize, n: u32, start: u32, seed: u32): bool {
  let i = start;
  let end: u32 = 0;
  let folds = false;
  for (;;) {
    let cls = classAt(units, i);
    // The 0 after the text is NOT_WORD, so this run stops at the end without a bounds check.
    while (cls == LETTER || cls == DIGIT) cls = classAt(units, ++i);
    if (cls == NOT_ASCII) return false;
    // Only an apostrophe, hyphen, dot or comma with a word character after it can join.
    if (cls == NOT_WORD || i + 1 >= n) {
      end = i;
      break;
    }
    const d = <u32>load<u16>(units + (<usize>i << 1));
    const nextClass = classAt(units, i + 1);
    if (nextClass == NOT_ASCII) return false;
    if (nextClass != LETTER && nextClass != DIGIT) {
      end = i;
      break;
    }
    // A single letter and a dot may open "U.S." or "p.m.": wordEndAt knows those.
    if (d == DOT && i - start == 1 && classAt(units, start) == LETTER) return false;
    // Commas join digits only: "3,500".
    if (d == COMMA && (nextClass != DIGIT || classAt(units, i - 1) != DIGIT)) {
      end = i;
      break;
    }
    folds |= d >= 0x80;
    i += 2;
  }
  let h = seed;
  let j = start;
  if (folds) {
    // A word joined by ’ or a Unicode hyphen: each unit as normalizeWord leaves it.
    for (; j + 1 < end; j += 2) {
      h = mixBlock(h, foldedUnit(load<u16>(units + (<usize>j << 1))) | (foldedUnit(load<u16>(units + (<usize>(j + 1) << 1))) << 16));
    }
    if (j < end) h ^= scrambleTail(foldedUnit(load<u16>(units + (<usize>j << 1))));
  } else {
    // Every unit is an ASCII letter, digit or joiner; all but capitals have bit 0x20 set already: setting it
    // lower-cases the word, two units (one little-endian 32-bit load) a block.
    for (; j + 1 < end; j += 2) h = mixBlock(h, load<u32>(units + (<usize>j << 1)) | 0x200020);
    if (j < end) h ^= scrambleTail(<u32>load<u16>(units + (<usize>j << 1)) | 0x20);
  }
  wordEnd = end;
  hashFound = fmix32(h ^ ((end - start) << 1));
  return true;
}

// ---- Shingles (shingles.ts shinglesOfWordHashes) ----

// The rolling polynomial's base P: odd, so every power of P is invertible mod 2^32 and two windows that
// differ in one word never collide; P = 3 mod 4 with P + 1 divisible by 4 only once keeps two windows
// that swap words from colliding more often than 1 in 2^28. Dense bits spread each word across the state.
const ROLL_MULTIPLIER: u32 = 0x85ebca6b;

/** One hash per window of k of the n values at `from`, written at `into`; returns how many (0 for n = 0). */
export function shingles(from: usize, n: u32, k: u32, into: usize): u32 {
  if (n == 0) return 0;
  const width = min<u32>(k, n);
  const count = n - width + 1;
  let leading: u32 = 1; // P^(width-1): the weight of the value that leaves the window
  for (let j: u32 = 1; j < width; j++) leading *= ROLL_MULTIPLIER;
  let h: u32 = 0;
  for (let j: u32 = 0; j < width; j++) h = h * ROLL_MULTIPLIER + load<u32>(from + (<usize>j << 2));
  store<u32>(into, fmix32(h ^ width));
  for (let i: u32 = 1; i < count; i++) {
    h = (h - load<u32>(from + (<usize>(i - 1) << 2)) * leading) * ROLL_MULTIPLIER + load<u32>(from + (<usize>(i + width - 1) << 2));
    store<u32>(into + (<usize>i << 2), fmix32(h ^ width));
  }
  return count;
}

// A second, independent hash of a shingle's words, for the copy index's check tags (see copy-index.ts):
// another multiplier and another finaliser constant, so its bits do not follow from the shingle's hash.
// With the 32-bit shingle hash it makes a 40-bit key, so two unrelated shingles meet 256 times less often.
const TAG_MULTIPLIER: u32 = 0x27d4eb2f;
const TAG_SALT: u32 = 0x165667b1;

/** 8 bits of a second hash of the window of k of the n values at `position`. */
// @ts-ignore: decorator
@inline function checkTag(from: usize, n: u32, position: u32, k: u32): u32 {
  const width = min<u32>(k, n);
  let h = TAG_SALT;
  const at = from + (<usize>position << 2);
  for (let j: u32 = 0; j < width; j++) h = h * TAG_MULTIPLIER + load<u32>(at + (<usize>j << 2));
  return fmix32(h ^ width) >> 24;
}

// ---- One-permutation MinHash (minhash.ts) ----

const EMPTY_SLOT: u32 = 0xffffffff;
const BIN_SALT: u32 = 0x3c6ef372;
const PROBE_SALT: u32 = 0xa54ff53a;

/** h's position in [0, 2^32) scaled to `bins`: (h * bins * 2^-32) | 0 exactly, in integers. */
// @ts-ignore: decorator
@inline function binOf(h: u32, bins: u32): u32 {
  return <u32>((<u64>h * <u64>bins) >> 32);
}

/** The one-permutation MinHash of the n shingle hashes at `from`, with optimal densification, at `into`. */
export function onePermutation(from: usize, n: u32, bins: u32, seed: u32, into: usize): void {
  for (let b: u32 = 0; b < bins; b++) store<u32>(into + (<usize>b << 2), EMPTY_SLOT);
  if (n == 0) return;
  memory.fill(FILLED, 0, bins);
  const salt = fmix32(seed ^ BIN_SALT);
  for (let i: u32 = 0; i < n; i++) {
    const h = fmix32(load<u32>(from + (<usize>i << 2)) ^ salt);
    const bin = binOf(h, bins);
    const at = into + (<usize>bin << 2);
    // Branch-free: a bin is filled once any shingle lands in it (every hash is <= the empty slot's value).
    store<u32>(at, min<u32>(h, load<u32>(at)));
    store<u8>(FILLED + bin, 1);
  }
  // An empty bin copies the first filled bin of a seeded probe sequence that does not look at the data.
  const probeSeed = fmix32(seed ^ PROBE_SALT);
  for (let i: u32 = 0; i < bins; i++) {
    if (load<u8>(FILLED + i) == 1) continue;
    const base = mixBlock(probeSeed, i);
    for (let attempt: u32 = 0; ; attempt++) {
      const j = binOf(fmix32(base ^ attempt), bins);
      if (load<u8>(FILLED + j) == 1) {
        store<u32>(into + (<usize>i << 2), load<u32>(into + (<usize>j << 2)));
        break;
      }
    }
  }
}

// ---- Winnowing (winnow.ts winnowedPositions) ----

/** Robust winnowing of the n hashes at `from` with window w: the selected positions at `into`; returns how many. */
export function winnow(from: usize, n: u32, window: u32, into: usize): u32 {
  if (n == 0) return 0;
  const w = min<u32>(window, n);
  let count: u32 = 0;
  let selected: i32 = -1;
  let least: u32 = 0;
  for (let end: u32 = w - 1; end < n; end++) {
    const start = end - w + 1;
    if (selected < <i32>start) {
      // The previous minimum left the window: rescan right to left so ties go to the rightmost.
      selected = <i32>end;
      least = load<u32>(from + (<usize>end << 2));
      for (let i = <i32>end - 1; i >= <i32>start; i--) {
        const hash = load<u32>(from + (<usize>i << 2));
        if (hash < least) {
          selected = i;
          least = hash;
        }
      }
      store<u32>(into + (<usize>count << 2), <u32>selected);
      count++;
    } else {
      const hash = load<u32>(from + (<usize>end << 2));
      if (hash < least) {
        // Strictly smaller only: a tie keeps the earlier selection (robust winnowing).
        selected = <i32>end;
        least = hash;
        store<u32>(into + (<usize>count << 2), end);
        count++;
      }
    }
  }
  return count;
}

// ---- Skeleton (candidates.ts) ----

/** Builds the stopword set from the `count` hashes JavaScript wrote at stopwordsAt(). */
export function setStopwords(count: u32): void {
  let size: u32 = 16;
  while (size < count * 4) size <<= 1;
  if (size > STOP_SLOTS_MAX) unreachable();
  stopMask = size - 1;
  memory.fill(STOP_TOP, 0, 65536);
  memory.fill(STOP_USED, 0, size);
  for (let k: u32 = 0; k < count; k++) {
    const hash = load<u32>(STOP_INPUT + (<usize>k << 2));
    store<u8>(STOP_TOP + (hash >> 16), 1);
    let i = hash & stopMask;
    while (load<u8>(STOP_USED + i) == 1 && load<u32>(STOP_SLOTS + (<usize>i << 2)) != hash) i = (i + 1) & stopMask;
    store<u32>(STOP_SLOTS + (<usize>i << 2), hash);
    store<u8>(STOP_USED + i, 1);
  }
}

export function stopwordsAt(): usize {
  return STOP_INPUT;
}

export function stopwordRoom(): u32 {
  return STOP_SLOTS_MAX >> 2;
}

// @ts-ignore: decorator
@inline function isStopword(hash: u32): bool {
  if (load<u8>(STOP_TOP + (hash >> 16)) == 0) return false;
  for (let i = hash & stopMask; load<u8>(STOP_USED + i) == 1; i = (i + 1) & stopMask) {
    if (load<u32>(STOP_SLOTS + (<usize>i << 2)) == hash) return true;
  }
  return false;
}

const ONE_CONTENT_WORD: u32 = 0x243f6a88;
const CONTENT_WORDS: u32 = 0x85a308d3;

/** The n word hashes at `from` reduced to their skeleton at `into`; returns its length. */
export function skeletonOf(from: usize, n: u32, into: usize): u32 {
  let count: u32 = 0;
  let run: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const word = load<u32>(from + (<usize>i << 2));
    if (isStopword(word)) {
      if (run > 0) {
        store<u32>(into + (<usize>count << 2), run == 1 ? ONE_CONTENT_WORD : CONTENT_WORDS);
        count++;
      }
      run = 0;
      store<u32>(into + (<usize>count << 2), word);
      count++;
    } else {
      run++;
    }
  }
  if (run > 0) {
    store<u32>(into + (<usize>count << 2), run == 1 ? ONE_CONTENT_WORD : CONTENT_WORDS);
    count++;
  }
  return count;
}

const NEVER: u32 = 0xffffffff;

/**
 * candidates.ts selectionWeights: a gram's hash's low 31 bits when its gram (of `gram` skeleton tokens) holds
 * at least 3 distinct function words, else NEVER; the third distinct function word from each start is found
 * in one backward pass (three positions kept: written for candidates.ts MIN_DISTINCT_SKELETON_WORDS = 3; a
 * function word equal to the next position's first keeps the list, another pushes itself in front, and the
 * next one's second stays third unless it is this word again). Writes n weights at `into` (the first `grams` of them are the result).
 */
export function selectionWeights(skeleton: usize, n: u32, gramsAt_: usize, grams: u32, gram: u32, into: usize): void {
  let first = n;
  let second = n;
  let third = n;
  for (let i = <i32>n - 1; i >= 0; i--) {
    const token = load<u32>(skeleton + (<usize>i << 2));
    if (token != ONE_CONTENT_WORD && token != CONTENT_WORDS) {
      if (first < n && load<u32>(skeleton + (<usize>first << 2)) == token) first = <u32>i;
      else {
        third = second < n && load<u32>(skeleton + (<usize>second << 2)) != token ? second : third;
        second = first;
        first = <u32>i;
      }
    }
    store<u32>(into + (<usize>i << 2), third);
  }
  for (let start: u32 = 0; start < grams; start++) {
    const at = into + (<usize>start << 2);
    store<u32>(at, load<u32>(at) < min<u32>(n, start + gram) ? load<u32>(gramsAt_ + (<usize>start << 2)) & 0x7fffffff : NEVER);
  }
}

/** The `count` positions at `positions` whose weight is not NEVER, compacted in place; returns how many. */
function selectable(weights: usize, positions: usize, count: u32): u32 {
  let kept: u32 = 0;
  for (let k: u32 = 0; k < count; k++) {
    const position = load<u32>(positions + (<usize>k << 2));
    if (load<u32>(weights + (<usize>position << 2)) != NEVER) {
      store<u32>(positions + (<usize>kept << 2), position);
      kept++;
    }
  }
  return kept;
}

// ---- LSH band keys (lsh.ts) and the copy index's 40-bit keys (copy-index.ts copyKey) ----

// Start values of the band keys and of the band check tags (a second fold of the same rows, independent of the key's).
const BAND_SALT: u32 = 0x510e527f;
const BAND_TAG_SALT: u32 = 0x9b05688c;

// @ts-ignore: decorator
@inline function foldBand(values: usize, b: u32, rows: u32, salt: u32): u32 {
  let h = mixBlock(salt, b);
  const start = values + (<usize>(b * rows) << 2);
  for (let r: u32 = 0; r < rows; r++) h = mixBlock(h, load<u32>(start + (<usize>r << 2)));
  return fmix32(h ^ rows);
}

/** The band keys of the signature at `values` (lsh.ts bandKeys), one fold a band. */
export function bandKeysOf(values: usize, bands: u32, rows: u32, into: usize): void {
  for (let b: u32 = 0; b < bands; b++) store<u32>(into + (<usize>b << 2), foldBand(values, b, rows, BAND_SALT));
}

/** tag * 2^32 + hash: a 40-bit key as the double copy-index.ts stores. */
// @ts-ignore: decorator
@inline function copyKey(hash: u32, tag: u32): f64 {
  return <f64>(tag & 0xff) * 4294967296.0 + <f64>hash;
}

const SKELETON_SALT: u32 = 0x5ce1e7a1;
const SKELETON_TAG_SALT: u32 = 0x5a;
const SKELETON_TAG_BIT: u32 = 0x80;

/** Counts of the last sketch's key lists. */
export let bandCount: u32 = 0;
export let fingerprintCount: u32 = 0;
export let probeCount: u32 = 0;

/**
 * The sketch of the `wordCount` word hashes at wordsAt (candidates.ts sketchArticle): the MinHash signature at
 * signatureAt (unless `signatureGiven`: JavaScript wrote one made another way), and at keysAt the band keys,
 * then the stored fingerprints (winnowed shingles, then winnowed skeleton grams), then the probe keys
 * (skeleton grams, then shingles, of the denser query samples), as 40-bit keys in doubles.
 */
export function sketch(
  wordCount: u32, seed: u32, numPerm: u32, shingleSize: u32, bands: u32, rows: u32, signatureGiven: bool,
  winnowWindow: u32, queryWindow: u32, gram: u32, indexWindow: u32, skeletonQueryWindow: u32,
): void {
  const words = wordsAt;
  const shingleCount = shingles(words, wordCount, shingleSize, shinglesAt);
  if (!signatureGiven) onePermutation(shinglesAt, shingleCount, numPerm, seed, signatureAt);
  const positionCount = winnow(shinglesAt, shingleCount, winnowWindow, positionsAt);
  const queriedShingleCount = winnow(shinglesAt, shingleCount, queryWindow, queriedAt);
  const skeletonCount = skeletonOf(words, wordCount, skeletonAt);
  const gramCount = shingles(skeletonAt, skeletonCount, gram, gramsAt);
  selectionWeights(skeletonAt, skeletonCount, gramsAt, gramCount, gram, weightsAt);
  const storedCount = selectable(weightsAt, storedAt, winnow(weightsAt, gramCount, indexWindow, storedAt));
  const queriedCount = selectable(weightsAt, probedAt, winnow(weightsAt, gramCount, skeletonQueryWindow, probedAt));

  const keys = keysAt;
  for (let b: u32 = 0; b < bands; b++) {
    const key = foldBand(signatureAt, b, rows, BAND_SALT);
    const tag = foldBand(signatureAt, b, rows, BAND_TAG_SALT) >> 24;
    store<f64>(keys + (<usize>b << 3), copyKey(key, tag));
  }
  const all = keys + (<usize>bands << 3);
  const probes = all + (<usize>(positionCount + storedCount) << 3);
  let q: u32 = 0;
  for (let i: u32 = 0; i < queriedCount; i++) {
    store<f64>(probes + (<usize>q << 3), skeletonKey(load<u32>(probedAt + (<usize>i << 2)), skeletonCount, gram));
    q++;
  }
  for (let i: u32 = 0; i < queriedShingleCount; i++) {
    store<f64>(probes + (<usize>q << 3), shingleKey(load<u32>(queriedAt + (<usize>i << 2)), wordCount, shingleSize));
    q++;
  }
  // The stored samples are almost all inside the denser probe samples (a window's minimum is the minimum of
  // each smaller window around it): their keys are copied from the probe keys where the positions meet.
  let p: u32 = 0;
  for (let i: u32 = 0; i < positionCount; i++) {
    const position = load<u32>(positionsAt + (<usize>i << 2));
    while (p < queriedShingleCount && load<u32>(queriedAt + (<usize>p << 2)) < position) p++;
    store<f64>(
      all + (<usize>i << 3),
      p < queriedShingleCount && load<u32>(queriedAt + (<usize>p << 2)) == position
        ? load<f64>(probes + (<usize>(queriedCount + p) << 3))
        : shingleKey(position, wordCount, shingleSize),
    );
  }
  p = 0;
  for (let i: u32 = 0; i < storedCount; i++) {
    const position = load<u32>(storedAt + (<usize>i << 2));
    while (p < queriedCount && load<u32>(probedAt + (<usize>p << 2)) < position) p++;
    store<f64>(
      all + (<usize>(positionCount + i) << 3),
      p < queriedCount && load<u32>(probedAt + (<usize>p << 2)) == position
        ? load<f64>(probes + (<usize>p << 3))
        : skeletonKey(position, skeletonCount, gram),
    );
  }
  bandCount = bands;
  fingerprintCount = positionCount + storedCount;
  probeCount = q;
}

// Shingle fingerprints keep the tag's top bit clear: it marks skeleton keys (copy-index.ts SKELETON_TAG_BIT).
// @ts-ignore: decorator
@inline function shingleKey(position: u32, wordCount: u32, shingleSize: u32): f64 {
  return copyKey(load<u32>(shinglesAt + (<usize>position << 2)), checkTag(wordsAt, wordCount, position, shingleSize) & ~SKELETON_TAG_BIT);
}

// @ts-ignore: decorator
@inline function skeletonKey(position: u32, skeletonCount: u32, gram: u32): f64 {
  return copyKey(
    fmix32(load<u32>(gramsAt + (<usize>position << 2)) ^ SKELETON_SALT),
    (checkTag(skeletonAt, skeletonCount, position, gram) ^ SKELETON_TAG_SALT) | SKELETON_TAG_BIT,
  );
}

initClasses();
