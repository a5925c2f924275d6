import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MINHASH } from '../../src/sketch/minhash.ts';
import { shingleHashes } from '../../src/sketch/shingles.ts';
import { DEFAULT_WINNOW_WINDOW, winnow, winnowedHashes, winnowedPositions } from '../../src/sketch/winnow.ts';
import { prng, randomWords, vocabulary } from './random.ts';

const K = DEFAULT_MINHASH.shingleSize;
const SEED = DEFAULT_MINHASH.seed;

test('the worked example of Schleimer, Wilkerson and Aiken (2003), window 4', () => {
  const hashes = Uint32Array.from([77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74, 42, 17, 98]);
  assert.deepEqual(winnow(hashes, 4), [
    { hash: 17, position: 3 },
    { hash: 17, position: 6 },
    { hash: 8, position: 8 },
    { hash: 39, position: 11 },
    { hash: 17, position: 15 },
  ]);
});

test('short and empty inputs', () => {
  assert.deepEqual(winnow(new Uint32Array(0), 4), []);
  // Fewer hashes than the window: one window, rightmost minimum.
  assert.deepEqual(winnow(Uint32Array.from([9, 3, 7, 3]), 10), [{ hash: 3, position: 3 }]);
  assert.throws(() => winnow(Uint32Array.from([1]), 0), RangeError);
});

test('robust: a run of equal hashes yields one fingerprint per window length, not per position', () => {
  const flat = new Uint32Array(12).fill(5);
  assert.deepEqual(
    winnow(flat, 4).map((f) => f.position),
    [3, 7, 11],
  );
});

test('every window holds a selected position, and positions increase', () => {
  const rand = prng(1);
  const hashes = Uint32Array.from({ length: 500 }, () => Math.floor(rand() * 1000));
  const picked = winnow(hashes, DEFAULT_WINNOW_WINDOW);
  const positions = picked.map((f) => f.position);
  for (let i = 1; i < positions.length; i++) assert.ok(positions[i]! > positions[i - 1]!);
  const set = new Set(positions);
  for (let start = 0; start + DEFAULT_WINNOW_WINDOW <= hashes.length; start++) {
    let found = false;
    for (let p = start; p < start + DEFAULT_WINNOW_WINDOW; p++) if (set.has(p)) found = true;
    assert.ok(found, `window at ${start} has no fingerprint`);
  }
  // Density of winnowing on random hashes is about 2 / (w + 1).
  const density = picked.length / hashes.length;
  assert.ok(density > 0.3 && density < 0.5, `density ${density}`);
});

test('guarantee: any shared run of window + k - 1 = 8 words leaves a shared fingerprint', () => {
  const run = DEFAULT_WINNOW_WINDOW + K - 1;
  assert.equal(run, 8);
  const rand = prng(2016);
  const vocab = vocabulary(rand, 3000);
  for (let trial = 0; trial < 500; trial++) {
    const shared = randomWords(rand, vocab, run);
    const a = randomWords(rand, vocab, 20 + Math.floor(rand() * 200));
    const b = randomWords(rand, vocab, 20 + Math.floor(rand() * 200));
    a.splice(Math.floor(rand() * (a.length + 1)), 0, ...shared);
    b.splice(Math.floor(rand() * (b.length + 1)), 0, ...shared);
    const fa = new Set(winnow(shingleHashes(a, K, SEED), DEFAULT_WINNOW_WINDOW).map((f) => f.hash));
    const fb = winnow(shingleHashes(b, K, SEED), DEFAULT_WINNOW_WINDOW);
    assert.ok(fb.some((f) => fa.has(f.hash)), `trial ${trial}: no shared fingerprint`);
  }
});

test('a whole text shorter than the guarantee still shares its fingerprint with itself', () => {
  const words = ['storm', 'closes', 'pier'];
  const a = winnow(shingleHashes(words, K, SEED), DEFAULT_WINNOW_WINDOW);
  assert.equal(a.length, 1);
  assert.deepEqual(a, winnow(shingleHashes([...words], K, SEED), DEFAULT_WINNOW_WINDOW));
});

test('winnowedHashes selects exactly the hashes winnow selects, on random texts and windows', () => {
  const rand = prng(99);
  const words = vocabulary(rand, 300);
  for (let trial = 0; trial < 200; trial++) {
    const hashes = shingleHashes(randomWords(rand, words, Math.floor(rand() * 400)), K, SEED);
    const window = 1 + Math.floor(rand() * 30);
    assert.deepEqual(Array.from(winnowedHashes(hashes, window)), winnow(hashes, window).map((f) => f.hash));
    assert.deepEqual(Array.from(winnowedPositions(hashes, window)), winnow(hashes, window).map((f) => f.position));
  }
});
