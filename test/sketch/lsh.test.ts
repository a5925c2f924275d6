import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NewsfoldError } from '../../src/errors.ts';
import { bandKeys, collisionProbability, DEFAULT_LSH, lshThreshold } from '../../src/sketch/lsh.ts';
import { DEFAULT_MINHASH, minhash } from '../../src/sketch/minhash.ts';
import type { Signature } from '../../src/sketch/minhash.ts';
import { textShingleHashes } from '../../src/sketch/shingles.ts';
import { prng, randomWords, vocabulary } from './random.ts';

function sketch(text: string): Signature {
  return minhash(textShingleHashes(text, DEFAULT_MINHASH.shingleSize, DEFAULT_MINHASH.seed), DEFAULT_MINHASH);
}

function sharedKeys(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}

const rand = prng(3);
const vocab = vocabulary(rand, 8000);
const articles = Array.from({ length: 40 }, () => randomWords(rand, vocab, 500).join(' '));

test('DEFAULT_LSH cuts 128 values into 32 bands of 4', () => {
  assert.equal(DEFAULT_LSH.bands * DEFAULT_LSH.rows, DEFAULT_MINHASH.numPerm);
  assert.equal(bandKeys(sketch(articles[0]!), DEFAULT_LSH).length, 32);
});

test('identical signatures give identical keys', () => {
  const a = bandKeys(sketch(articles[0]!), DEFAULT_LSH);
  const b = bandKeys(sketch(articles[0]!), DEFAULT_LSH);
  assert.deepEqual(a, b);
});

test('unrelated articles share almost no keys', () => {
  const keys = articles.map((t) => bandKeys(sketch(t), DEFAULT_LSH));
  let shared = 0;
  let pairs = 0;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      shared += sharedKeys(keys[i]!, keys[j]!);
      pairs++;
    }
  }
  // 780 pairs x 32 bands; unrelated pairs should essentially never agree on a band.
  assert.ok(shared <= 2, `${shared} shared band keys over ${pairs} unrelated pairs`);
});

test('a lightly edited version shares keys', () => {
  const words = articles[1]!.split(' ');
  for (let i = 0; i < 10; i++) words[i * 50] = 'changed';
  const original = bandKeys(sketch(articles[1]!), DEFAULT_LSH);
  const version = bandKeys(sketch(words.join(' ')), DEFAULT_LSH);
  assert.ok(sharedKeys(original, version) >= 4);
});

test('the band index is mixed in: equal rows in different bands give different keys', () => {
  const flat: Signature = { params: DEFAULT_MINHASH, values: new Uint32Array(128).fill(12345) };
  const keys = bandKeys(flat, DEFAULT_LSH);
  assert.equal(new Set(keys).size, 32);
});

test('collisionProbability is 1 - (1 - s^r)^b', () => {
  for (const s of [0, 0.1, 0.2, 0.3, 0.42, 0.5, 0.7, 0.9, 1]) {
    assert.equal(collisionProbability(s, DEFAULT_LSH), 1 - (1 - s ** 4) ** 32);
  }
  // The table in lsh.ts.
  assert.ok(Math.abs(collisionProbability(0.2, DEFAULT_LSH) - 0.0499503225890109) < 1e-12);
  assert.ok(Math.abs(collisionProbability(0.3, DEFAULT_LSH) - 0.229145364472078) < 1e-12);
  assert.ok(Math.abs(collisionProbability(0.5, DEFAULT_LSH) - 0.873211213622999) < 1e-12);
  assert.ok(Math.abs(collisionProbability(0.7, DEFAULT_LSH) - 0.999847170840621) < 1e-12);
  assert.ok(Math.abs(collisionProbability(0.9, DEFAULT_LSH) - (1 - 1.46497301939667e-15)) < 1e-15);
  assert.ok(Math.abs(lshThreshold(DEFAULT_LSH) - 0.4204482076268573) < 1e-12);
  assert.throws(() => collisionProbability(1.5, DEFAULT_LSH), RangeError);
});

test('bands x rows must equal numPerm', () => {
  const sig = sketch(articles[2]!);
  for (const lsh of [{ bands: 16, rows: 4 }, { bands: 30, rows: 4 }, { bands: 32, rows: 5 }]) {
    assert.throws(
      () => bandKeys(sig, lsh),
      (error: unknown) => error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH',
    );
  }
  assert.equal(bandKeys(sig, { bands: 16, rows: 8 }).length, 16);
});
