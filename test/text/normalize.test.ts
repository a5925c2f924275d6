import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { normalizedForHashBytes, normalizeForHash, normalizeText } from '../../src/text/normalize.ts';

test('curly quotes become straight', () => {
  assert.equal(normalizeText('“Never,” she said. ‘Not once.’ It’s done.'), '"Never," she said. \'Not once.\' It\'s done.');
  assert.equal(normalizeText('„Ja“ und «oui»'), '"Ja" und "oui"');
});

test('every dash becomes a hyphen', () => {
  assert.equal(normalizeText('north — south – east ‒ west − 3 ― end'), 'north - south - east - west - 3 - end');
});

test('odd spaces, invisibles and runs of whitespace', () => {
  assert.equal(normalizeText('  a\u00a0b\u2009c\u202fd\u3000e\t\n\nf  '), 'a b c d e f');
  assert.equal(normalizeText('co\u00adop\u200beration'), 'cooperation');
});

test('NFKC folds compatibility forms', () => {
  assert.equal(normalizeText('ﬁnal ＡＢＣ ½'), 'final ABC 1⁄2');
});

test('normalizeForHash: equal bodies after normalisation hash the same', () => {
  const a = '“The pier is closed,” the harbour office said — until Thursday.';
  const b = '"the pier is closed", The Harbour Office said -- until thursday';
  assert.equal(normalizeForHash(a), normalizeForHash(b));
  assert.equal(normalizeForHash(a), 'the pier is closed the harbour office said until thursday');
});

test('normalizeForHash keeps punctuation inside words and symbols', () => {
  assert.equal(normalizeForHash("It's 3.5% of $2,000 in the U.S. (e-mail)"), "it's 3.5% of $2,000 in the u.s e-mail");
  assert.notEqual(normalizeForHash('The pier is closed.'), normalizeForHash('The pier is open.'));
});

// The regex definition normalizeForHash had before its one-pass scanner: the scanner must give the same string.
const LOOSE_PUNCTUATION = /(?<![\p{L}\p{N}\p{M}])(?:(?!%)\p{P})+|(?:(?!%)\p{P})+(?![\p{L}\p{N}])/gu;
const byRegexes = (s: string) => normalizeText(s).toLowerCase().replace(LOOSE_PUNCTUATION, ' ').replace(/\s+/g, ' ').trim();

test('normalizeForHash gives what its regex definition gives, on random strings of tricky characters', () => {
  const alphabet = ['a', 'Z', '0', ' ', '.', ',', "'", '"', '-', '%', '_', '$', '+', '!', '\t', '\n', '\x00', ':', '(', '/', 'é', 'É', 'İ', '\u0301', '\u2019', '\u201c', '\u2014', '\u00a0', '\u00ad', '\u200b', 'ﬁ', 'Ⅻ', '中', '😀', '\ud800', '\udc00', '𝐀', '\u00bf', '\u3000', 'ß', 'Σ', '\u0660'];
  // A fixed-seed generator: the same strings every run.
  let seed = 17;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 50_000; k++) {
    let s = '';
    for (let i = next(12); i > 0; i--) s += alphabet[next(alphabet.length)];
    assert.equal(normalizeForHash(s), byRegexes(s), JSON.stringify(s));
  }
  for (const s of ['Hello, World!', 'a.,b', "rock 'n' roll", 'x -- y', 'U.S.-led', '5%.', 'ΣΑΣ Σ.', 'Ünïcödé—text…', ' lead and trail ']) {
    assert.equal(normalizeForHash(s), byRegexes(s), s);
  }
});

test('normalizeForHash as bytes is the UTF-8 that hashing its string reads, lone surrogates included', () => {
  const sha = (value: string | Uint8Array) => createHash('sha256').update(value).digest('hex');
  const alphabet = ['a', 'Z', '0', ' ', '.', ',', "'", '"', '-', '%', '$', '\t', '\n', '\x00', 'é', 'É', 'İ', '\u0301', '\u2019', '\u201c', '\u2014', '\u00a0', '\u00ad', 'ﬁ', 'Ⅻ', '中', '😀', '\ud800', '\udc00', '𝐀', 'ß', 'Σ', '\u0660', 'Ж'];
  let seed = 9;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 50_000; k++) {
    let s = '';
    for (let i = next(30); i > 0; i--) s += alphabet[next(alphabet.length)];
    assert.equal(sha(normalizedForHashBytes(s)), sha(normalizeForHash(s)), JSON.stringify(s));
  }
  // Longer than the buffer the bytes start in: it grows.
  const long = `${'Plain words, then Жé中— '.repeat(2000)}END`;
  assert.equal(sha(normalizedForHashBytes(long)), sha(normalizeForHash(long)));
});

test('normalizeText folds quotes, dashes and invisibles in one pass as its four replaces did', () => {
  const byReplaces = (s: string) =>
    s.normalize('NFKC').replace(/[\u2018\u2019\u201A\u201B\u2032\u2039\u203A\u02BC]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02]/g, '"')
      .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-').replace(/[\u00AD\u200B\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  const folded = '\u2018\u2019\u201A\u201B\u2032\u2039\u203A\u02BC\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D\u00AD\u200B\u2060\uFEFF';
  for (const ch of folded) assert.equal(normalizeText(`a${ch}b é`), byReplaces(`a${ch}b é`), `U+${ch.codePointAt(0)!.toString(16)}`);
  assert.equal(normalizeText(`“Quoted” — it’s \u00ADsoft`), byReplaces(`“Quoted” — it’s \u00ADsoft`));
});
