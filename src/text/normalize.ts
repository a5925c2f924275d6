// Text normalisation for comparison: the same words typed with other quotes, dashes or spaces should compare
// equal. Neither function keeps offsets; spans always point into the unnormalised text.

// Single quotes, apostrophes and primes that sites use for "'": ‘ ’ ‚ ‛ ′ ‹ › and the modifier-letter apostrophe.
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2039\u203A\u02BC]/g;
// Double quotes: “ ” „ ‟ ″ « » and the fullwidth quotation mark (NFKC already folds the latter; kept for clarity).
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02]/g;
// Hyphens and dashes: ‐ ‑ ‒ – — ― − ﹘ ﹣ －; wire copy spells "—" as "--", "–" or " - " depending on the site.
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Invisible characters that scraped text carries inside words: soft hyphen, zero-width space, word joiner,
// byte-order mark. Removed, not spaced, since they join what they sit in. (ZWJ and ZWNJ carry meaning in
// emoji and some scripts, so they stay.)
const INVISIBLES = /[\u00AD\u200B\u2060\uFEFF]/g;
// Whitespace runs. NFKC already folds no-break and typographic spaces (U+00A0, U+2000-U+200A, U+202F,
// U+3000) to U+0020; \s catches tabs, newlines and the rest.
const WHITESPACE_RUN = /\s+/g;

const NON_ASCII = /[^\x00-\x7f]/;
// The four folds above in one pass: one copy of a paragraph instead of one a fold that matches (each fold's
// characters and results are disjoint, so the order they ran in did not matter).
const FOLDED = new RegExp(`${SINGLE_QUOTES.source}|${DOUBLE_QUOTES.source}|${DASHES.source}|${INVISIBLES.source}`, 'g');

/** What the fold of one character of FOLDED gives. */
function foldCharacter(ch: string): string {
  if (SINGLE_QUOTE_SET.test(ch)) return "'";
  if (DOUBLE_QUOTE_SET.test(ch)) return '"';
  if (DASH_SET.test(ch)) return '-';
  return '';
}
const SINGLE_QUOTE_SET = new RegExp(SINGLE_QUOTES.source);
const DOUBLE_QUOTE_SET = new RegExp(DOUBLE_QUOTES.source);
const DASH_SET = new RegExp(DASHES.source);

/** NFKC, straight quotes, "-" for every dash, visible spaces only, whitespace runs collapsed, trimmed. */
export function normalizeText(s: string): string {
  // ASCII has nothing for NFKC or the folds to change (the common case: about two thirds of news paragraphs).
  const shape = asciiSpacing(s);
  if (shape === SINGLE_SPACED) return s.trim();
  if (shape === NEEDS_COLLAPSE) return s.replace(WHITESPACE_RUN, ' ').trim();
  return collapseWhitespaceRuns(foldCharacters(s));
}

/** asciiSpacing's answers: ASCII whose only whitespace is single spaces (and any at either end); other ASCII; not ASCII. */
const SINGLE_SPACED = 0;
const NEEDS_COLLAPSE = 1;
const NOT_ASCII = 2;

/**
 * What the whitespace collapse would do to `s`, in one scan by character code (NON_ASCII and /[^\S ]| {2}/
 * were two regex scans of every paragraph): SINGLE_SPACED when it is ASCII and no whitespace but single spaces
 * stands between its words (the collapse is then only the trim), NEEDS_COLLAPSE for other ASCII, NOT_ASCII else.
 */
function asciiSpacing(s: string): number {
  let shape = SINGLE_SPACED;
  let afterSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return NOT_ASCII;
    if (c === 0x20) {
      if (afterSpace) shape = NEEDS_COLLAPSE;
      afterSpace = true;
    } else {
      if (c >= 9 && c <= 13) shape = NEEDS_COLLAPSE;
      afterSpace = false;
    }
  }
  return shape;
}

/** NFKC, straight quotes, "-" for every dash, invisibles removed: normalizeText before its whitespace collapse. */
function foldCharacters(s: string): string {
  return s.normalize('NFKC').replace(FOLDED, foldCharacter);
}

/** Every run of whitespace (\s: no-break spaces included) as one space, ends trimmed; the text itself when no run needs it. */
export function collapseWhitespaceRuns(s: string): string {
  return needsCollapsing(s) ? s.replace(WHITESPACE_RUN, ' ').trim() : s.trim();
}

/**
 * Whether the collapse changes more than the ends of `s`: whitespace other than a plain space, or two spaces in a
 * row (/[^\S ]| {2}/, whose regex scan was 1% of preparing an article; without it the replace only copies the text).
 */
export function needsCollapsing(s: string): boolean {
  let afterSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return true;
      afterSpace = true;
    } else {
      if (isWhitespaceUnit(c)) return true;
      afterSpace = false;
    }
  }
  return false;
}

/**
 * normalizeText, lower-cased, with punctuation removed except inside words, so two bodies that differ only
 * in quotes, dashes, spacing, case or stray punctuation hash the same (exact duplicates). Symbols ($, +) and
 * the percent sign are kept: they change what a figure says.
 */
export function normalizeForHash(s: string): string {
  return punctuationStripped(NON_ASCII.test(s) ? normalizeText(s).toLowerCase() : s);
}

/** Character classes for punctuationStripped, by UTF-16 code unit (computed on first sight). */
const WORD = 1;
const MARK = 2;
const PUNCTUATION = 3;
const SPACE = 4;
const OTHER = 5;
const classes = new Uint8Array(0x10000);

function classOfCharacter(ch: string): number {
  if (/[\p{L}\p{N}]/u.test(ch)) return WORD;
  if (/\p{M}/u.test(ch)) return MARK;
  if (ch !== '%' && /\p{P}/u.test(ch)) return PUNCTUATION;
  if (/\s/.test(ch)) return SPACE;
  return OTHER;
}

/** The class of the code point at `i` of `s` (a lone surrogate is OTHER, as the regexes see it). */
function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return classOfCharacter(String.fromCodePoint(s.codePointAt(i)!));
  let cls = classes[c]!;
  if (cls === 0) classes[c] = cls = classOfCharacter(String.fromCharCode(c));
  return cls;
}

/**
 * Whether the hash form keeps the character at s[i] (`width` code units): anything but whitespace, and
 * punctuation only between a word character (or mark) and a word character.
 */
function keptForHash(s: string, i: number, width: number): boolean {
  const cls = classAt(s, i);
  if (cls !== PUNCTUATION) return cls !== SPACE;
  const before = i > 0 ? classAt(s, i - 1 - (i >= 2 && (s.charCodeAt(i - 1) & 0xfc00) === 0xdc00 && (s.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? 1 : 0)) : SPACE;
  const after = i + width < s.length ? classAt(s, i + width) : SPACE;
  return (before === WORD || before === MARK) && after === WORD;
}

/**
 * What LOOSE_PUNCTUATION, the whitespace collapse and the trim make of `s` (normalised and lower-cased, or
 * ASCII: then its upper case is lowered here and its spaces collapsed, which is all normalizeText and
 * toLowerCase do to ASCII), in one pass without regexes (which cost a fifth of the text stage's own time).
 * The regex removes a punctuation run unless it is one character with a letter, digit or mark before it and
 * a letter or digit after it ("don't", "3.5"): a run of two or more goes whole, as its matches show.
 */
function punctuationStripped(s: string): string {
  const n = s.length;
  let out = '';
  // The kept characters are copied in slices; a space is written only before the next kept character.
  let from = -1;
  let space = false;
  let lowered = false;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (keptForHash(s, i, width)) {
      if (from < 0) {
        if (space && out.length > 0) out += ' ';
        space = false;
        from = i;
      }
      if (c >= 0x41 && c <= 0x5a) lowered = true;
    } else {
      if (from >= 0) out += s.slice(from, i);
      from = -1;
      space = true;
    }
    i += width;
  }
  if (from >= 0) out += s.slice(from);
  return lowered ? out.toLowerCase() : out;
}

/** Whether a UTF-16 code unit is whitespace as `\s` and `trim` read it (WhiteSpace and LineTerminator). */
export function isWhitespaceUnit(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * Writes the UTF-8 of a code point of 0x80 or more at bytes[at] and returns the position after it (the byte scans
 * that hash text without building its string). A lone surrogate must be mapped to U+FFFD first, as Node does.
 */
export function writeUtf8CodePoint(bytes: Uint8Array, at: number, point: number): number {
  if (point < 0x800) {
    bytes[at++] = 0xc0 | (point >> 6);
  } else if (point < 0x10000) {
    bytes[at++] = 0xe0 | (point >> 12);
    bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
  } else {
    bytes[at++] = 0xf0 | (point >> 18);
    bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
    bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
  }
  bytes[at++] = 0x80 | (point & 0x3f);
  return at;
}

/**
 * UTF-8 bytes of normalizeForHash's result, written here as they are found rather than built as a string (that
 * string was a slice and a concatenation per word, then a lower-cased copy: 46 KB an article). Grown as needed.
 */
let hashBytes = Buffer.allocUnsafe(16384);

/**
 * The UTF-8 bytes of normalizeForHash(s), as hashing that string reads them (a lone surrogate as U+FFFD's bytes,
 * as Node encodes it): a view into a buffer the next call overwrites, so hash it before calling again.
 */
export function normalizedForHashBytes(s: string): Uint8Array {
  // normalizeText without its whitespace collapse: the scan below treats every whitespace character alike (none
  // is a letter, digit, mark or punctuation) and writes one space between kept runs, none at the ends, so the
  // collapse's copy of the whole text changed nothing it writes.
  const folded = NON_ASCII.test(s) ? foldCharacters(s).toLowerCase() : s;
  const n = folded.length;
  // A UTF-16 code unit is at most three bytes of UTF-8, a space included.
  if (hashBytes.length < 3 * n) hashBytes = Buffer.allocUnsafe(3 * n);
  const bytes = hashBytes;
  let length = 0;
  let space = false;
  for (let i = 0; i < n; ) {
    const c = folded.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (folded.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (!keptForHash(folded, i, width)) {
      space = true;
      i += width;
      continue;
    }
    if (space && length > 0) bytes[length++] = 0x20;
    space = false;
    if (c < 0x80) {
      // ASCII upper case is lowered here (an ASCII text was not lowered before); nothing else is upper case.
      bytes[length++] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    } else if (width === 2) {
      length = writeUtf8CodePoint(bytes, length, folded.codePointAt(i)!);
    } else {
      // A lone surrogate is written as U+FFFD, as Node's UTF-8 encoding of a string writes it.
      length = writeUtf8CodePoint(bytes, length, c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
    }
    i += width;
  }
  return bytes.subarray(0, length);
}
