// Session 30 rewrote the text stage's hot functions for speed (issue 15); each must give exactly what it replaced.
// The replaced implementations are kept in test/text/reference/ (whole modules) or below (a few lines), and each
// rewrite is compared with its reference on many seeded random strings of tricky characters (Unicode spaces,
// invisibles, combining marks, CJK, RTL, surrogates lone and paired, quotes, dashes, case-changing letters) and on
// real-looking text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { collapseWhitespace, wordCount, wordCountUpTo } from '../../src/clean/blocks.ts';
import { removePageFurniture } from '../../src/clean/page-rules.ts';
import { prepareArticle } from '../../src/engine/prepare.ts';
import { paragraphKey, stockParagraphKeys } from '../../src/match/stock.ts';
import { digitsOnly, numberTerm } from '../../src/stories/vectors.ts';
import { detectLanguage } from '../../src/text/language.ts';
import { collapseWhitespaceRuns, needsCollapsing, normalizeForHash, normalizeText } from '../../src/text/normalize.ts';
import { joinedSpans, sentenceSpans, splitSentences } from '../../src/text/sentences.ts';
import { KNOWN_WORDS_LIMIT, tokenize } from '../../src/text/tokens.ts';
import * as languageBefore from './reference/language-before.ts';
import * as normalizeBefore from './reference/normalize-before.ts';
import * as pageRulesBefore from './reference/page-rules-before.ts';
import * as sentencesBefore from './reference/sentences-before.ts';
import * as tokensBefore from './reference/tokens-before.ts';
import { WIRE_STORY, LIFTING_PAGE, UNRELATED } from '../fixtures.ts';

/** A seeded generator (mulberry32): the same strings every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'the', 'of', 'and', 'said', 'Minister', 'U.S.', 'p.m.', "Drian's", 'Jean-Yves', '3.5', '3,500', '20-30', 'example.com', 'co-op',
  'disease-modifying', 'honest-to-goodness', 'israeli-palestinian', 'Internationalisation', 'counterrevolutionaries', 'ABCDEFGHIJKL',
  'abcdefghijklm', 'abcdefghijklmnopqrstuvwxyzabcdef', 'abcdefghijklmnopqrstuvwxyzabcdefg', "rock'n'roll", 'Mr.', 'Jan.', 'No.', '1990.',
  'Straße', 'Ölpreise', 'ÉCOLE', 'naïve', 'café', 'İstanbul', 'ΣΟΦΟΣ', 'σοφός', 'Kelvin', '\u212Aelvin', 'Москва', 'Україна', 'ﬁnal', 'ＡＢＣ',
  '中文新闻', '日本語のニュース', 'ภาษาไทย', 'عربي', 'עברית', 'e\u0301te\u0301', '𝐀𝐁𝐂', '😀', 'it’s', 'don’t', 'Jean‐Yves', 'a‑b', 'nyt31', '16-year-old',
  '½', '2⁄3', '1,000,000', '.5', '-3', '4.5%', '$2.40', 'V15.81', 'f/2.2', 'foo.Bar@x.com', 'noon.The', 'Neo-nazi.Intermediate.',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u200c', '\u200d', '\u2060', '\u00ad'];
const MARKS = ['.', ',', ';', ':', '!', '?', '…', '"', "'", '(', ')', '[', ']', '‘', '’', '‚', '‛', '“', '”', '„', '‟', '«', '»', '′', '″', 'ʼ', '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－', '-', '--', '%', '&', '/', '@', '#', '$', '£', '€', '\u0301', '\u0308', '\ud800', '\udc00', '\ud83d', 'x\udc00', '\uFF02', '。', '！', '？', '．', '；', '：', '``', "''", '*', '_', '|'];

/** A random string of words, spaces and marks, `pieces` long. */
function trickyText(next: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) {
    const r = next();
    const pool = r < 0.55 ? WORDS : r < 0.8 ? SPACES : MARKS;
    let piece = pool[Math.floor(next() * pool.length)]!;
    if (pool === WORDS && next() < 0.15) piece = piece.toUpperCase();
    if (pool === WORDS && next() < 0.15) piece = piece[0]!.toUpperCase() + piece.slice(1);
    if (next() < 0.05) piece = String.fromCharCode(Math.floor(next() * 0x10000));
    text += piece;
  }
  return text;
}

const REAL_TEXTS = [WIRE_STORY, LIFTING_PAGE, UNRELATED];
/** Random texts, then the fixtures' real stories and their paragraphs. */
function samples(seed: number, count: number, pieces: number): string[] {
  const next = random(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) texts.push(trickyText(next, 1 + Math.floor(next() * pieces)));
  for (const text of REAL_TEXTS) texts.push(text, ...text.split('\n'));
  return texts;
}

const tokenFields = (token: { norm: string; stem: string; start: number; end: number; stop: boolean; capitalized: boolean }) => [token.norm, token.stem, token.start, token.end, token.stop, token.capitalized];

test('tokenize gives the tokens of the implementation before its word table was repacked', () => {
  for (const text of samples(30, 3000, 60)) {
    assert.deepEqual(tokenize(text).map(tokenFields), tokensBefore.tokenize(text).map(tokenFields), JSON.stringify(text));
    assert.deepEqual(tokenize(text, 7).map(tokenFields), tokensBefore.tokenize(text, 7).map(tokenFields));
  }
});

test('tokenize is the same before and after the word table starts afresh, long words included', () => {
  const next = random(31);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  // More distinct keyed words (1 to 40 letters) than the table keeps, in texts of 200 words.
  let text = '';
  for (let n = 0; n <= KNOWN_WORDS_LIMIT + 2000; n++) {
    const length = 1 + Math.floor(next() * 40);
    for (let i = 0; i < length; i++) text += letters[Math.floor(next() * letters.length)];
    text += next() < 0.1 ? "'s " : ' ';
    if (n % 200 === 199) {
      assert.deepEqual(tokenize(text).map(tokenFields), tokensBefore.tokenize(text).map(tokenFields));
      text = '';
    }
  }
});

test('normalizeText, collapseWhitespaceRuns and the clean stage\'s collapseWhitespace give what the regex forms gave', () => {
  const invisible = /[\u200b-\u200d\u2060\ufeff]/g;
  for (const text of samples(32, 5000, 30)) {
    assert.equal(normalizeText(text), normalizeBefore.normalizeText(text), JSON.stringify(text));
    assert.equal(collapseWhitespaceRuns(text), normalizeBefore.collapseWhitespaceRuns(text), JSON.stringify(text));
    assert.equal(needsCollapsing(text), /[^\S ]| {2}/.test(text), JSON.stringify(text));
    assert.equal(collapseWhitespace(text), normalizeBefore.collapseWhitespaceRuns(text.replace(invisible, '')), JSON.stringify(text));
  }
  // Every code unit as the whitespace between two words and at the ends.
  for (let code = 0; code < 0x10000; code++) {
    const ch = String.fromCharCode(code);
    for (const text of [`a${ch}b`, `${ch}a ${ch}`, `a ${ch} b`, `a${ch}${ch}b`]) {
      assert.equal(normalizeText(text), normalizeBefore.normalizeText(text), `U+${code.toString(16)}`);
      assert.equal(collapseWhitespace(text), normalizeBefore.collapseWhitespaceRuns(text.replace(invisible, '')), `U+${code.toString(16)}`);
    }
  }
});

test('sentence spans are those of the implementation that trimmed pieces with regexes', () => {
  // Compared after shouldJoin's repairs: since session 34 a stop before a lower-case word is no piece boundary
  // whatever the word before it, where the reference's wink may cut a piece that the repairs join back.
  for (const body of samples(33, 1500, 40)) {
    assert.deepEqual(joinedSpans(body, sentenceSpans(body)), joinedSpans(body, sentencesBefore.sentenceSpans(body)), JSON.stringify(body));
  }
  for (const text of REAL_TEXTS) {
    const paragraphs: { start: number; end: number }[] = [];
    for (let at = 0; at <= text.length; ) {
      const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      paragraphs.push({ start: at, end });
      at = end + 1;
    }
    assert.deepEqual(splitSentences(text, paragraphs), sentencesBefore.splitSentences(text, paragraphs));
  }
});

test('paragraph keys are the SHA-1 of the key text\'s definition, ASCII paragraphs lowered as they are written', () => {
  const definition = (paragraph: string) => createHash('sha1').update(paragraph.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).digest('base64').slice(0, 16);
  for (const paragraph of samples(34, 3000, 80)) assert.equal(paragraphKey(paragraph), definition(paragraph), JSON.stringify(paragraph));
  // Long enough to grow the key buffer, ASCII and not.
  const long = WIRE_STORY.repeat(12);
  assert.equal(paragraphKey(long), definition(long));
  assert.equal(paragraphKey(`${long}\u212A`), definition(`${long}\u212A`));
  const text = samples(35, 200, 80).join('\n');
  assert.deepEqual(stockParagraphKeys(text), [...new Set(text.split('\n').filter((paragraph) => paragraph.split(/\s+/).length >= 12).map(definition))]);
});

test('digitsOnly is /^[\\d.,-]+$/ and number terms are unchanged', () => {
  for (let code = 0; code < 0x10000; code++) {
    const ch = String.fromCharCode(code);
    for (const text of [ch, `1${ch}`, `${ch}2.5`, `3,${ch}0`]) assert.equal(digitsOnly(text), /^[\d.,-]+$/.test(text), `U+${code.toString(16)}`);
  }
  assert.equal(digitsOnly(''), false);
  const numberTermBefore = (norm: string) => {
    if (!/^[\d.,-]+$/.test(norm)) return undefined;
    const digits = norm.replace(/,/g, '').replace(/^[.-]+|[.-]+$/g, '');
    if (digits.replace(/\D/g, '').length < 2) return undefined;
    return `#${digits}`;
  };
  for (const text of samples(36, 3000, 4)) for (const token of tokenize(text)) assert.equal(numberTerm(token.norm), numberTermBefore(token.norm));
});

test('detectLanguage gives the language of the implementation that asked a regex of every token', () => {
  const next = random(37);
  for (const text of samples(38, 2000, 60)) {
    const tokens = tokenize(text);
    assert.equal(detectLanguage(tokens), languageBefore.detectLanguage(tokens), JSON.stringify(text));
    // Norms no tokenizer makes (upper case, marks or digits first) as well.
    const odd = tokens.map((token) => ({ ...token, norm: next() < 0.3 ? token.norm.toUpperCase() : next() < 0.3 ? `\u0301${token.norm}` : token.norm }));
    assert.equal(detectLanguage(odd), languageBefore.detectLanguage(odd));
  }
  const english = tokenize('The council said the barrier was never designed to hold back a surge of this size, and it would review why.');
  assert.equal(detectLanguage(english), 'en');
});

test('an article\'s content hash is the SHA-256 of its normalised body, as before the one-shot hash', () => {
  for (const text of [...REAL_TEXTS, ...samples(39, 200, 200)]) {
    const prepared = prepareArticle({ origin: { path: 'x.txt', format: 'text' }, text }, 0);
    if (!prepared.ok) continue;
    assert.equal(prepared.article.contentHash, createHash('sha256').update(normalizeForHash(prepared.article.text)).digest('hex').slice(0, 16));
  }
});

test('page furniture is found as before, with no key made of a text too long for either rule', () => {
  const next = random(40);
  const words = ['The', 'Gull', 'Haven', 'Gazette', 'gazette', 'World', 'News', 'said', '...', ':', '.', 'Ölpreise', 'İstanbul', 'a', 'b'];
  const line = () => {
    const count = 1 + Math.floor(next() * 11);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(words[Math.floor(next() * words.length)]!);
    let text = parts.join(next() < 0.9 ? ' ' : '\u00a0');
    if (next() < 0.3) text += ['.', '...', ':', ' ...', ' :.', '.:'][Math.floor(next() * 6)]!;
    return text;
  };
  for (let page = 0; page < 3000; page++) {
    const pieces = [];
    for (let at = 0; at < 12; at++) {
      const lines = [];
      for (let count = 1 + Math.floor(next() * 3); count > 0; count--) lines.push(line());
      pieces.push({ at, lines });
    }
    const outlets = next() < 0.5 ? ['The Gull Haven Gazette', 'World News'] : [line()];
    assert.deepEqual(removePageFurniture(pieces, outlets), pageRulesBefore.removePageFurniture(pieces, outlets));
  }
  // At the limits: an outlet's name of eight words; a line of seven words, the last only stops, then its six.
  const eight = 'The Gull Haven Gazette and World News Daily';
  const edges = [{ at: 0, lines: [eight] }, { at: 1, lines: ['a b c d e f ...'] }, { at: 2, lines: ['A b c d e f'] }, { at: 3, lines: ['a b c d e f g h i'] }, { at: 4, lines: ['a b c d e f g h i'] }];
  // And a name of nine words, too long to be taken for the outlet's.
  const nine = `${eight} Edition`;
  edges.push({ at: 5, lines: [nine] });
  const found = removePageFurniture(edges, [eight, nine]);
  assert.deepEqual(found, pageRulesBefore.removePageFurniture(edges, [eight, nine]));
  assert.deepEqual(found.drops.map((drop) => drop.rule), ['outlet-name', 'repeated-line']);
});

test('wordCountUpTo is wordCount up to its limit', () => {
  for (const text of samples(41, 3000, 40)) {
    for (const limit of [0, 1, 6, 9, 1000]) assert.equal(wordCountUpTo(text, limit), Math.min(wordCount(text), limit), JSON.stringify(text));
  }
});
