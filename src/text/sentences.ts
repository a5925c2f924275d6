// Sentence spans, found paragraph by paragraph so that no sentence crosses a paragraph boundary.
// 1. wink-nlp's sentence boundary detection (wink-eng-lite-web-model) proposes sentences per paragraph.
// 2. Each sentence is located in the paragraph token by token, so offsets are exact and whitespace-trimmed.
// 3. Repairs join pieces wink splits where news English does not end a sentence (see shouldJoin): after a
//    title ("Vice Adm."), a date or number abbreviation ("Jan."), inside an ellipsis, before a lower-case
//    word, and before a short attribution that closes a quotation ("... over." Carter said.).
//
// Cost: about 2 ms per 4 KB article (DUC 2006 newswire), nearly all of it in wink; this is the slow part of
// text analysis, far from the sketching hot path.
//
// Module state: the wink instance is built lazily on first use and then reused; loading wink and its model
// takes about 200 ms, which importers that never split sentences should not pay. It is a pure cache: it
// holds no per-document state, so results never depend on call order.

import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type winkModel from 'wink-eng-lite-web-model';
import type { SentenceSpan, Span } from '../model.ts';

type Wink = ReturnType<typeof winkNLP>;

let wink: Wink | undefined;

function nlp(): Wink {
  if (wink === undefined) {
    // Both packages are CommonJS; require keeps the loading synchronous and deferred to first use.
    const require = createRequire(import.meta.url);
    const create = require('wink-nlp') as typeof winkNLP;
    const model = require('wink-eng-lite-web-model') as typeof winkModel;
    // Only the sentence boundary detector: the full pipeline (POS, entities, sentiment) doubles the cost
    // (3.3 vs 1.6 ms per DUC article) and gave the very same sentences on all 1,250 DUC 2006 articles.
    wink = create(model, ['sbd']);
  }
  return wink;
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
// Where wink may end a sentence: terminal and other stops (Latin, CJK), and line breaks. A paragraph with
// none of these but in its last character is one sentence, and wink is not asked (a third of news paragraphs;
// wink is most of the text stage's cost). Checked against wink on every paragraph of the development sets:
// test/text/sentences-fast-path.test.ts.
const POSSIBLE_BOUNDARY = /[.!?…;:\n\r\u3002\uFF01\uFF1F\uFF0E\uFF1B\uFF1A]/;
const HAS_INVISIBLE_SPACE = /[\u200B\u2060\uFEFF]/;
const LEADING_SPACE = /^\s*/;
const TRAILING_SPACE = /\s*$/;

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
    let current: Span | undefined;
    for (const span of sentenceSpans(body)) {
      if (current !== undefined && shouldJoin(body.slice(current.start, current.end), body.slice(span.start, span.end))) {
        current.end = span.end;
        continue;
      }
      if (current !== undefined) out.push({ start: para.start + current.start, end: para.start + current.end, paragraph: p });
      current = { start: span.start, end: span.end };
    }
    if (current !== undefined) out.push({ start: para.start + current.start, end: para.start + current.end, paragraph: p });
  }
  return out;
}

/** Wink's sentences of a paragraph; a paragraph where wink cannot end a sentence before its end is one, trimmed. */
export function sentenceSpans(body: string): Span[] {
  if (POSSIBLE_BOUNDARY.test(body.slice(0, -1)) || HAS_INVISIBLE_SPACE.test(body)) return winkSentences(body);
  const start = LEADING_SPACE.exec(body)![0].length;
  const end = body.length - TRAILING_SPACE.exec(body)![0].length;
  return end > start ? [{ start, end }] : [];
}

/**
 * Wink's sentences as spans into `body`: each token is found in the text after the previous one, with no
 * word between, so a token wink rewrote (were it ever to) is skipped rather than matched far ahead.
 */
export function winkSentences(original: string): Span[] {
  // Same length, so offsets into `body` are offsets into the paragraph.
  const body = original.replace(INVISIBLE_SPACES, ' ');
  const doc = nlp().readDoc(body);
  const values = doc.tokens().out() as string[];
  // Token index ranges [first, last], inclusive, one per sentence.
  const ranges = doc.sentences().out(nlp().its.span) as unknown as [number, number][];
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
