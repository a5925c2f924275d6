// The implementation before session 30, kept unchanged as the reference its rewrite is compared with
// (test/text/rewrites.test.ts). Not part of the program.
// Word tokens with offsets, by a hand-written scanner rather than wink: it runs on every article and must
// keep up with millions of them. Sentence splitting, which needs wink's model, lives in sentences.ts.
//
// A word is a run of letters, digits and combining marks that starts with a letter or digit, joined across
// - apostrophes (' ’ ʼ) and hyphens (- ‐ ‑) between word characters: "Drian's", "Jean-Yves", "20-30";
// - dots between word characters: "3.5", "example.com";
// - commas between digits: "3,500";
// and dotted abbreviations of single letters keep their final dot: "U.S.", "p.m.". Everything else
// (punctuation, symbols, spaces, dashes) separates words and is not a token.

import { stemmer } from 'stemmer';

export interface Token {
  /** Lower-cased, with ’ and ʼ folded to ' and ‐ ‑ to -. */
  norm: string;
  /** Porter stem of `norm`, possessive 's or ' removed first; words with digits or dots are their own stem. */
  stem: string;
  /** Offsets into the original string, plus the `offset` given to tokenize. */
  start: number;
  end: number;
  stop: boolean;
  /** First letter upper-case in the source. */
  capitalized: boolean;
}

/**
 * The 174-word English stopword list used by ranks.nl and the Snowball project's "english.stop", plus
 * "can", "will", "just" and "now" from NLTK's list; contractions are whole tokens here, so they are listed
 * whole.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'am', 'an', 'and', 'any', 'are', "aren't",
  'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by', 'can',
  "can't", 'cannot', 'could', "couldn't", 'did', "didn't", 'do', 'does', "doesn't", 'doing', "don't",
  'down', 'during', 'each', 'few', 'for', 'from', 'further', 'had', "hadn't", 'has', "hasn't", 'have',
  "haven't", 'having', 'he', "he'd", "he'll", "he's", 'her', 'here', "here's", 'hers', 'herself', 'him',
  'himself', 'his', 'how', "how's", 'i', "i'd", "i'll", "i'm", "i've", 'if', 'in', 'into', 'is', "isn't",
  'it', "it's", 'its', 'itself', 'just', "let's", 'me', 'more', 'most', "mustn't", 'my', 'myself', 'no',
  'nor', 'not', 'now', 'of', 'off', 'on', 'once', 'only', 'or', 'other', 'ought', 'our', 'ours',
  'ourselves', 'out', 'over', 'own', 'same', "shan't", 'she', "she'd", "she'll", "she's", 'should',
  "shouldn't", 'so', 'some', 'such', 'than', 'that', "that's", 'the', 'their', 'theirs', 'them',
  'themselves', 'then', 'there', "there's", 'these', 'they', "they'd", "they'll", "they're", "they've",
  'this', 'those', 'through', 'to', 'too', 'under', 'until', 'up', 'very', 'was', "wasn't", 'we', "we'd",
  "we'll", "we're", "we've", 'were', "weren't", 'what', "what's", 'when', "when's", 'where', "where's",
  'which', 'while', 'who', "who's", 'whom', 'why', "why's", 'will', 'with', "won't", 'would', "wouldn't",
  'you', "you'd", "you'll", "you're", "you've", 'your', 'yours', 'yourself', 'yourselves',
]);

// Character classes for code units below 128, built once: 1 = letter, 2 = digit.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = 1;
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = 2;

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const MARK = /\p{M}/u;
// Folds applied to a lower-cased word: typographic apostrophes and hyphens to their ASCII forms.
const FOLDABLE = /[\u2019\u02BC\u2010\u2011]/;
const FOLDS = /[\u2019\u02BC\u2010\u2011]/g;
const POSSESSIVE = /'s?$/;
// Words the Porter stemmer has no business with: anything holding a digit or a dot.
const UNSTEMMABLE = /[\d.]/;

const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;

/**
 * Stems kept between calls, keyed by norm: Porter is the slow part of tokenizing, and a news stream's words
 * repeat across articles far more than within one. Cleared when it holds this many norms (about 5 MB), so it
 * holds the current vocabulary's frequent words, never the whole archive's.
 */
export const STEM_CACHE_LIMIT = 50_000;
/**
 * Norms this long or longer are left out of the caches: V8 makes a slice of 13 characters or more a view into
 * the whole text, and a cached key would keep its article's text alive.
 */
const CACHED_NORM_MAX_LENGTH = 12;
const stemCache = new Map<string, string>();

/** The stem of a norm, from the cache when it was stemmed before. */
function cachedStem(norm: string): string {
  if (norm.length > CACHED_NORM_MAX_LENGTH) return stemWord(norm);
  let stem = stemCache.get(norm);
  if (stem === undefined) {
    stem = stemWord(norm);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(norm, stem);
  }
  return stem;
}

// Short ASCII words met before, found from the text's characters without building a string (most words of
// English news): an open-addressing table of indexes into parallel arrays of norm, stem and stopword flag.
// A hit gives the token the kept norm string, so no slice or lower-cased copy is made for it. A cache: tokens
// are the same with or without it (the norm, stem and flag are what the slow path computes).
/** Slots of the table: over twice STEM_CACHE_LIMIT, so probes stay short (load under 0.4). */
const WORD_TABLE_BITS = 17;
const WORD_TABLE_MASK = (1 << WORD_TABLE_BITS) - 1;
const EMPTY = -1;
const wordSlots = new Int32Array(1 << WORD_TABLE_BITS).fill(EMPTY);
const knownNorms: string[] = [];
const knownStems: string[] = [];
const knownStops: boolean[] = [];
/** Returned by knownWordAt for a word it cannot key: a character outside ASCII, or too long to cache. */
const NOT_KEYED = -2;
/** The slot where the last word knownWordAt missed would go. */
let missedSlot = 0;

/**
 * The index of the ASCII word text[start, end) lower-cased among the known words; EMPTY when it is not known
 * (missedSlot then says where it goes), NOT_KEYED when it is not ASCII or longer than CACHED_NORM_MAX_LENGTH.
 */
function knownWordAt(text: string, start: number, end: number): number {
  const length = end - start;
  if (length > CACHED_NORM_MAX_LENGTH) return NOT_KEYED;
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return NOT_KEYED;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - WORD_TABLE_BITS);
  for (;;) {
    const entry = wordSlots[slot]!;
    if (entry === EMPTY) {
      missedSlot = slot;
      return EMPTY;
    }
    const norm = knownNorms[entry]!;
    if (norm.length === length && sameLowerAscii(norm, text, start)) return entry;
    slot = (slot + 1) & WORD_TABLE_MASK;
  }
}

/** Whether `norm` is text[start, start + norm.length) lower-cased (ASCII, as knownWordAt checked). */
function sameLowerAscii(norm: string, text: string, start: number): boolean {
  for (let i = 0; i < norm.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (norm.charCodeAt(i) !== c) return false;
  }
  return true;
}

/** Adds a word knownWordAt just missed (at missedSlot); the table starts afresh when it holds STEM_CACHE_LIMIT words. */
function addKnownWord(norm: string, stem: string, stop: boolean, text: string, start: number, end: number): number {
  if (knownNorms.length >= STEM_CACHE_LIMIT) {
    wordSlots.fill(EMPTY);
    knownNorms.length = 0;
    knownStems.length = 0;
    knownStops.length = 0;
    knownWordAt(text, start, end);
  }
  const entry = knownNorms.length;
  knownNorms.push(norm);
  knownStems.push(stem);
  knownStops.push(stop);
  wordSlots[missedSlot] = entry;
  return entry;
}

/** Word tokens of `text` with their offsets (plus `offset`), norms, stems and flags. */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  // One test of the whole text: most texts have no unspaced-script word, and then no word needs the test.
  const unspaced = holdsUnspacedScript(text);
  // Stems of the text's own words that the word table does not key (long or not ASCII): about half repeat within it.
  let stems: Map<string, string> | undefined;
  // The scan inlined, not scanWords with a callback made per text (no closure per call: README, Development).
  const n = text.length;
  for (let i = 0; i < n; ) {
    const start = i;
    const end = wordEndAt(text, start);
    if (end < 0) {
      i += nonWordWidth(text, start);
      continue;
    }
    i = end;
    if (unspaced && UNSPACED_SCRIPT.test(text.slice(start, end))) {
      segmentUnspaced(text, start, end, offset, tokens);
      continue;
    }
    let entry = knownWordAt(text, start, end);
    if (entry === EMPTY) {
      const norm = normalizeWord(text.slice(start, end));
      entry = addKnownWord(norm, stemWord(norm), ENGLISH_STOPWORDS.has(norm), text, start, end);
    }
    if (entry >= 0) {
      tokens.push({ norm: knownNorms[entry]!, stem: knownStems[entry]!, start: start + offset, end: end + offset, stop: knownStops[entry]!, capitalized: isUpperStart(text, start) });
      continue;
    }
    const norm = normalizeWord(text.slice(start, end));
    stems ??= new Map();
    let stem = stems.get(norm);
    if (stem === undefined) {
      stem = cachedStem(norm);
      stems.set(norm, stem);
    }
    tokens.push({
      norm,
      stem,
      start: start + offset,
      end: end + offset,
      stop: ENGLISH_STOPWORDS.has(norm),
      capitalized: isUpperStart(text, start),
    });
  }
  return tokens;
}

// Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar. The
// scanner sees a whole clause as one run of letters; Intl.Segmenter (ICU's dictionary word breaker, part
// of Node's full ICU, nothing downloaded) cuts it into words.
export const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/**
 * The UTF-16 code units an unspaced-script character can start with (Thai to Myanmar and Khmer in U+0E00-U+1FFF,
 * the CJK blocks from U+2E80, astral Han and kana from a high surrogate; checked over every code point in
 * test/text/tokens.test.ts): a simple range, which most texts fail at once (the script classes are slow to ask).
 */
export const MAYBE_UNSPACED = /[\u0E00-\u1FFF\u2E80-\uFFFF]/;

/** Whether `text` holds a character of an unspaced script: UNSPACED_SCRIPT.test(text), asked only of texts that may. */
function holdsUnspacedScript(text: string): boolean {
  return MAYBE_UNSPACED.test(text) && UNSPACED_SCRIPT.test(text);
}
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SOUTHEAST_ASIAN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenters = new Map<string, Intl.Segmenter>();

/** The word segmenter for a locale, built once: construction costs far more than a segmentation. */
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Words of an unspaced-script run [start, end), by Intl.Segmenter; each word is its own stem, none a stopword. */
function segmentUnspaced(text: string, start: number, end: number, offset: number, tokens: Token[]): void {
  const run = text.slice(start, end);
  const locale = KANA.test(run) ? 'ja' : SOUTHEAST_ASIAN.test(run) ? 'th' : 'zh';
  for (const piece of segmenterFor(locale).segment(run)) {
    if (piece.isWordLike !== true) continue;
    const norm = normalizeWord(piece.segment);
    const at = start + piece.index;
    tokens.push({ norm, stem: norm, start: at + offset, end: at + piece.segment.length + offset, stop: false, capitalized: isUpperStart(text, at) });
  }
}

/** Just the norms, as tokenize(text).map(t => t.norm) for spaced scripts (unspaced runs stay whole, as the sketch stage shingles them), without stems, flags or token objects. */
export function wordNorms(text: string): string[] {
  const norms: string[] = [];
  scanWords(text, (start, end) => {
    norms.push(normalizeWord(text.slice(start, end)));
  });
  return norms;
}

/** The code units of the character at `i`, where no word starts: a surrogate pair is skipped whole. */
function nonWordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** Calls `emit(start, end)` for each word of `text`, left to right. */
export function scanWords(text: string, emit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const end = wordEndAt(text, i);
    if (end < 0) {
      i += nonWordWidth(text, i);
      continue;
    }
    emit(i, end);
    i = end;
  }
}

/**
 * The end of the word that starts at `i`, or -1 when no word starts there. The one definition of a word;
 * `i` must not be inside a word (scanners call it at word starts only).
 */
export function wordEndAt(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  const cls = c < 128 ? ASCII_CLASS[c]! : classOf(text, i);
  if (cls !== 1 && cls !== 2) return -1;
  if (cls === 1) {
    const abbreviationEnd = dottedAbbreviationEnd(text, i);
    if (abbreviationEnd > 0) return abbreviationEnd;
  }
  let end = wordRunEnd(text, i);
  // Join across a single apostrophe, hyphen or dot between word characters, or a comma between digits.
  while (end + 1 < n) {
    const j = text.charCodeAt(end);
    const joins =
      j === APOSTROPHE || j === HYPHEN || j === DOT || j === 0x2019 || j === 0x02bc || j === 0x2010 || j === 0x2011
        ? isWordStart(text, end + 1)
        : j === COMMA && isDigitAt(text, end - 1) && isDigitAt(text, end + 1);
    if (!joins) break;
    end = wordRunEnd(text, end + 1);
  }
  return end;
}

/** 0 = not part of a word, 1 = letter, 2 = digit, 3 = combining mark (continues a word, cannot start one). */
function classOf(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c]!;
  // General punctuation (quotes, dashes, spaces) is the commonest non-ASCII in English news: skip the regex.
  if (c >= 0x2000 && c <= 0x206f) return 0;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  if (LETTER.test(ch)) return 1;
  if (DIGIT.test(ch)) return 2;
  if (MARK.test(ch)) return 3;
  return 0;
}

function isWordStart(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const cls = classOf(text, i);
  return cls === 1 || cls === 2;
}

function isDigitAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && classOf(text, i) === 2;
}

/** End of the run of letters, digits and marks starting at i (i itself is a word character). */
function wordRunEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_CLASS[c] === 0) break;
      i++;
      continue;
    }
    if (classOf(text, i) === 0) break;
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return Math.min(i, n);
}

/** "U.S." or "p.m.": two or more single letters each followed by a dot; the end after the last dot, or -1. */
function dottedAbbreviationEnd(text: string, i: number): number {
  let pairs = 0;
  let j = i;
  while (j + 1 < text.length && text.charCodeAt(j + 1) === DOT && classOf(text, j) === 1) {
    pairs++;
    j += 2;
    if (j >= text.length || classOf(text, j) !== 1) break;
  }
  return pairs >= 2 ? i + pairs * 2 : -1;
}

/** A word's norm: lower-cased, typographic apostrophes and hyphens folded to ASCII. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return FOLDABLE.test(lower) ? lower.replace(FOLDS, (ch) => (ch === '\u2019' || ch === '\u02bc' ? "'" : '-')) : lower;
}

function stemWord(norm: string): string {
  if (UNSTEMMABLE.test(norm)) return norm;
  return stemmer(norm.replace(POSSESSIVE, ''));
}

function isUpperStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 0x41 && c <= 0x5a;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * The tokens of each span (a sentence), taken from `tokens`, the tokens of the whole `text` (offset 0), so a
 * text is scanned once for all its sentences. Each list is what tokenize(text.slice(span.start, span.end))
 * gives, offsets aside (these stay absolute): a word scanned within a span ends where the span's own scan
 * ends it, since the scanner looks one character past a word only to join a word that then crosses the end.
 * A span that cuts a word, or a text with unspaced-script runs (segmented per run, and a run may cross a
 * span), is tokenized on its own.
 */
export function tokensOfSpans(text: string, spans: readonly { start: number; end: number }[], tokens: readonly Token[]): Token[][] {
  if (holdsUnspacedScript(text)) return spans.map((span) => tokenize(text.slice(span.start, span.end), span.start));
  const result: Token[][] = [];
  let first = 0;
  for (const span of spans) {
    while (first < tokens.length && tokens[first]!.end <= span.start) first++;
    let last = first;
    while (last < tokens.length && tokens[last]!.start < span.end) last++;
    const inside = tokens.slice(first, last);
    const cut = inside.length > 0 && (inside[0]!.start < span.start || inside[inside.length - 1]!.end > span.end);
    result.push(cut ? tokenize(text.slice(span.start, span.end), span.start) : inside);
  }
  return result;
}
