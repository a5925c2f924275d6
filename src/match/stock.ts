// Stock passages: text that publishers repeat under unrelated articles (a company's "About ..." block, a
// standard disclaimer, a wire sign-off, a newsletter pitch). Two articles sharing one were not copied from each
// other, so a passage that is stock makes no `reuse` relation. A passage is stock when it reads as one (the
// patterns below) or when the same paragraph has been seen under many different sources (StockIndex).
import { hash } from 'node:crypto';
import type { Article, Span } from '../model.ts';
import { isWhitespaceUnit, writeUtf8CodePoint } from '../text/normalize.ts';

/** Forms of stock text, each named for the reader of the code. */
const STOCK_FORMS: ReadonlyArray<[string, RegExp]> = [
  ['about block heading', /^\s*[Aa]bout (?:[Tt]he )?[A-Z][\p{L}\p{N}&.,'’ -]{1,60}\s*$/mu],
  ['company boilerplate', /\b(?:is|are) (?:a|an|the) (?:leading|global|premier|world-leading|world's leading|pioneering|fast-growing|trusted|innovative|independent|privately held|publicly traded|nonprofit|non-profit)\b[^.]{0,80}\b(?:provider|developer|manufacturer|supplier|company|maker|firm|group|organi[sz]ation|platform|brand|network|publisher|operator)\b/iu],
  ['for more information', /\bfor more information(?: about [^,.]{1,40})?,? (?:please )?(?:visit|go to|see|contact|call)\b/i],
  ['forward-looking statements', /\bforward[- ]looking statements?\b|\bsafe harbor\b|\bactual results (?:may|could) differ materially\b/i],
  ['copyright notice', /\b(?:all rights reserved|may not be (?:published|reproduced|broadcast|rewritten|redistributed))\b|©\s*\d{4}|\bcopyright \d{4}\b/i],
  ['wire sign-off', /\b(?:reporting by|editing by|additional reporting by|writing by|compiled by)\b/i],
  ['newsletter pitch', /\b(?:sign up|subscribe)\b[^.]{0,40}\b(?:newsletter|briefing|bulletin|alerts?|inbox|digest)\b|\bdelivered (?:straight )?to your inbox\b/i],
  ['press contact', /\b(?:media|press|investor) (?:contacts?|inquiries|enquiries|relations)\s*:/i],
  ['disclaimer', /\b(?:the views expressed|does not constitute (?:investment|financial|legal|medical) advice|this (?:article|story|content) (?:was|is) (?:produced|sponsored|provided) by|affiliate commission)\b/i],
];

/** The name of the stock form `text` takes, or undefined when it reads as reporting. */
export function stockForm(text: string): string | undefined {
  return STOCK_FORMS.find(([, pattern]) => pattern.test(text))?.[0];
}

/** The paragraphs of `text` that a span touches, whole: a passage is judged by the paragraphs it sits in. */
export function paragraphsAround(text: string, span: Span): string {
  const start = text.lastIndexOf('\n', Math.max(0, span.start - 1)) + 1;
  const next = text.indexOf('\n', span.end);
  return text.slice(start, next < 0 ? text.length : next);
}

/** Words a paragraph needs to be counted by StockIndex: shorter lines are furniture the cleaner handles. */
const STOCK_MIN_PARAGRAPH_WORDS = 12;
/**
 * Distinct sources under which the same paragraph must appear to be stock. Two outlets sharing a paragraph may be
 * a copy; a paragraph under three unrelated sources' articles is a publisher's or a company's template.
 */
export const STOCK_MIN_SOURCES = 3;

/** ASCII letters and digits, by character code: the word characters of keyText that need no Unicode test. */
const ASCII_WORD_CHARACTER = Uint8Array.from({ length: 128 }, (_, code) => (/[A-Za-z0-9]/.test(String.fromCharCode(code)) ? 1 : 0));
/** A letter or digit of any script at lastIndex (a whole code point: an astral letter is two code units). */
const WORD_CODE_POINT = /[\p{L}\p{N}]/uy;

/**
 * What a paragraph's key hashes: its letters and digits lower-cased, each run of anything else one space, no
 * space at either end: `paragraph.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()`, the key's definition
 * (keys are stored), in one pass that asks the Unicode class only of non-ASCII characters (that replace was
 * 7% of preparing an article).
 */
export function keyText(paragraph: string): string {
  const lower = paragraph.toLowerCase();
  let out = '';
  let runStart = -1;
  let at = 0;
  while (at < lower.length) {
    const code = lower.charCodeAt(at);
    let width = 0;
    if (code < 128) width = ASCII_WORD_CHARACTER[code]!;
    else {
      WORD_CODE_POINT.lastIndex = at;
      if (WORD_CODE_POINT.test(lower)) width = WORD_CODE_POINT.lastIndex - at;
    }
    if (width > 0) {
      if (runStart < 0) runStart = at;
      at += width;
      continue;
    }
    if (runStart >= 0) {
      out += out === '' ? lower.slice(runStart, at) : ` ${lower.slice(runStart, at)}`;
      runStart = -1;
    }
    at++;
  }
  if (runStart >= 0) out += out === '' ? lower.slice(runStart) : ` ${lower.slice(runStart)}`;
  return out;
}

/**
 * UTF-8 bytes of keyText, written here rather than built as a string: the string was made of a slice and a
 * concatenation per word (59 KB an article, a seventh of what preparing one allocates). Grown as needed, reused.
 */
let keyBytes = Buffer.allocUnsafe(4096);

/**
 * Writes the UTF-8 of keyText(paragraph) into keyBytes and returns its length: the same scan, each kept character
 * encoded as it is met, one space between runs. Key text holds only letters, digits and spaces, never a lone
 * surrogate, so its UTF-8 is unambiguous.
 */
function writeKeyBytes(paragraph: string): number {
  const ascii = writeAsciiKeyBytes(paragraph);
  if (ascii >= 0) return ascii;
  const lower = paragraph.toLowerCase();
  // A UTF-16 code unit is at most three bytes of UTF-8 (a surrogate pair, two units, is four).
  if (keyBytes.length < 3 * lower.length) keyBytes = Buffer.allocUnsafe(3 * lower.length);
  const bytes = keyBytes;
  let length = 0;
  let inRun = false;
  let at = 0;
  while (at < lower.length) {
    const code = lower.charCodeAt(at);
    if (code < 128) {
      if (ASCII_WORD_CHARACTER[code] === 1) {
        if (!inRun && length > 0) bytes[length++] = 0x20;
        inRun = true;
        bytes[length++] = code;
      } else inRun = false;
      at++;
      continue;
    }
    WORD_CODE_POINT.lastIndex = at;
    if (!WORD_CODE_POINT.test(lower)) {
      inRun = false;
      at++;
      continue;
    }
    if (!inRun && length > 0) bytes[length++] = 0x20;
    inRun = true;
    length = writeUtf8CodePoint(bytes, length, lower.codePointAt(at)!);
    at = WORD_CODE_POINT.lastIndex;
  }
  return length;
}

/**
 * writeKeyBytes for an ASCII paragraph, lower-casing as it writes (no lower-cased copy of the paragraph); -1, with
 * nothing to be read from keyBytes, at the first character outside ASCII: toLowerCase is then needed whole (a
 * few characters lower to ASCII, the Kelvin sign to "k", or to two characters).
 */
function writeAsciiKeyBytes(paragraph: string): number {
  // One byte a character here.
  if (keyBytes.length < paragraph.length) keyBytes = Buffer.allocUnsafe(3 * paragraph.length);
  const bytes = keyBytes;
  let length = 0;
  let inRun = false;
  for (let at = 0; at < paragraph.length; at++) {
    const code = paragraph.charCodeAt(at);
    if (code >= 128) return -1;
    if (ASCII_WORD_CHARACTER[code] === 1) {
      if (!inRun && length > 0) bytes[length++] = 0x20;
      inRun = true;
      bytes[length++] = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
    } else inRun = false;
  }
  return length;
}

/** A paragraph's stored key: the first 16 base64 digits of the SHA-1 of keyText's UTF-8. */
export function paragraphKey(paragraph: string): string {
  const length = writeKeyBytes(paragraph); // first: it may replace keyBytes with a larger buffer
  // The one-shot hash: no Hash object a paragraph.
  return hash('sha1', keyBytes.subarray(0, length), 'base64').slice(0, 16);
}

/** Who published an article, for counting sources: the outlet's name, else the URL's host, else the article. */
export function sourceOf(article: Pick<Article, 'id' | 'source' | 'url'>): string {
  if (article.source !== undefined && article.source !== '') return article.source.toLowerCase();
  if (article.url !== undefined) {
    try {
      return new URL(article.url).host.replace(/^www\./, '');
    } catch {
      // an unparsable URL says nothing about the source
    }
  }
  return article.id;
}

/** What a passage's stock test asks: has this paragraph been seen under many distinct sources? */
export interface WidelySeen {
  seenWidely(paragraph: string): boolean;
}

/**
 * `paragraph.split(/\s+/).length >= STOCK_MIN_PARAGRAPH_WORDS`, counting runs of whitespace only as far as needed
 * and by character code (a regex made a match object a run: 10 KB an article).
 */
export function longEnough(paragraph: string): boolean {
  // The split gives one piece more than there are runs of whitespace.
  let runs = 0;
  let inRun = false;
  for (let i = 0; i < paragraph.length; i++) {
    const white = isWhitespaceUnit(paragraph.charCodeAt(i));
    if (white && !inRun && ++runs >= STOCK_MIN_PARAGRAPH_WORDS - 1) return true;
    inRun = white;
  }
  return false;
}

/** The keys of the paragraphs of `text` long enough to count, each once. */
export function stockParagraphKeys(text: string): string[] {
  const keys = new Set<string>();
  // Split at each newline, not at runs (/\n+/): the empty strings between are never long enough, and a split at a
  // one-character string makes no match objects (10 KB an article).
  for (const paragraph of text.split('\n')) {
    if (longEnough(paragraph)) keys.add(paragraphKey(paragraph));
  }
  return [...keys];
}

/**
 * Paragraph keys with the sources known to carry each, as read from a store: the engine's view of how widely a
 * paragraph is seen. Kept in the store, not in a process, so every writer and every restart judges alike.
 */
export class ParagraphSources implements WidelySeen {
  constructor(private readonly sources: ReadonlyMap<string, ReadonlySet<string>>) {}

  seenWidely(paragraph: string): boolean {
    return (this.sources.get(paragraphKey(paragraph))?.size ?? 0) >= STOCK_MIN_SOURCES;
  }
}

/**
 * Paragraphs held at most: past it, those seen under one source only are forgotten (most of them), so memory
 * follows the recent stream and the paragraphs already shared, not every paragraph ever read.
 */
const STOCK_INDEX_MAX_PARAGRAPHS = 500_000;

/** Paragraphs seen so far with the distinct sources carrying each; a paragraph under many sources is stock. */
export class StockIndex implements WidelySeen {
  private readonly sources = new Map<string, string | Set<string>>();

  add(article: Pick<Article, 'id' | 'source' | 'url' | 'text'>): void {
    const source = sourceOf(article);
    for (const paragraph of article.text.split(/\n+/)) {
      if (!longEnough(paragraph)) continue;
      const key = paragraphKey(paragraph);
      const seen = this.sources.get(key);
      if (seen === undefined) this.sources.set(key, source);
      else if (typeof seen === 'string') {
        if (seen !== source) this.sources.set(key, new Set([seen, source]));
      } else if (seen.size < STOCK_MIN_SOURCES) seen.add(source);
    }
    if (this.sources.size > STOCK_INDEX_MAX_PARAGRAPHS) {
      for (const [key, seen] of this.sources) if (typeof seen === 'string') this.sources.delete(key);
    }
  }

  /** Whether a paragraph has been seen under STOCK_MIN_SOURCES distinct sources. */
  seenWidely(paragraph: string): boolean {
    const seen = this.sources.get(paragraphKey(paragraph));
    return typeof seen === 'object' && seen.size >= STOCK_MIN_SOURCES;
  }
}

/** Whether a passage (a span of `text`) lies in stock paragraphs: by its form or by how widely it is seen. */
export function isStockPassage(text: string, span: Span, index?: WidelySeen): boolean {
  const paragraphs = paragraphsAround(text, span);
  if (stockForm(paragraphs) !== undefined) return true;
  return index !== undefined && paragraphs.split(/\n+/).every((paragraph) => index.seenWidely(paragraph));
}
