// What both stores' full-text search shares: the user's text reduced to plain words (so no query syntax ever
// comes from the user), and the snippet markers turned into character ranges.
import { randomBytes } from 'node:crypto';
import type { ArticleSearchHit } from './store.ts';

/** Words of a search used, at most: more make a slower query and rarely a better one. */
export const MAX_SEARCH_WORDS = 16;
/** A word: letters and digits; everything else (quotes, operators, punctuation) separates words. */
const SEARCH_WORD = /[\p{L}\p{N}]+/gu;

/** The plain words of a search, at most MAX_SEARCH_WORDS; empty when the text has none. */
export function searchWords(text: string): string[] {
  return (text.match(SEARCH_WORD) ?? []).slice(0, MAX_SEARCH_WORDS);
}

/**
 * Snippet markers: a control character around a word drawn at random per process. Cleaned text keeps what the
 * input says, \u0002 and \u0003 included, so a bare control character would let an article mark words nobody
 * searched for; the random word is one no article can know.
 */
const MARKER_WORD = randomBytes(8).toString('hex');
export const MATCH_START = `\u0002${MARKER_WORD}\u0002`;
export const MATCH_END = `\u0003${MARKER_WORD}\u0003`;
/** Words in a search snippet: about a sentence around the best match. */
export const SNIPPET_WORDS = 24;

/** A snippet marked with MATCH_START/MATCH_END as plain text and the marked stretches as ranges into it. */
export function snippetRanges(marked: string): ArticleSearchHit['snippet'] {
  let text = '';
  const matches: { start: number; end: number }[] = [];
  let at = 0;
  while (at < marked.length) {
    const open = marked.indexOf(MATCH_START, at);
    if (open < 0) break;
    const close = marked.indexOf(MATCH_END, open + MATCH_START.length);
    if (close < 0) break;
    text += marked.slice(at, open);
    const start = text.length;
    text += marked.slice(open + MATCH_START.length, close);
    matches.push({ start, end: text.length });
    at = close + MATCH_END.length;
  }
  text += marked.slice(at);
  return { text, matches };
}
