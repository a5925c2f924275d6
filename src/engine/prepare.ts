// From a raw article to a stored-ready Article: the clean stage, then the text stage. Pure: no I/O.
// prepareForIngest goes on to everything ingest needs that depends on no other article (sketch, term
// frequencies) and returns it as one plain, structured-cloneable object: what worker threads hand back.
import { createHash, hash } from 'node:crypto';
import { cleanText } from '../clean/index.ts';
import type { InputProblem } from '../errors.ts';
import { urlKey } from '../ingest/url.ts';
import type { Article, RawArticle, Span } from '../model.ts';
import { detectLanguage } from '../text/language.ts';
import { normalizedForHashBytes, normalizeText } from '../text/normalize.ts';
import { splitSentences } from '../text/sentences.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { sketchArticle, type ArticleSketch, type SketchSettings } from '../match/candidates.ts';
import { stockParagraphKeys } from '../match/stock.ts';
import { termFrequencies } from '../stories/vectors.ts';
import { profileTokens, type WordProfile } from '../match/seed-extend.ts';
import { performance } from 'node:perf_hooks';

/** Hex digits kept of a SHA-256: 64 bits, collision-free in practice below billions of articles. */
const ID_HEX_DIGITS = 16;
/** Words a title made from the body keeps when the input has no title. */
const FALLBACK_TITLE_WORDS = 12;
/** The longest run of Chinese or Japanese a fallback title takes, in characters: about twelve words of theirs. */
const FALLBACK_UNSPACED_CHARACTERS = 24;
const UNSPACED_TEXT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The id digest of `prefix` then `bytes` (UTF-8): as of the string prefix + the bytes' text. */
function digest(bytes: Uint8Array, prefix?: string): string {
  // Without a prefix, the one-shot hash: no Hash object.
  if (prefix === undefined) return hash('sha256', bytes, 'hex').slice(0, ID_HEX_DIGITS);
  return createHash('sha256').update(prefix).update(bytes).digest('hex').slice(0, ID_HEX_DIGITS);
}

/**
 * What makes two inputs the same article: the URL where there is one (its key: scheme, host case, default
 * port, trailing slash, fragment and tracking parameters do not count), else the id the input gave, else the
 * source alone, never where it was read (a renamed file or a pipe is the same article). Equal identity and
 * equal normalised body give the same id, so ingesting the same input twice stores it once, while two sites
 * carrying one wire text stay two articles (exact duplicates).
 */
function identity(raw: RawArticle, sourceHint: string | undefined): string {
  if (raw.url !== undefined) return `url:${urlKey(raw.url)}`;
  if (raw.externalId !== undefined) return `id:${raw.source ?? ''}:${raw.externalId}`;
  return `content:${raw.source ?? sourceHint ?? ''}`;
}

const WORD = /\S+/g;

/** The first words of the text, "…" when there are more: the words of the text are not all split to count them. */
function fallbackTitle(text: string): string {
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let found = WORD.exec(text); found !== null && words.length <= FALLBACK_TITLE_WORDS; found = WORD.exec(text)) words.push(found[0]);
  // Chinese or Japanese runs whole sentences without a space: twelve "words" were the whole text. Such a long
  // word ends the title, cut; a short one (a name in a Latin-script text) is a word like any other.
  for (let at = 0; at < words.length && at < FALLBACK_TITLE_WORDS; at++) {
    const word = words[at]!;
    if (word.length <= FALLBACK_UNSPACED_CHARACTERS || !UNSPACED_TEXT.test(word)) continue;
    const characters = [...word];
    if (characters.length > FALLBACK_UNSPACED_CHARACTERS) return `${[...words.slice(0, at), characters.slice(0, FALLBACK_UNSPACED_CHARACTERS).join('')].join(' ')}…`;
  }
  return words.length <= FALLBACK_TITLE_WORDS ? words.join(' ') : `${words.slice(0, FALLBACK_TITLE_WORDS).join(' ')}…`;
}

export type Prepared = { ok: true; article: Article } | { ok: false; problem: InputProblem };

/** Prepares one article; a failure inside a stage costs this input only (E_INTERNAL), never the batch. */
export function prepareArticle(raw: RawArticle, ingestedAt: number): Prepared {
  const prepared = prepareWithTokens(raw, ingestedAt);
  return prepared.ok ? { ok: true, article: prepared.article } : prepared;
}

/** Milliseconds spent in each stage of prepareForIngest. */
export interface PrepareTimings {
  cleanText: number;
  sketch: number;
  vectors: number;
}

/**
 * Everything ingest computes for one article without looking at any other: the article, its sketch, the keys
 * of its long paragraphs (match/stock.ts) and its raw weighted term frequencies (weighed against document
 * frequencies only when it is applied, in order).
 * Plain data (Maps and typed arrays included), so it crosses a worker boundary by structured clone.
 */
export type PreparedForIngest =
  | { ok: true; article: Article; sketch: ArticleSketch; paragraphKeys: string[]; frequencies: Map<string, number>; words: CarriedWords; timings: PrepareTimings }
  | { ok: false; problem: InputProblem; timings: PrepareTimings };

/** Clean, text, sketch, paragraph keys and term frequencies of one raw article; the text is tokenized once. Pure. */
export function prepareForIngest(raw: RawArticle, ingestedAt: number, sketchSettings: SketchSettings): PreparedForIngest {
  const started = performance.now();
  const prepared = prepareWithTokens(raw, ingestedAt);
  const cleaned = performance.now();
  const timings: PrepareTimings = { cleanText: cleaned - started, sketch: 0, vectors: 0 };
  if (!prepared.ok) return { ok: false, problem: prepared.problem, timings };
  const sketch = sketchArticle(prepared.article, sketchSettings);
  const paragraphKeys = stockParagraphKeys(prepared.article.text);
  // The word profile relating aligns with, from the tokens at hand: made here, on any thread or worker, the
  // applier only reads it (building it there was about 13% of the serialized stages' CPU, session 32).
  const words = profileTokens(prepared.tokens);
  const profiled = performance.now();
  const frequencies = termFrequencies(prepared.article, undefined, prepared.tokens);
  timings.sketch = profiled - cleaned;
  timings.vectors = performance.now() - profiled;
  return { ok: true, article: prepared.article, sketch, paragraphKeys, frequencies, words, timings };
}

/**
 * A word profile as it crosses a thread or process boundary: its stems joined by spaces (no stem holds one:
 * a word is a run of word characters) and, base64, two 16-bit little-endian units a word: the gap from the
 * previous word's end, and the word's length with the stopword flag in the top bit. A string and a buffer
 * are copied whole, where an array of a stem per word is cloned or parsed string by string.
 */
export interface StagedWords {
  wordStems: string;
  wordSpans: string;
}

/** A profile as made in this thread, or as staged by another (read when relating needs it: profileFromStaged). */
export type CarriedWords = WordProfile | StagedWords;

/** Largest gap a staged span holds; a longer one (a page of symbols) leaves the profile to the applier. */
const MAX_STAGED_GAP = 0xffff;
/** Largest word length a staged span holds, below the stopword bit. */
const MAX_STAGED_LENGTH = 0x7fff;
const STAGED_STOP_BIT = 0x8000;

/** The profile in staged form; undefined when a gap or a word is too long for it (the applier then builds the profile). */
export function stagedWords(words: CarriedWords): StagedWords | undefined {
  if (!('stems' in words)) return words;
  const { stems, starts, ends, stop } = words;
  const bytes = Buffer.allocUnsafe(4 * stems.length);
  let previous = 0;
  for (let at = 0; at < stems.length; at++) {
    const gap = starts[at]! - previous;
    const length = ends[at]! - starts[at]!;
    if (gap < 0 || gap > MAX_STAGED_GAP || length < 0 || length > MAX_STAGED_LENGTH) return undefined;
    const span = length | (stop[at] === 1 ? STAGED_STOP_BIT : 0);
    bytes[4 * at] = gap & 0xff;
    bytes[4 * at + 1] = gap >>> 8;
    bytes[4 * at + 2] = span & 0xff;
    bytes[4 * at + 3] = span >>> 8;
    previous = ends[at]!;
  }
  return { wordStems: stems.join(' '), wordSpans: bytes.toString('base64') };
}

/** A carried profile as relating reads it; undefined when the staged form does not hold together (then the applier builds it). */
export function carriedProfile(words: CarriedWords): WordProfile | undefined {
  if ('stems' in words) return words;
  const bytes = Buffer.from(words.wordSpans, 'base64');
  const n = bytes.length >> 2;
  const stems = n === 0 ? [] : words.wordStems.split(' ');
  if (stems.length !== n || bytes.length !== 4 * n) return undefined;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const stop = new Uint8Array(n);
  let previous = 0;
  let wordChars = 0;
  for (let at = 0; at < n; at++) {
    const span = bytes[4 * at + 2]! | (bytes[4 * at + 3]! << 8);
    const length = span & MAX_STAGED_LENGTH;
    starts[at] = previous + (bytes[4 * at]! | (bytes[4 * at + 1]! << 8));
    previous = ends[at] = starts[at]! + length;
    stop[at] = span >>> 15;
    wordChars += length;
  }
  return { stems, starts, ends, stop, wordChars };
}

/** A prepared article as a queue worker stages it: typed arrays and the map in JSON-friendly form. */
export interface StagedPayload {
  article: Article;
  signature: string;
  bandKeys: number[];
  fingerprints: number[];
  probeKeys: number[];
  /**
   * Term frequencies in their insertion order (the order document frequencies are counted in): the terms joined
   * by newlines (no term holds one) and their counts. A pair array per term was a tenth of a worker's staging
   * allocation; an array of terms was then most of the applier's payload parse (JSON.parse makes each string on
   * its own, 0.38 ms an HTML page's payload, where splitting one string takes a sixth of that: session 33).
   */
  frequencyText?: string;
  frequencyCounts: number[];
  /** The terms as an array: workers of session 32 staged them so, and one still does when a term holds a newline. */
  frequencyTerms?: string[];
  /** The same as pairs, as workers before session 32 staged them (read by the applier, no longer written). */
  frequencies?: [string, number][];
  /** The keys of its long paragraphs (match/stock.ts). */
  paragraphKeys: string[];
  /** Its word profile (StagedWords); absent when staged by a worker before session 33 or too long to stage, and then built by the applier. */
  wordStems?: string;
  wordSpans?: string;
}

/** prepareForIngest's result in the form the queue stages (and a harness measures). */
export function stagedPayload(prepared: Extract<PreparedForIngest, { ok: true }>): StagedPayload {
  const { article, sketch } = prepared;
  return {
    article,
    signature: Buffer.from(sketch.signature).toString('base64'),
    bandKeys: [...sketch.bandKeys],
    fingerprints: [...sketch.fingerprints],
    probeKeys: [...sketch.probeKeys],
    ...stagedTerms([...prepared.frequencies.keys()]),
    frequencyCounts: [...prepared.frequencies.values()],
    paragraphKeys: prepared.paragraphKeys,
    ...stagedWords(prepared.words),
  };
}

/** The separator of staged terms: terms are words, numbers and names of words joined by spaces. */
const TERM_SEPARATOR = '\n';

/** Terms as staged: one string, or the array when a term holds the separator. */
function stagedTerms(terms: string[]): { frequencyText: string } | { frequencyTerms: string[] } {
  for (const term of terms) if (term.includes(TERM_SEPARATOR)) return { frequencyTerms: terms };
  return { frequencyText: terms.join(TERM_SEPARATOR) };
}

/** The term frequencies of a staged payload, in their staged order; undefined when it has none (an older worker's) or they do not hold together. */
export function stagedFrequencies(staged: Pick<StagedPayload, 'frequencyText' | 'frequencyTerms' | 'frequencyCounts' | 'frequencies'>): Map<string, number> | undefined {
  const counts = staged.frequencyCounts;
  const terms = staged.frequencyText === undefined ? staged.frequencyTerms : counts?.length === 0 ? [] : staged.frequencyText.split(TERM_SEPARATOR);
  if (terms === undefined || counts === undefined) return staged.frequencies === undefined ? undefined : new Map(staged.frequencies);
  if (terms.length !== counts.length) return undefined;
  const frequencies = new Map<string, number>();
  for (let at = 0; at < terms.length; at++) frequencies.set(terms[at]!, counts[at]!);
  return frequencies;
}

type PreparedWithTokens = { ok: true; article: Article; tokens: Token[] } | { ok: false; problem: InputProblem };

/** A failure inside the stages on one input is that input's problem (E_INTERNAL), never the end of the run. */
function prepareWithTokens(raw: RawArticle, ingestedAt: number): PreparedWithTokens {
  try {
    return prepareUnguarded(raw, ingestedAt);
  } catch (error) {
    const problem: InputProblem = { code: 'E_INTERNAL', message: `preparing the article failed: ${error instanceof Error ? error.message : String(error)}`, path: raw.origin.path };
    if (raw.origin.line !== undefined) problem.line = raw.origin.line;
    if (raw.origin.record !== undefined) problem.record = raw.origin.record;
    return { ok: false, problem };
  }
}

/** A module predicate, not an arrow per article (README, Development). */
const isNonEmpty = (text: string): boolean => text !== '';

function prepareUnguarded(raw: RawArticle, ingestedAt: number): PreparedWithTokens {
  const cleanInput = raw.title === undefined ? { text: raw.text, format: raw.origin.format } : { text: raw.text, title: raw.title, format: raw.origin.format };
  const cleaned = cleanText(cleanInput);
  const paragraphTexts = cleaned.paragraphs.map(normalizeText).filter(isNonEmpty);
  if (paragraphTexts.length === 0) {
    const problem: InputProblem = { code: 'E_NO_TEXT', message: 'no article text left after removing boilerplate', path: raw.origin.path };
    if (raw.origin.line !== undefined) problem.line = raw.origin.line;
    if (raw.origin.record !== undefined) problem.record = raw.origin.record;
    return { ok: false, problem };
  }
  const paragraphs: Span[] = [];
  let length = 0;
  for (const paragraph of paragraphTexts) {
    if (length > 0) length += 2;
    paragraphs.push({ start: length, end: length + paragraph.length });
    length += paragraph.length;
  }
  // Joined, not concatenated: one flat string, where += made a chain of pieces that every scanner after (hash
  // bytes, tokens, sentences, keys, sketch) read through an indirection (about a tenth slower each).
  const text = paragraphTexts.join('\n\n');
  // The normalised body as UTF-8 bytes, hashed twice before anything else writes them.
  const body = normalizedForHashBytes(text);
  const id = digest(body, `${identity(raw, cleaned.sourceHint)}\n`);
  const contentHash = digest(body);
  const tokens = tokenize(text);
  const article: Article = {
    id,
    contentHash,
    origin: raw.origin,
    title: normalizeText(cleaned.title ?? '') || fallbackTitle(text),
    language: raw.language ?? detectLanguage(tokens),
    text,
    paragraphs,
    sentences: splitSentences(text, paragraphs),
    dropped: cleaned.dropped,
    ingestedAt,
  };
  if (raw.externalId !== undefined) article.externalId = raw.externalId;
  if (raw.url !== undefined) article.url = raw.url;
  const source = raw.source ?? cleaned.sourceHint;
  if (source !== undefined) article.source = source;
  // A date printed on the page is evidence, not invention; it stands in when the input gave none.
  const published = raw.published ?? (cleaned.publishedHint === undefined ? undefined : `${cleaned.publishedHint}T00:00:00.000Z`);
  if (published !== undefined) article.published = published;
  const byline = raw.byline ?? cleaned.byline;
  if (byline !== undefined) article.byline = byline;
  if (cleaned.dateline !== undefined) article.dateline = cleaned.dateline;
  return { ok: true, article, tokens };
}
