// Sentence spans, found paragraph by paragraph so that no sentence crosses a paragraph boundary.
// 1. wink-nlp's sentence boundary detection (wink-eng-lite-web-model) proposes sentences per paragraph; where
//    wink's answer is plain (a stop after a plain word, then a capital) the paragraph is cut here first, and
//    wink reads only the pieces left with a doubtful boundary (9% of the stream's text; same spans, tested). A stop
//    before a lower-case word or a comma is no boundary here: wink's answer there is joined back in 3.
// 2. Each sentence is located in the paragraph token by token, so offsets are exact and whitespace-trimmed.
// 3. Repairs join pieces wink splits where news English does not end a sentence (see shouldJoin): after a
//    title ("Vice Adm."), a date or number abbreviation ("Jan."), inside an ellipsis, before a lower-case
//    word, and before a short attribution that closes a quotation ("... over." Carter said.).
//
// Cost: wink takes about 2 ms per 4 KB article (DUC 2006 newswire) when it reads all of it; it is the slow
// part of text analysis, hence the cutting in 1.
//
// Module state: the wink instance is built lazily on first use and then reused; loading wink and its model
// takes about 200 ms, which importers that never split sentences should not pay. wink adds each unknown word
// to its lexicon, and its tokenizer reads a word it knows otherwise (once it had read "rift.15m" it cut
// "Settlers 15m. Assented" where a fresh wink does not), so its answer on rare text depended on what the thread
// had read before: `--jobs 2` split 4 of the 10k stream's articles otherwise than `--jobs 1`. The words are
// forgotten after every read (forgetAddedWords), so every answer is a fresh wink's.

import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type winkModel from 'wink-eng-lite-web-model';
import type { SentenceSpan, Span } from '../model.ts';
import { isWhitespaceUnit } from './normalize.ts';

type Wink = ReturnType<typeof winkNLP>;

/**
 * Words wink may add to its lexicon before it is built afresh (0.2 s). wink keeps every unknown word it reads,
 * about 86 bytes of heap each, in every thread that splits sentences; forgotten after each read, a word read again
 * is added again, so the list grows with the unknown words wink reads (18 an article on the 10k stream), not with
 * the archive's vocabulary, and is rebuilt about every 5,700 articles.
 */
export const WINK_ADDED_WORDS_LIMIT = 100_000;

let wink: Wink | undefined;
/** wink-eng-lite-web-model's custom-entity model as its first load returned it (see nlp). */
let customEntityModel: unknown;
/** Lower-cased words wink's lexicon holds with their full stop ("mass.", "in.", "vs."): wink may not end a sentence there. */
let dotted: Set<string> | undefined;
/**
 * wink's lexicon (it appends unknown words to `list` and indexes them in `hash`), its length as loaded, and how
 * far its added words have been taken out of `hash` again.
 */
let lexicon: { list: unknown[]; hash: Record<string, number>; loaded: number; forgotten: number } | undefined;

/** Words wink has added to its lexicon since it was last built (0 before first use). */
export function winkAddedWords(): number {
  return lexicon === undefined ? 0 : lexicon.list.length - lexicon.loaded;
}

/** Drops the wink instance, so the next read is a freshly built wink's (tests compare the two; 0.2 s). */
export function forgetWink(): void {
  wink = undefined;
}

function nlp(): Wink {
  if (wink !== undefined && winkAddedWords() > WINK_ADDED_WORDS_LIMIT) wink = undefined;
  if (wink === undefined) {
    // Both packages are CommonJS; require keeps the loading synchronous and deferred to first use.
    const require = createRequire(import.meta.url);
    const create = require('wink-nlp') as typeof winkNLP;
    const model = require('wink-eng-lite-web-model') as typeof winkModel & { core: () => WinkCoreModel };
    // The lexicon is read from the core model wink itself loads (a second load would cost 0.25 s), before
    // wink adds any unknown word to it.
    let core: WinkCoreModel | undefined;
    // The custom-entity model is kept from the first build: its loader re-encodes its own JSON as a string at
    // every call (`machines = JSON.stringify(machines)`), so each rebuild's copy was escaped once more, its size
    // growing about 2x a rebuild, and the 20th build in a thread threw "Invalid string length" (unused here: no
    // custom entities are learned).
    const watched = {
      ...model,
      core: () => (core = model.core()),
      // (A function in the package, typed as the model it returns.)
      metaCER: () => (customEntityModel ??= (model.metaCER as unknown as () => unknown)()),
    };
    // Only the sentence boundary detector: the full pipeline (POS, entities, sentiment) doubles the cost
    // (3.3 vs 1.6 ms per DUC article) and gave the very same sentences on all 1,250 DUC 2006 articles.
    wink = create(watched, ['sbd']);
    const lexemes = core?.features.lexeme.list ?? [];
    lexicon = { list: lexemes, hash: core?.features.lexeme.hash ?? {}, loaded: lexemes.length, forgotten: lexemes.length };
    dotted ??= new Set(lexemes.filter((word): word is string => typeof word === 'string' && word.endsWith('.')).map((word) => word.toLowerCase()));
  }
  return wink;
}

/** The part of wink-eng-lite-web-model's core model read here (its lexicon), pinned with the package. */
interface WinkCoreModel {
  features: { lexeme: { list: unknown[]; hash: Record<string, number> } };
}

/**
 * Takes the words wink added while reading out of its lookup table, so the next read cuts them as a fresh wink
 * would. They stay in its list, where the tokens wink already made point (a word seen again is added again:
 * WINK_ADDED_WORDS_LIMIT bounds the list).
 */
function forgetAddedWords(): void {
  if (lexicon === undefined) return;
  const { list, hash } = lexicon;
  for (let index = lexicon.forgotten; index < list.length; index++) {
    const word = list[index] as string;
    if (hash[word] === index) delete hash[word];
  }
  lexicon.forgotten = list.length;
}

function dottedWords(): Set<string> {
  nlp();
  return dotted!;
}

// Abbreviations that precede a name and so never end a sentence when a capitalised word follows:
// "Vice Adm. Mark Fox", "Sgt. Maj. Brown". Wink's model knows some (Mr., Gen.) but not all. Place
// abbreviations (St., Mt.) are left out: "on Main St." can end a sentence.
const TITLE_BEFORE_NAME =
  /(?:^|[\s("'“‘])(?:Adm|Brig|Capt|Cmdr|Col|Cpl|Det|Dr|Gen|Gov|Hon|Insp|Lt|Maj|Messrs|Mr|Mrs|Ms|Msgr|Pres|Prof|Pvt|Rep|Rev|Sen|Sgt|Supt|Gens|Reps|Sens)\.$/;
// Abbreviations that never end a sentence when a number follows: "Jan. 20", "No. 10", "p. 3".
const BEFORE_NUMBER =
  /(?:^|[\s("'“‘])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Nr|p|pp|Vol|Art|Sec|Fig|approx|ca)\.$/;
// A sentence that ends inside a closing quotation: ... over." or ... over?” or ... it...'
const ENDS_WITH_CLOSED_QUOTE = /[.!?…,]["”'’]\s*$/;
// A short attribution after a quotation: "Okafor said.", "the official told reporters.", "Van Aalst said
// on Wednesday." Up to ATTRIBUTION_MAX_WORDS words with a speech verb among its first words.
const SPEECH_VERB =
  /^(?:\S+\s+){0,4}(?:said|says|say|added|adds|asked|asks|told|tells|explained|explains|wrote|writes|noted|notes|replied|replies|insisted|insists|continued|stated|states|declared|warned|warns|argued|argues|recalled|acknowledged|conceded|concluded|confirmed|announced|tweeted|posted|exclaimed|shouted|responded|responds)\b/;
// Longer continuations after a quote are read as sentences of their own.
const ATTRIBUTION_MAX_WORDS = 10;
// Characters that cannot open a sentence but can close the previous one: ellipsis dots and closing
// brackets and curly quotes that wink left at the start of the next piece (`it.` + `.." Carter said.`).
const CONTINUATION_START = /^[.…)\]}”’,;:]/;
const STARTS_LOWER = /^\p{Ll}/u;
const STARTS_UPPER_OR_DIGIT = /^[\p{Lu}\p{N}]/u;
const STARTS_DIGIT = /^\p{N}/u;
const WHITESPACE_ONLY = /^\s*$/;
// Zero-width space, word joiner and byte-order mark: invisible, but wink reads them as tokens and will not
// end a sentence before one ("U.K.\u200b The"). Shown to wink as spaces.
const INVISIBLE_SPACES = /[\u200B\u2060\uFEFF]/g;
// What may lie between two located tokens: whitespace, or punctuation wink might have dropped (it drops
// none in our fuzzing); never a word, so a token is never matched further on in the paragraph.
const NO_WORD_CHARACTERS = /^[^\p{L}\p{N}]*$/u;
// Where wink may end a sentence (terminal and other stops, Latin and CJK, and line breaks), and the invisible
// spaces it reads as tokens. A paragraph whose every such character is a plain case below is split here
// without wink (two thirds of news paragraphs; wink is most of the text stage's cost); any other goes to wink.
// Checked against wink on every paragraph of the development sets: test/text/sentences-fast-path.test.ts.
const POSSIBLE_BOUNDARY = /[.!?…;:\n\r\u3002\uFF01\uFF1F\uFF0E\uFF1B\uFF1A\u200B\u2060\uFEFF]/g;
// A plain word before a stop: letters, lower case after the first (not "U.S", not "McCain"), or a short
// whole number ("in 1990."); one opening quote or bracket before it is allowed.
const PLAIN_WORD = /^["“‘(]?(?:[A-Za-z][a-z]+(?:[-'’][A-Za-z][a-z]*)*|[1-9]\d{0,3})$/;
// A word with a digit in it whose parts, joined by hyphens, are numbers, words of two letters or more, or letters
// then digits ("16-year-old", "972-392-0888", "1982-83", "0800", "bp099"): wink ends a sentence after it like after
// a plain word. Not a number then letters ("7m.", "30am.", "3d.": a unit), not a one-letter part ("5-f.", "24-h.":
// an initial), no apostrophe ("1990's."), dot, comma or sign.
const DIGIT_WORD = /^["“‘(]?(?=[^0-9]*[0-9])(?:[0-9]+|[A-Za-z][a-z]+|[A-Za-z]+[0-9]+)(?:-(?:[0-9]+|[A-Za-z][a-z]+|[A-Za-z]+[0-9]+))*$/;
// The last part of a word, after a hyphen or apostrophe: wink reads the parts apart ("co-op." ends in "op.").
const LAST_PART = /(?:^["“‘(]?|[-'’])([^-'’]*)$/;
// After a stop that ends a sentence: closing quotes or brackets, spaces, maybe an opening quote, a capital.
// Not the apostrophe: wink reads ".'' " in DUC's quoting as ending the sentence before the second quote.
const SENTENCE_FOLLOWS = /(["”’)]*) +(?:["“‘(]|``|'')?[A-Z0-9]/y;
// A stop glued to a capitalised word ("noon.The", "Neo-nazi.Intermediate."): wink ends a sentence there after a
// plain word. Only when the rest up to the next space is such words and stops, so no address ("foo.Bar@x.com").
const GLUED_SENTENCE_FOLLOWS = /(?:[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]*)*[.!?])*[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]*)*[.!?,;:"”’)]*(?:\s|$)/y;
// DUC's closing double apostrophe after a stop: wink ends the sentence after the first apostrophe and starts
// the next with the second (".'' The", and a paragraph's last ".''" leaves a sentence of one apostrophe).
const DOUBLE_APOSTROPHE_FOLLOWS = /''(?:$| +(?:["“‘(]|``)?[A-Z])/y;
// After a stop, what starts a piece shouldJoin joins back (STARTS_LOWER, CONTINUATION_START): a lower-case
// letter, or a comma, semicolon or colon.
const JOINED_FOLLOWS = / *[a-z]|[,;:]/y;
// After a title's stop, what starts a piece shouldJoin joins back to the title (STARTS_UPPER_OR_DIGIT).
const TITLE_FOLLOWS = / +[A-Z0-9]/y;
// Quotes that may close a quotation (ENDS_WITH_CLOSED_QUOTE), looked for in the characters before a piece.
const CLOSING_QUOTE = /["”'’]/;
const QUOTE_LOOKBACK = 8;
// A stop whose paragraph ends after at most some closing quotes or brackets.
const CLOSERS_TO_END = /["”’)]*$/y;
const DIGIT = /[0-9]/;
// What may stand before a decimal number ("at 4.5", "$2.40", "(1.6"); anything else ("V15.81", "f/2.2") goes to wink.
const BEFORE_NUMBER_START = /[ $£€(]/;

/**
 * Sentence spans of `text`, paragraph by paragraph: offsets into `text`, whitespace-trimmed, `paragraph`
 * the index into `paragraphs`. Empty paragraphs give no sentences.
 */
export function splitSentences(text: string, paragraphs: Span[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    const body = text.slice(para.start, para.end);
    if (WHITESPACE_ONLY.test(body)) continue;
    for (const span of joinedSpans(body, sentenceSpans(body))) out.push({ start: para.start + span.start, end: para.start + span.end, paragraph: p });
  }
  return out;
}

/** The sentences of a paragraph: its pieces (wink's sentences) with the repairs of shouldJoin applied, in order. */
export function joinedSpans(body: string, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let current: Span | undefined;
  for (const span of spans) {
    if (current !== undefined && shouldJoin(body.slice(current.start, current.end), body.slice(span.start, span.end))) {
      current.end = span.end;
      continue;
    }
    if (current !== undefined) out.push(current);
    current = { start: span.start, end: span.end };
  }
  if (current !== undefined) out.push(current);
  return out;
}

/**
 * Wink's sentences of a paragraph. The paragraph is cut where wink surely ends a sentence (a plain case, see
 * plainBoundary); a piece with no other possible boundary is one sentence, and only a piece with one is
 * handed to wink (9% of the characters of the stream's paragraphs, 19% before session 25).
 */
export function sentenceSpans(body: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  let doubtful = false;
  const last = body.length - 1;
  POSSIBLE_BOUNDARY.lastIndex = 0;
  for (let found = POSSIBLE_BOUNDARY.exec(body); found !== null; found = POSSIBLE_BOUNDARY.exec(body)) {
    if (found.index >= last) break;
    const boundary = plainBoundary(body, found.index, from);
    if (boundary === DOUBTFUL) doubtful = true;
    else if (boundary === PARAGRAPH_END) break;
    else if (boundary !== NO_BOUNDARY) {
      // (A module function, not a closure made per paragraph: README, Development.)
      addPiece(body, from, boundary, doubtful, spans);
      from = boundary;
      doubtful = false;
      POSSIBLE_BOUNDARY.lastIndex = boundary;
    }
  }
  addPiece(body, from, body.length, doubtful, spans);
  return spans;
}

/**
 * The sentences of the piece body[from, end): wink's when it holds a doubtful boundary, else the piece itself with
 * its whitespace (\s) trimmed by character code (two regexes on a copy of each piece were 1% of preparing an article).
 */
function addPiece(body: string, from: number, end: number, doubtful: boolean, spans: Span[]): void {
  if (doubtful) {
    for (const span of winkSentences(body.slice(from, end))) spans.push({ start: from + span.start, end: from + span.end });
    return;
  }
  let start = from;
  while (start < end && isWhitespaceUnit(body.charCodeAt(start))) start++;
  let stop = end;
  while (stop > start && isWhitespaceUnit(body.charCodeAt(stop - 1))) stop--;
  if (stop > start) spans.push({ start, end: stop });
}

const NO_BOUNDARY = -1;
const DOUBTFUL = -2;
const PARAGRAPH_END = -3;

/**
 * What wink makes of the possible boundary at `at` (before the paragraph's last character), in plain cases:
 * a colon or semicolon, or a decimal point inside a number standing alone ("4.5 per cent"), ends nothing; a
 * stop after a plain word that wink does not hold as an abbreviation ends a sentence when a capital follows
 * (the offset returned, after any closing quotes), or the paragraph when only closing quotes follow. Any
 * other case is DOUBTFUL: wink decides.
 */
function plainBoundary(body: string, at: number, pieceStart: number): number {
  const stop = body[at]!;
  if (stop === ':' || stop === ';') return NO_BOUNDARY;
  if (stop === '.' && at > 0 && DIGIT.test(body[at - 1]!) && DIGIT.test(body[at + 1]!)) return standaloneDecimal(body, at) ? NO_BOUNDARY : DOUBTFUL;
  if (stop !== '.' && stop !== '!' && stop !== '?') return DOUBTFUL;
  // A lower-case letter (after spaces or none) or a comma, semicolon or colon right after the stop: wink may end
  // a sentence there or not, but what follows would start with it (or with the stop itself), and shouldJoin
  // joins such a piece back, so the paragraph's sentences are the same either way and wink need not read it.
  // Whatever the word before ("ziff.com", "$4.", "3m."): asked of plain words only before session 34, it kept 14%
  // of what wink read on the 10k stream (the same sentences: test/text/sentences-fast-path.test.ts).
  // Unless a quotation closes just before the piece: whether the piece is then a short attribution joined to
  // it ('... porky!" On another occasion, she writes, after ... 50 lbs. one of ...') depends on where wink cut.
  JOINED_FOLLOWS.lastIndex = at + 1;
  if (JOINED_FOLLOWS.test(body) && !quotationClosesBefore(body, pieceStart)) return NO_BOUNDARY;
  // The word before the stop starts after a space, or where the piece starts after a glued cut ("nazi.|Intermediate.").
  const word = body.slice(Math.max(body.lastIndexOf(' ', at - 1) + 1, pieceStart), at);
  if (!PLAIN_WORD.test(word) && !DIGIT_WORD.test(word)) return DOUBTFUL;
  // Likewise a title before a capital or a number ("Mr. Smith", "Gen. 5"): shouldJoin joins whatever wink cut there.
  TITLE_FOLLOWS.lastIndex = at + 1;
  if (stop === '.' && TITLE_FOLLOWS.test(body) && TITLE_BEFORE_NAME.test(`${word}.`) && !quotationClosesBefore(body, pieceStart)) return NO_BOUNDARY;
  if (stop === '.' && (dottedWords().has(`${word.replace(/^["“‘(]/, '').toLowerCase()}.`) || dottedWords().has(`${LAST_PART.exec(word)![1]!.toLowerCase()}.`))) return DOUBTFUL;
  CLOSERS_TO_END.lastIndex = at + 1;
  if (CLOSERS_TO_END.test(body)) return PARAGRAPH_END;
  DOUBLE_APOSTROPHE_FOLLOWS.lastIndex = at + 1;
  if (DOUBLE_APOSTROPHE_FOLLOWS.test(body)) return at + 2;
  SENTENCE_FOLLOWS.lastIndex = at + 1;
  const follows = SENTENCE_FOLLOWS.exec(body);
  if (follows !== null) return at + 1 + follows[1]!.length;
  GLUED_SENTENCE_FOLLOWS.lastIndex = at + 1;
  return stop === '.' && GLUED_SENTENCE_FOLLOWS.test(body) ? at + 1 : DOUBTFUL;
}

/** True when a quote that may close a quotation stands in the QUOTE_LOOKBACK characters before the piece at `pieceStart`. */
function quotationClosesBefore(body: string, pieceStart: number): boolean {
  return CLOSING_QUOTE.test(body.slice(Math.max(0, pieceStart - QUOTE_LOOKBACK), pieceStart));
}

/** True when the point at `at` sits in a number of digits that starts after a space, currency or bracket and ends before no letter or dot. */
function standaloneDecimal(body: string, at: number): boolean {
  let after = at + 1;
  while (after < body.length && DIGIT.test(body[after]!)) after++;
  if (after < body.length && /[\p{L}.]/u.test(body[after]!)) return false;
  let before = at - 1;
  while (before > 0 && DIGIT.test(body[before - 1]!)) before--;
  return before === 0 || BEFORE_NUMBER_START.test(body[before - 1]!);
}

/** Pieces and characters winkSentences has read in this thread, for benches. */
export const winkReads = { pieces: 0, characters: 0 };

/**
 * Wink's sentences as spans into `body`: each token is found in the text after the previous one, with no
 * word between, so a token wink rewrote (were it ever to) is skipped rather than matched far ahead.
 */
export function winkSentences(original: string): Span[] {
  winkReads.pieces++;
  winkReads.characters += original.length;
  // Same length, so offsets into `body` are offsets into the paragraph.
  const body = original.replace(INVISIBLE_SPACES, ' ');
  const doc = nlp().readDoc(body);
  const values = doc.tokens().out() as string[];
  // Token index ranges [first, last], inclusive, one per sentence.
  const ranges = doc.sentences().out(nlp().its.span) as unknown as [number, number][];
  forgetAddedWords();
  const starts = new Int32Array(values.length).fill(-1);
  const ends = new Int32Array(values.length).fill(-1);
  let cursor = 0;
  for (let t = 0; t < values.length; t++) {
    const value = values[t]!;
    if (WHITESPACE_ONLY.test(value)) continue;
    const at = body.indexOf(value, cursor);
    if (at < 0 || !NO_WORD_CHARACTERS.test(body.slice(cursor, at))) continue;
    starts[t] = at;
    ends[t] = at + value.length;
    cursor = at + value.length;
  }
  const spans: Span[] = [];
  for (const [first, last] of ranges) {
    let start = -1;
    let end = -1;
    for (let t = first; t <= last; t++) {
      if (starts[t]! < 0) continue;
      if (start < 0) start = starts[t]!;
      end = ends[t]!;
    }
    if (start >= 0) spans.push({ start, end });
  }
  return spans;
}

/** True when `next` continues `prev` rather than starting a sentence of its own. */
function shouldJoin(prev: string, next: string): boolean {
  // "Vice Adm." + "Mark Fox ..." and "Jan." + "20 ...".
  if (TITLE_BEFORE_NAME.test(prev) && STARTS_UPPER_OR_DIGIT.test(next)) return true;
  if (BEFORE_NUMBER.test(prev) && STARTS_DIGIT.test(next)) return true;
  // `..."` split off after the first dot, or a closing bracket left behind.
  if (CONTINUATION_START.test(next)) return true;
  // '"It is over." he said.' or '"Yes!" said Jones.': news English starts no sentence in lower case.
  if (STARTS_LOWER.test(next)) return true;
  // '"This is final." Carter said.': a short attribution closing a quotation belongs to it.
  if (ENDS_WITH_CLOSED_QUOTE.test(prev) && SPEECH_VERB.test(next)) {
    return next.split(/\s+/).length <= ATTRIBUTION_MAX_WORDS;
  }
  return false;
}
