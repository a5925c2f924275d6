// Step 5 of the cascade: the title, given or read from the head of the text.

import { collapseWhitespace, endsLikeSentence, wordCount } from './blocks.ts';
import { findDateline } from './dateline.ts';
import {
  PATTERNS,
  TITLE_MAX_WORDS,
  TITLE_MIN_WORDS,
  TITLE_SENTENCE_MAX_WORDS,
  TITLE_WRAP_RATIO,
} from './patterns.ts';
import { textOf, type Piece, type Step } from './trail.ts';

export interface TitleStep extends Step {
  title?: string;
}

/** Characters of the scripts written without spaces between words (Chinese, Japanese): their words are not counted by spaces. */
const UNSPACED_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** Unspaced characters taken for one word in a headline's length: a Chinese word is one to two characters. */
const UNSPACED_CHARACTERS_PER_WORD = 2;
/** The full stops and question marks of other scripts (Chinese and Japanese, Arabic, Devanagari) that end a sentence. */
const OTHER_SENTENCE_END = /[。！？؟।]["'”’」』)\]]*$/u;

/** The words of a line, counting those of unspaced scripts by their characters. */
function headlineWords(text: string): number {
  const words = wordCount(text);
  const unspaced = text.match(UNSPACED_CHARACTER)?.length ?? 0;
  return unspaced === 0 ? words : words + Math.ceil(unspaced / UNSPACED_CHARACTERS_PER_WORD);
}

/** A line that reads as a headline rather than a body paragraph or a label. */
export function readsAsHeadline(text: string): boolean {
  const words = headlineWords(text);
  if (words < TITLE_MIN_WORDS || words > TITLE_MAX_WORDS) return false;
  if (!PATTERNS.headlineStart.test(text) || PATTERNS.fragmentEnd.test(text)) return false;
  if ((endsLikeSentence(text) || OTHER_SENTENCE_END.test(text)) && words > TITLE_SENTENCE_MAX_WORDS) return false;
  return findDateline(text) === undefined;
}

/** A title candidate at the head of the text, and the pieces that remain if it is taken. */
interface Head {
  text: string;
  rest: Piece[];
  /** False for a first line that may be the start of wrapped prose: a headline only if it repeats a given title. */
  standsApart: boolean;
}

/**
 * With a given title, drop the head of the text if it repeats it. Without one, the head is the title if
 * it reads as a headline and a body remains after it. Only the head is looked at: a short line further
 * down is a quote or a subhead, not the title.
 */
// A module function, not an arrow made per page (no closure per call: README, Development).
const isHeadline = (head: Head): boolean => head.standsApart && head.rest.length > 0 && readsAsHeadline(head.text);

export function takeTitle(pieces: readonly Piece[], given: string | undefined): TitleStep {
  const first = pieces[0];
  const heads = first ? headsOf(first, pieces.slice(1)) : [];
  const givenTitle = given === undefined ? '' : collapseWhitespace(given);
  if (givenTitle !== '') {
    const repeat = heads.find((head) => sameTitle(head.text, givenTitle));
    return repeat ? taken(givenTitle, repeat, first!) : { title: givenTitle, kept: [...pieces], drops: [] };
  }
  const headline = heads.find(isHeadline);
  return headline ? taken(headline.text, headline, first!) : { kept: [...pieces], drops: [] };
}

function taken(title: string, head: Head, first: Piece): TitleStep {
  return { title, kept: head.rest, drops: [{ at: first.at, text: head.text, rule: 'title' }] };
}

/**
 * The first paragraph whole; and, when it has several lines, its first line alone, which stands apart
 * if it looks set directly above body text (no blank line between). Hard-wrapped prose is told apart by
 * width: its lines are near-equal, a headline line is clearly shorter than the text under it.
 */
function headsOf(first: Piece, after: Piece[]): Head[] {
  const heads: Head[] = [{ text: textOf(first), rest: after, standsApart: true }];
  const [top, next, ...more] = first.lines;
  if (top === undefined || next === undefined) return heads;
  const widest = Math.max(next.length, ...more.map((line) => line.length));
  const standsApart =
    !endsLikeSentence(top) && PATTERNS.bodyStart.test(next) && top.length < TITLE_WRAP_RATIO * widest;
  heads.push({ text: top, rest: [{ at: first.at, lines: [next, ...more] }, ...after], standsApart });
  return heads;
}

/** Equal up to case, quotes and closing punctuation, or up to a " - Outlet" suffix on either side. */
export function sameTitle(a: string, b: string): boolean {
  const x = comparable(a);
  const y = comparable(b);
  return x === y || x === withoutSiteSuffix(y) || withoutSiteSuffix(x) === y;
}

function comparable(text: string): string {
  return collapseWhitespace(text)
    .toLowerCase()
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[\s.!?:]+$/, '');
}

/** "Allies agree to intensify fight - ABC News" -> "Allies agree to intensify fight". */
function withoutSiteSuffix(title: string): string {
  return title.replace(/\s+[-|–—]\s+[^-|–—]{1,60}$/, '');
}
