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
 * The story's heaviest names, heaviest first, in display case made from the terms ("Dr Farrokh Amani"): the row's
 * names for a state saved without shown names (StoryState.names). shownStoryNames gives them as written.
 */
export function storyNames(centroid: TermVector, count = STORY_NAMES): string[] {
  return heaviestEntityTerms(centroid).slice(0, count).map(displayName);
}

/** Letters, digits and marks: what a name's word is made of (apostrophes and hyphens join them, as in tokens.ts). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Typographic apostrophes and hyphens, read as the ASCII ones tokens fold them to. */
const FOLDED: Readonly<Record<string, string>> = { '\u2019': "'", '\u02BC': "'", '\u2010': '-', '\u2011': '-' };
/** An abbreviation written with its dot inside a name: "Dr. Farrokh Amani", "St. Louis", "Gen. Ana Ruiz". */
const MAX_ABBREVIATION_LETTERS = 4;
/**
 * A model or series number written after a name belongs to it ("Corvid Nimbus 3", "Boeing 737"): up to three digits
 * and a letter; not a score or a range ("5-3"), a figure with a separator or a decimal, nor a count ("15 times").
 */
const NAME_NUMBER_AFTER = /^[ \u00a0](\d{1,3}[A-Za-z]?)(?![\p{L}\p{N}]|[.,:/\u2013-]\d|-)(?!\s+(?:percent|per|times|people|years?|days?|weeks?|months?|hours?|minutes?|points?|goals?|runs?|votes?|seats?)\b)/u;
/** Entity terms tried per arriving article, heaviest first: bounds the work when few are written as names there. */
const MAX_TERMS_TRIED = 12;

/**
 * The string's characters as a string of its own: a slice of 13 or more characters (or a concatenation holding one)
 * keeps the whole article text alive, and a story's names live as long as the story (40 MB more at 10k arrivals).
 */
const detachedCopy = (name: string): string => Buffer.from(name, 'utf16le').toString('utf16le');

const isWordChar = (char: string | undefined): boolean => char !== undefined && WORD_CHAR.test(char);
const folded = (char: string): string => FOLDED[char] ?? char.toLowerCase();
const isCapital = (char: string | undefined): boolean => char !== undefined && char !== char.toLowerCase();

/** Whether `word` (a term's word: lower case, folded) is written at `at` in `text`, in any case. */
function wordAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) if (folded(text[at + i]!) !== word[i]) return false;
  return true;
}

/**
 * The entity term `term` (lower case, words separated by spaces) as `text` writes it: its words capitalised (a
 * connector such as "of" excepted) and separated by one space only, so "Thursday, Brenner said" is not the name
 * "Thursday Brenner"; a dot may follow a short abbreviation ("Dr. Farrokh Amani"); a possessive ending is left
 * out, and a model number after the name is taken in ("Corvid Nimbus 3"). Undefined when no such span is found.
 * `lowerText` is `text` in lower case when the caller has it (the same length: then the first word is found by indexOf).
 */
export function writtenName(term: string, text: string, lowerText = text.toLowerCase()): string | undefined {
  const words = term.split(' ');
  const first = words[0]!;
  const byIndex = lowerText.length === text.length && !/['-]/.test(first);
  for (let start = byIndex ? lowerText.indexOf(first) : 0; start !== -1 && start < text.length; start = byIndex ? lowerText.indexOf(first, start + 1) : start + 1) {
    const before = text[start - 1];
    if (isWordChar(before) || (before !== undefined && "'\u2019\u02BC.\u2010\u2011-".includes(before))) continue;
    let at = start;
    let fits = true;
    for (let index = 0; index < words.length && fits; index++) {
      const word = words[index]!;
      if (!wordAt(text, at, word) || (!LOWER_CASE_CONNECTORS.has(word) && !isCapital(text[at]))) fits = false;
      at += word.length;
      if (!fits || index === words.length - 1) break;
      // A dot only after a short abbreviation; then one space. A possessive inside ("Corvid's Nimbus") joins two names.
      if (text[at] === '.' && word.length <= MAX_ABBREVIATION_LETTERS && !LOWER_CASE_CONNECTORS.has(word)) at++;
      if (text[at] !== ' ' && text[at] !== '\u00a0') fits = false;
      at++;
    }
    if (!fits) continue;
    // The name ends here: no letter, nor a joined word ("Alder-based"), though a possessive may follow.
    const next = text[at];
    const possessive = next !== undefined && "'\u2019\u02BC".includes(next) && (text[at + 1] === 's' ? !isWordChar(text[at + 2]) : !isWordChar(text[at + 1]));
    if (!possessive && (isWordChar(next) || (next !== undefined && "'\u2019\u02BC\u2010\u2011-".includes(next) && isWordChar(text[at + 1])))) continue;
    const number = NAME_NUMBER_AFTER.exec(text.slice(at, at + 24));
    return detachedCopy(number === null ? text.slice(start, at) : `${text.slice(start, at)} ${number[1]}`);
  }
  return undefined;
}

/** The entity term a name shown to readers stands for: its words' tokens, a possessive and a model number left out. */
function termOfName(name: string): string {
  const words = tokenize(name).map((token) => token.norm.replace(/'s?$/, ''));
  while (words.length > 0 && /^\d/.test(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/**
 * German words capitalised where they open a sentence or a phrase, never a name's first word: nouns are capitalised
 * in German, so "Die ARD", "Beim Unfall", "Im Winter", "Mein Name" are runs of capitals the English heuristic
 * (entityRuns) takes for names. Articles, pronouns, prepositions and their contractions, quantifiers, conjunctions.
 */
const GERMAN_NOT_FIRST: ReadonlySet<string> = new Set(
  ('der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner mein meine meinen meinem meiner ' +
    'dein deine sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere unseren unserem euer eure dieser diese ' +
    'dieses diesem diesen jener jene jenes jeder jede jedes jeden jedem alle allen aller einige einigen viele vielen mehrere manche ' +
    'beim im am zum zur vom ins ans aufs fürs für mit von bei nach aus auf über unter vor hinter neben zwischen durch gegen ohne um ' +
    'seit bis während wegen trotz als wenn da dann denn doch so wie was wer wo wir sie er es ich du man auch und oder aber nur noch ' +
    'schon hier dort heute gestern nun jetzt bereits damit dabei dazu daher deshalb zudem außerdem dass ob weil').split(' '),
);
/** German pronouns that close a polite imperative or an inversion ("Erfahren Sie", "Regeln wir"), never a name. */
const GERMAN_NOT_LAST: ReadonlySet<string> = new Set(['sie', 'wir', 'ich', 'du', 'ihr', 'man', 'es', 'er']);

/** Whether an entity term of a German article can be a name (see GERMAN_NOT_FIRST). */
function germanName(term: string): boolean {
  const space = term.indexOf(' ');
  return !GERMAN_NOT_FIRST.has(space < 0 ? term : term.slice(0, space)) && !GERMAN_NOT_LAST.has(term.slice(term.lastIndexOf(' ') + 1));
}

/**
 * The story's heaviest names as articles write them: each of the heaviest entity terms as a name shown before
 * (`shown`: the story's compact row until now, and any merged story's), else in its spelling in `text` (the
 * arriving article's). A term found written in neither is passed over for the next: a reader sees only names as
 * written. Since an arriving article only raises its own terms, the heaviest are nearly always among the two.
 */
export function shownStoryNames(centroid: TermVector, shown: readonly string[], text: string, language?: string, count = STORY_NAMES): string[] {
  const before = new Map<string, string>();
  for (const name of shown) if (!before.has(termOfName(name))) before.set(termOfName(name), name);
  const names: string[] = [];
  let lowerText: string | undefined;
  const terms = heaviestEntityTerms(centroid);
  for (let tried = 0; tried < terms.length && names.length < count; tried++) {
    const term = terms[tried]!;
    if (language === 'de' && !germanName(term)) continue;
    // A name shown before is kept as it was written; past MAX_TERMS_TRIED the article is not searched for more.
    const name = before.get(term) ?? (tried < MAX_TERMS_TRIED ? writtenName(term, text, (lowerText ??= text.toLowerCase())) : undefined);
    // A name opens with a capital: a sentence's first word dropped before "der Steinkauz" left its connector first.
    if (name !== undefined && isCapital(name[0]) && !names.includes(name)) names.push(name);
  }
  return names;
}

// storyNames' callbacks as module functions (no closure per call: README, Development).
// Compared, not subtracted (a difference of weights returned is a boxed number a comparison).
const heaviestFirst = (x: [string, number], y: [string, number]): number => (x[1] > y[1] ? -1 : x[1] < y[1] ? 1 : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
const entityTerm = ([term]: [string, number]): string => term.slice(ENTITY_PREFIX.length);
