import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashString32 } from '../../src/sketch/hash.ts';
import { shingleHashes, textShingleHashes, wordHashes } from '../../src/sketch/shingles.ts';
import { wordNorms } from '../../src/text/tokens.ts';
import { prng } from './random.ts';

const SEED = 99;
const words = 'the old ferry left the harbour at dawn and the old ferry came back at dusk'.split(' ');

test('one shingle per window of k tokens', () => {
  assert.equal(shingleHashes(words, 5, SEED).length, words.length - 5 + 1);
  assert.equal(shingleHashes(words, 1, SEED).length, words.length);
});

test('equal windows hash equal wherever they stand, other windows differ', () => {
  const h = shingleHashes(words, 3, SEED);
  // "the old ferry" at 0 and at 9.
  assert.equal(h[0], h[9]);
  assert.notEqual(h[0], h[1]);
  assert.equal(new Set(h).size, h.length - 1);
});

test('short and empty texts', () => {
  assert.equal(shingleHashes(['quiet', 'night'], 5, SEED).length, 1);
  assert.equal(shingleHashes([], 5, SEED).length, 0);
  // The one shingle of a short text holds all its tokens.
  const short = shingleHashes(['quiet', 'night'], 5, SEED)[0];
  assert.equal(short, shingleHashes(['quiet', 'night'], 2, SEED)[0]);
  assert.notEqual(shingleHashes(['quiet', 'night', 'falls'], 5, SEED)[0], short);
  assert.throws(() => shingleHashes(words, 0, SEED), RangeError);
});

test('deterministic and seeded', () => {
  assert.deepEqual(shingleHashes(words, 5, SEED), shingleHashes([...words], 5, SEED));
  assert.notDeepEqual(shingleHashes(words, 5, SEED), shingleHashes(words, 5, SEED + 1));
  assert.notEqual(shingleHashes(['a', 'b'], 2, SEED)[0], shingleHashes(['b', 'a'], 2, SEED)[0]);
});

test('wordHashes hashes each norm as tokenize() finds it', () => {
  const text = 'The U.S. Coast Guard’s cutter, 3,500 tons, left at 5 p.m. — Jean-Yves said: "Don\'t wait."';
  assert.deepEqual([...wordHashes(text, SEED)], wordNorms(text).map((w) => hashString32(w, SEED)));
});

test('textShingleHashes equals shingleHashes(wordNorms) on arbitrary text', () => {
  const pieces = [
    'a', 'B', 'ferry', 'Harbour', '3', '42', '.', ',', "'", '’', '-', '‐', ' ', '  ', '\n', '"', '“', '”', '—',
    'U.S.', 'p.m.', 'e.g.', '\u2011', '‘', '…', '\u02bc', 'Ö', 'ß', 'İ', 'ﬁ', 'é', 'e\u0301', '𝐀', '中文', '3,500', '20-30', '(', ')', '!', '\u00a0',
  ];
  const rand = prng(7);
  for (let trial = 0; trial < 2000; trial++) {
    let text = '';
    const n = Math.floor(rand() * 25);
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rand() * pieces.length)];
    const k = 1 + Math.floor(rand() * 5);
    assert.deepEqual(textShingleHashes(text, k, SEED), shingleHashes(wordNorms(text), k, SEED), JSON.stringify(text));
  }
});
