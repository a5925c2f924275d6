// The names a story is about, for its compact row in a listing: the heaviest multi-word names (entity terms)
// of its centroid. Read off the centroid the story already keeps, so a listing costs nothing per article. An
// entity term is normalised (lower case, "Dr." without its dot, runs joined across commas), so the name shown is
// the term as an article writes it (shownStoryNames), found when the story changes.
import { tokenize } from '../text/tokens.ts';
import { ENTITY_PREFIX, type TermVector } from './vectors.ts';

/** Names a listing shows per story: enough to tell stories apart at a glance. */
export const STORY_NAMES = 5;

/** Lower-case words inside a name that stay lower-case when shown ("Bank of England"). */
const LOWER_CASE_CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'la', 'van', 'von', 'der', 'al', 'bin', 'da', 'di', 'du', 'le']);

/** Entity terms are stored normalised (lower case); a listing shows them capitalised. */
function displayName(normalised: string): string {
  return normalised
    .split(' ')
    .map((word, position) => (position > 0 && LOWER_CASE_CONNECTORS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/** The centroid's entity terms, heaviest first (ties by name, so the order is stable), without their prefix. */
function heaviestEntityTerms(centroid: TermVector): string[] {
  // Only the entity terms made into pairs: a story is saved at every arrival, its centroid of 150 terms holds a few names.
  const names: [string, number][] = [];
  for (let at = 0; at < centroid.size; at++) {
    const term = centroid.vocabulary.name(centroid.ids[at]!);
    if (term.startsWith(ENTITY_PREFIX)) names.push([term, centroid.weights[at]!]);
  }
  return names.sort(heaviestFirst).map(entityTerm);
}

/**
 * The story's heaviest names, heaviest first, in display case made from the terms ("Dr Farrokh Amani"): for a store
 * upgraded from a schema without names, where no article text is at hand. shownStoryNames gives them as written.
 */
export function storyNames(centroid: TermVector, count = STORY_NAMES): string[] {
  return heaviestEntityTerms(centroid).slice(0, count).map(displayName);
}

/** Letters, digits and marks: what a name's word is made of (apostrophes and hyphens join them, as in tokens.ts). */
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';
/** An abbreviation written with its dot inside a name: "Dr. Farrokh Amani", "St. Louis", "Gen. Ana Ruiz". */
const MAX_ABBREVIATION_LETTERS = 4;
/**
 * A model or series number written after a name belongs to it ("Corvid Nimbus 3", "Boeing 737"): up to three digits
 * and a letter, not a figure with a separator or a decimal, nor a year.
 */
const NAME_NUMBER_AFTER = /^[ \u00a0](\d{1,3}[A-Za-z]?)(?![\p{L}\p{N}]|[.,]\d)/u;
/** A term's word in a pattern: typographic apostrophes and hyphens match the ASCII ones tokens fold them to. */
function wordPattern(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019\u02BC]").replace(/-/g, '[-\u2010\u2011]');
}

/**
 * The entity term `term` (lower case, words separated by spaces) as `text` writes it: its words capitalised (a
 * connector such as "of" excepted) and separated by spaces only, so "Thursday, Brenner said" is not the name
 * "Thursday Brenner"; a dot may follow a short abbreviation ("Dr. Farrokh Amani"); a possessive ending is left
 * out, and a model number after the name is taken in ("Corvid Nimbus 3"). Undefined when no such span is found.
 */
export function writtenName(term: string, text: string): string | undefined {
  const words = term.split(' ');
  const separators = words.slice(0, -1).map((word) => (word.length <= MAX_ABBREVIATION_LETTERS && !LOWER_CASE_CONNECTORS.has(word) ? '\\.?[ \\u00a0]' : '[ \\u00a0]'));
  let source = `(?<!${WORD_CHAR}|['\u2019\u02BC.\u2010\u2011-])`;
  words.forEach((word, at) => {
    source += wordPattern(word);
    // A possessive inside a run ("Corvid's Nimbus") joins two names: it is allowed only after the last word.
    source += at < words.length - 1 ? separators[at]! : `(?=['\u2019\u02BC]s?(?!${WORD_CHAR})|(?!${WORD_CHAR}|['\u2019\u02BC\u2010\u2011-]${WORD_CHAR}))`;
  });
  for (const match of text.matchAll(new RegExp(source, 'giu'))) {
    const written = match[0];
    if (!capitalisedAsName(written)) continue;
    const number = NAME_NUMBER_AFTER.exec(text.slice(match.index + written.length, match.index + written.length + 6));
    return number === null ? written : `${written} ${number[1]}`;
  }
  return undefined;
}

/** Every word capitalised but the connectors: "Bank of England", not "bank of england" in running text. */
function capitalisedAsName(written: string): boolean {
  return tokenize(written).every((token) => LOWER_CASE_CONNECTORS.has(token.norm) || token.capitalized);
}

/** The entity term a name shown to readers stands for: its words' tokens, a possessive and a model number left out. */
function termOfName(name: string): string {
  const words = tokenize(name).map((token) => token.norm.replace(/'s?$/, ''));
  while (words.length > 0 && /^\d/.test(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/**
 * The story's heaviest names as articles write them: each of the heaviest entity terms in its spelling in `text`
 * (the arriving article's), else as a name shown before (`shown`: the story's compact row until now, and any
 * merged story's). A term found written in neither is passed over for the next: a reader sees only names as
 * written. Since an arriving article only raises its own terms, the heaviest are nearly always among the two.
 */
export function shownStoryNames(centroid: TermVector, shown: readonly string[], text: string, count = STORY_NAMES): string[] {
  const before = new Map<string, string>();
  for (const name of shown) if (!before.has(termOfName(name))) before.set(termOfName(name), name);
  const names: string[] = [];
  for (const term of heaviestEntityTerms(centroid)) {
    const name = writtenName(term, text) ?? before.get(term);
    if (name !== undefined && !names.includes(name)) names.push(name);
    if (names.length === count) break;
  }
  return names;
}

// storyNames' callbacks as module functions (no closure per call: README, Development).
const heaviestFirst = (x: [string, number], y: [string, number]): number => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
const entityTerm = ([term]: [string, number]): string => term.slice(ENTITY_PREFIX.length);
