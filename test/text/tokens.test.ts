import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGLISH_STOPWORDS, KNOWN_WORDS_LIMIT, MAYBE_UNSPACED, STEM_CACHE_LIMIT, tokenize, UNSPACED_SCRIPT, wordNorms } from '../../src/text/tokens.ts';

const TEXT =
  'The U.S. Coast Guard’s cutter, about 3,500 tons, left Portsmouth at 5 p.m. — Jean-Yves said the 20-30 ' +
  "crew weren't told. Officials' notes ran to 2.5 pages.";

test('offsets point at the words in the source, shifted by offset', () => {
  for (const offset of [0, 1000]) {
    for (const t of tokenize(TEXT, offset)) {
      const source = TEXT.slice(t.start - offset, t.end - offset);
      assert.equal(source.toLowerCase().replace(/’/g, "'"), t.norm);
    }
  }
});

test('words join across apostrophes, hyphens, dots and digit commas', () => {
  assert.deepEqual(wordNorms(TEXT), [
    'the', 'u.s.', 'coast', "guard's", 'cutter', 'about', '3,500', 'tons', 'left', 'portsmouth', 'at', '5', 'p.m.',
    'jean-yves', 'said', 'the', '20-30', 'crew', "weren't", 'told', 'officials', 'notes', 'ran', 'to', '2.5', 'pages',
  ]);
});

test('sentence punctuation is not part of a word', () => {
  assert.deepEqual(wordNorms('Dawn came. Then rain... "Go!" (quietly), she said; fine-'), [
    'dawn', 'came', 'then', 'rain', 'go', 'quietly', 'she', 'said', 'fine',
  ]);
  assert.deepEqual(wordNorms('x,y 1,a end.'), ['x', 'y', '1', 'a', 'end']);
});

test('stems: Porter, with possessives removed first; numbers and abbreviations kept', () => {
  const stems = Object.fromEntries(tokenize('Van Aalst’s ministers were running 3,500 U.S. agreed militants\' talks').map((t) => [t.norm, t.stem]));
  assert.equal(stems["aalst's"], 'aalst');
  assert.equal(stems['ministers'], 'minist');
  assert.equal(stems['running'], 'run');
  assert.equal(stems['agreed'], 'agre');
  // A trailing apostrophe is a quote mark or a plural possessive: not part of the word.
  assert.equal(stems['militants'], 'milit');
  assert.equal(stems['3,500'], '3,500');
  assert.equal(stems['u.s.'], 'u.s.');
});

test('stop and capitalized flags', () => {
  const [the, harbour, they, is, zoe] = tokenize('The harbour They\'re is Zoë');
  assert.deepEqual([the!.stop, the!.capitalized], [true, true]);
  assert.deepEqual([harbour!.stop, harbour!.capitalized], [false, false]);
  assert.deepEqual([they!.norm, they!.stop, they!.capitalized], ["they're", true, true]);
  assert.equal(is!.stop, true);
  assert.deepEqual([zoe!.norm, zoe!.capitalized], ['zoë', true]);
});

test('non-ASCII letters, marks and astral characters', () => {
  const text = 'Ça coûte 5 € à Zürich; İstanbul e\u0301te\u0301 𝐀x';
  const tokens = tokenize(text);
  assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['Ça', 'coûte', '5', 'à', 'Zürich', 'İstanbul', 'e\u0301te\u0301', '𝐀x']);
  assert.equal(tokens[0]!.capitalized, true);
});

test('wordNorms is tokenize().map(norm)', () => {
  assert.deepEqual(wordNorms(TEXT), tokenize(TEXT).map((t) => t.norm));
  assert.deepEqual(tokenize(''), []);
});

test('ENGLISH_STOPWORDS: a standard list of about 175 lower-case words', () => {
  assert.ok(ENGLISH_STOPWORDS.size >= 170 && ENGLISH_STOPWORDS.size <= 185, `${ENGLISH_STOPWORDS.size}`);
  for (const w of ENGLISH_STOPWORDS) assert.equal(w, w.toLowerCase());
  for (const w of ['the', 'and', 'of', "don't", 'which']) assert.ok(ENGLISH_STOPWORDS.has(w), w);
  for (const w of ['harbour', 'said', 'minister']) assert.ok(!ENGLISH_STOPWORDS.has(w), w);
});

test('unspaced scripts are cut into words with offsets into the text', () => {
  const text = 'Port Alder 港口管理局宣布渡轮停航 today';
  const tokens = tokenize(text);
  const han = tokens.filter((token) => /\p{Script=Han}/u.test(token.norm));
  assert.ok(han.length >= 3, `Han run split into words: ${han.map((token) => token.norm).join(' ')}`);
  for (const token of tokens) assert.equal(text.slice(token.start, token.end).toLowerCase(), token.norm);
  assert.deepEqual(tokens.slice(0, 2).map((token) => token.norm), ['port', 'alder']);
  assert.equal(tokens.at(-1)?.norm, 'today');
  const thai = tokenize('เรือข้ามฟากจะไม่ออกจนกว่าพายุจะผ่านไป');
  assert.ok(thai.length >= 4, 'Thai split into words');
  assert.ok(thai.every((token) => !token.stop && token.stem === token.norm));
});

test('tokenize never throws on mixed scripts, emoji and stray marks', () => {
  const text = 'Ракета 🚀 قال 東京 ́x ก ﻿ 12,5 %';
  assert.doesNotThrow(() => tokenize(text));
});

test('every character of an unspaced script passes the quick range test asked first', () => {
  let unspaced = 0;
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    if (!UNSPACED_SCRIPT.test(character)) continue;
    unspaced++;
    assert.ok(MAYBE_UNSPACED.test(character), `U+${codePoint.toString(16)}`);
  }
  assert.ok(unspaced > 100_000);
});

test('a word met before gives the same token as the first time, also after the word cache starts afresh', () => {
  const text = 'The Governors governed; the governor RUNS running runners. Straße Ölpreise rose, the Straße said.';
  const first = tokenize(text);
  assert.deepEqual(first.map((t) => [t.norm, t.stem, t.stop, t.capitalized]).slice(0, 8), [
    ['the', 'the', true, true], ['governors', 'governor', false, true], ['governed', 'govern', false, false], ['the', 'the', true, false],
    ['governor', 'governor', false, false], ['runs', 'run', false, true], ['running', 'run', false, false], ['runners', 'runner', false, false],
  ]);
  assert.deepEqual(tokenize(text), first);
  // More distinct words than the cache keeps: it starts afresh at least once, and the same words then come out alike.
  const many: string[] = [];
  for (let n = 0; n <= Math.max(STEM_CACHE_LIMIT, KNOWN_WORDS_LIMIT) + 10; n++) many.push(`w${n.toString(36)}s`);
  assert.equal(tokenize(many.join(' ')).length, many.length);
  assert.deepEqual(tokenize(text), first);
  assert.deepEqual(tokenize(many.slice(-3).join(' ')).map((t) => t.norm), many.slice(-3));
});
