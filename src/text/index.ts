// text: from a cleaned body to what later stages read: normalised strings, sentences, tokens, language.

export { detectLanguage, ENGLISH_STOPWORD_SHARE_MIN, LANGUAGE_MIN_WORDS, OTHER_STOPWORD_SHARE_MIN } from './language.ts';
export { normalizeForHash, normalizeText } from './normalize.ts';
export { splitSentences } from './sentences.ts';
export { ENGLISH_STOPWORDS, normalizeWord, scanWords, tokenize, wordEndAt, wordNorms } from './tokens.ts';
export type { Token } from './tokens.ts';
