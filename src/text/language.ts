// A deliberately minimal language detector: English or undetermined, by the share of English stopwords.
// It knows no other language; a later issue replaces it with a real identifier.

import type { Token } from './tokens.ts';

/**
 * Least share of English stopwords among word tokens for "en". Measured with tokenize() on ../shared/data:
 * English news has median 0.41 and 1st percentile 0.31 (DUC 2006 newswire, 1,250 articles), median 0.43
 * and 1st percentile 0.28 (Multi-News validation, 690 scraped articles); whole web pages of other languages
 * (trafilatura's evaluation set, boilerplate included, by <html lang>) have median 0.03 and 99th
 * percentile 0.14 for German (629 pages, maximum 0.19), medians below 0.07 for es, fr, pl, pt, it.
 * 0.2 sits well below the English floor and above nearly all of the rest.
 */
export const ENGLISH_STOPWORD_SHARE_MIN = 0.2;

/** Fewer words than this and the share says nothing: "und". A one-line caption is not evidence. */
export const LANGUAGE_MIN_WORDS = 8;

const HAS_LETTER = /\p{L}/u;

/** "en" when the text reads as English by its stopwords, "und" (undetermined, BCP 47) otherwise. */
export function detectLanguage(tokens: Token[]): string {
  let words = 0;
  let stops = 0;
  for (const token of tokens) {
    // Numbers are not words of any language.
    if (!HAS_LETTER.test(token.norm)) continue;
    words++;
    if (token.stop) stops++;
  }
  if (words < LANGUAGE_MIN_WORDS) return 'und';
  return stops / words >= ENGLISH_STOPWORD_SHARE_MIN ? 'en' : 'und';
}
