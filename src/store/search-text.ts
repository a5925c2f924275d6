// What both stores' full-text search shares: the user's text reduced to plain words (so no query syntax ever
// comes from the user), and the snippet markers turned into character ranges.
import type { ArticleSearchHit } from './store.ts';

/** Words of a search used, at most: more make a slower query and rarely a better one. */
export const MAX_SEARCH_WORDS = 16;
/** A word: letters and digits; everything else (quotes, operators, punctuation) separates words. */
const SEARCH_WORD = /[\p{L}\p{N}]+/gu;

/** The plain words of a search, at most MAX_SEARCH_WORDS; empty when the text has none. */
export function searchWords(text: string): string[] {
  return (text.match(SEARCH_WORD) ?? []).slice(0, MAX_SEARCH_WORDS);
}

/** Snippet markers: control characters that cleaned text does not contain, turned into ranges after. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';
/** Words in a search snippet: about a sentence around the best match. */
export const SNIPPET_WORDS = 24;

/** A snippet marked with MATCH_START/MATCH_END as plain text and the marked stretches as ranges into it. */
export function snippetRanges(marked: string): ArticleSearchHit['snippet'] {
  let text = '';
  const matches: { start: number; end: number }[] = [];
  let start = -1;
  for (const char of marked) {
    if (char === MATCH_START) start = text.length;
    else if (char === MATCH_END) {
      if (start >= 0) matches.push({ start, end: text.length });
      start = -1;
    } else text += char;
  }
  return { text, matches };
}
