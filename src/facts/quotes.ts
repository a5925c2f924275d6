// Quotations and who said them. A speaker is the name next to an attribution verb ("said Priya Nandakumar",
// "Tomas Brenner said"); "he said" / "she said" is resolved to the last person named in the article.
import type { Article } from '../model.ts';

const ATTRIBUTION_VERB = '(?:said|says|added|adds|told|tells|stated|explained|warned|insisted|noted|recalled|asked|declared|announced|wrote)';
/** A capitalized name of one to four words (initials and particles like "de" allowed inside). */
const NAME = "(?:[A-Z][\\w'’.-]*(?:\\s+(?:de|van|von|al|bin|da|le)?\\s*[A-Z][\\w'’.-]*){0,3})";
const PRONOUN = '(?:he|she)';
/** Quotes shorter than this are scare quotes or names ("high hopes"), not statements. */
const MIN_QUOTE_WORDS = 3;
/** Titles and roles written before a name ("Mayor Tamsin Roe"): not part of the name. */
const TITLE = /^(?:Mayor|President|Minister|Secretary|Engineer|Coxswain|Defense|Defence|Foreign|Interior|Prime|Chancellor|Governor|Senator|Sen\.|Rep\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Chief|Officer|Spokesman|Spokeswoman|Spokesperson|General|Gen\.|Captain|Capt\.|Judge|Professor|Prof\.|Inspector|Sheriff|Commissioner|Director|Chairman|Chairwoman|King|Queen|Prince|Princess|Pope|Coach|Detective|Sergeant|Sgt\.|Lieutenant|Colonel|Col\.|Admiral|Ambassador|Bishop|U\.S\.|US|French|British|German|Russian|Chinese|Councillor|Councilor|Superintendent|Constable)$/;
/** Capitalized words that start names but are not people. */
const NOT_A_PERSON = /^(?:The|A|An|In|On|At|But|And|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

const QUOTE = /[“"]([^“”"]+)[”"]/g;
/** After the quote: `, said Name` / `, Name said` / `, he said`. */
const AFTER = new RegExp(`^[,.!?]?\\s*(?:${ATTRIBUTION_VERB}\\s+(${NAME})|(${NAME}|${PRONOUN})\\s+${ATTRIBUTION_VERB})`);
/** Before the quote in the same sentence: `Name said ... "`. */
const BEFORE = new RegExp(`(${NAME}|\\b${PRONOUN})\\s+${ATTRIBUTION_VERB}\\b`, 'g');
/** Any `Name said` or `said Name` anywhere: the people an article names, for resolving pronouns. */
const NAMED = new RegExp(`(${NAME})\\s+${ATTRIBUTION_VERB}\\b|\\b${ATTRIBUTION_VERB}\\s+(${NAME})`, 'g');

export interface FoundQuote {
  text: string;
  speaker?: string;
  start: number;
}

/** A name as a person's: leading non-name words ("The", weekdays) dropped; undefined when nothing is left. */
function personName(candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  const words = candidate.trim().split(/\s+/);
  while (words.length > 0 && NOT_A_PERSON.test(words[0]!)) words.shift();
  while (words.length > 1 && TITLE.test(words[0]!)) words.shift();
  return words.length === 0 ? undefined : words.join(' ');
}

function isPronoun(word: string | undefined): boolean {
  return word !== undefined && /^(?:he|she)$/i.test(word);
}

/** The last person named before `offset` in the article. */
function lastPersonBefore(text: string, offset: number): string | undefined {
  let last: string | undefined;
  for (const match of text.slice(0, offset).matchAll(NAMED)) {
    const name = personName(match[1] ?? match[2]);
    if (name !== undefined && !isPronoun(name)) last = name;
  }
  return last;
}

/** The start of the sentence holding `offset` (after the previous ., ! or ? followed by a space, or a paragraph break). */
function sentenceStart(text: string, offset: number): number {
  for (let i = offset - 1; i > 0; i--) {
    const char = text[i]!;
    if (char === '\n') return i + 1;
    if ((char === ' ') && /[.!?]["”]?$/.test(text.slice(Math.max(0, i - 2), i))) return i + 1;
  }
  return 0;
}

export function findQuotes(article: Pick<Article, 'text'>): FoundQuote[] {
  const text = article.text;
  const quotes: FoundQuote[] = [];
  let previousSpeaker: string | undefined;
  for (const match of text.matchAll(QUOTE)) {
    const quoted = match[1]!.trim().replace(/[,]$/, '');
    if (quoted.split(/\s+/).length < MIN_QUOTE_WORDS) continue;
    const end = match.index + match[0].length;
    const after = AFTER.exec(text.slice(end, end + 80));
    let speaker: string | undefined = personName(after?.[1] ?? after?.[2]);
    if (speaker === undefined) {
      const before = [...text.slice(sentenceStart(text, match.index), match.index).matchAll(BEFORE)].pop();
      speaker = personName(before?.[1]);
    }
    // A quote continuing the previous speaker's words in the next paragraph carries no attribution of its own.
    if (isPronoun(speaker)) speaker = lastPersonBefore(text, match.index) ?? previousSpeaker;
    const found: FoundQuote = { text: quoted, start: match.index };
    if (speaker !== undefined) {
      found.speaker = speaker;
      previousSpeaker = speaker;
    }
    quotes.push(found);
  }
  return quotes;
}
