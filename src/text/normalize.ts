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
// Punctuation not flanked by letters or digits on both sides: "don't", "3.5", "u.s" and "20-30" keep theirs.
// The percent sign is Unicode punctuation but says what a figure means, so it stays, like the symbols.
const LOOSE_PUNCTUATION = /(?<![\p{L}\p{N}\p{M}])(?:(?!%)\p{P})+|(?:(?!%)\p{P})+(?![\p{L}\p{N}])/gu;

/** NFKC, straight quotes, "-" for every dash, visible spaces only, whitespace runs collapsed, trimmed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(INVISIBLES, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * normalizeText, lower-cased, with punctuation removed except inside words, so two bodies that differ only
 * in quotes, dashes, spacing, case or stray punctuation hash the same (exact duplicates). Symbols ($, +) and
 * the percent sign are kept: they change what a figure says.
 */
export function normalizeForHash(s: string): string {
  return normalizeText(s).toLowerCase().replace(LOOSE_PUNCTUATION, ' ').replace(WHITESPACE_RUN, ' ').trim();
}
