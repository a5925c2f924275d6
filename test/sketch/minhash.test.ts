import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NewsfoldError } from '../../src/errors.ts';
import { fmix32 } from '../../src/sketch/hash.ts';
import {
  assertCompatible,
  DEFAULT_MINHASH,
  deserializeSignature,
  EMPTY_SLOT,
  estimateJaccard,
  isEmptySignature,
  K_PERMUTATIONS,
  minhash,
  ONE_PERMUTATION,
  serializeSignature,
} from '../../src/sketch/minhash.ts';
import type { MinHashParams } from '../../src/sketch/minhash.ts';
import { textShingleHashes } from '../../src/sketch/shingles.ts';
import { prng, randomWords, vocabulary } from './random.ts';

const KPERM: MinHashParams = { ...DEFAULT_MINHASH, algorithm: K_PERMUTATIONS };
const ALGORITHMS: MinHashParams[] = [DEFAULT_MINHASH, KPERM];

const STORY =
  'The night ferry from the island was cancelled on Tuesday after a storm damaged the pier, the harbour ' +
  'office said. Passengers were offered rooms in two hotels near the quay, and a replacement boat is ' +
  'expected to sail on Thursday morning if the wind drops below gale force.';

/** Shingle "hashes" for the integer ids lo..hi-1: a set whose Jaccard with another is known exactly. */
function idSet(lo: number, hi: number): Uint32Array {
  const out = new Uint32Array(hi - lo);
  for (let i = lo; i < hi; i++) out[i - lo] = fmix32(i + 1);
  return out;
}

function isMismatch(error: unknown): boolean {
  return error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH';
}

test('DEFAULT_MINHASH: 128 one-permutation bins over 5-word shingles', () => {
  assert.equal(DEFAULT_MINHASH.algorithm, ONE_PERMUTATION);
  assert.equal(DEFAULT_MINHASH.numPerm, 128);
  assert.equal(DEFAULT_MINHASH.shingleSize, 5);
  assert.ok(Object.isFrozen(DEFAULT_MINHASH));
});

test('same input, same signature; pinned values catch any change of hashing', () => {
  const shingles = textShingleHashes(STORY, DEFAULT_MINHASH.shingleSize, DEFAULT_MINHASH.seed);
  for (const params of ALGORITHMS) {
    const a = minhash(shingles, params);
    const b = minhash(Uint32Array.from(shingles), { ...params });
    assert.deepEqual(a.values, b.values);
    assert.equal(a.values.length, 128);
  }
  // If these change, stored signatures are invalid: bump the algorithm names in minhash.ts.
  assert.deepEqual([...minhash(shingles, DEFAULT_MINHASH).values.subarray(0, 4)], PINNED_OPH);
  assert.deepEqual([...minhash(shingles, KPERM).values.subarray(0, 4)], PINNED_KPERM);
});

const PINNED_OPH = [0x01c5ef7c, 0x8f5c522e, 0x869ada1c, 0x0662215b];
const PINNED_KPERM = [0x099f6c1f, 0x0918a3a3, 0x005c6cbf, 0x01a959ab];

test('estimateJaccard is within 0.1 of the true Jaccard at 128 permutations', () => {
  // [a, b] id ranges; true Jaccard = |overlap| / |union|.
  const pairs: [[number, number], [number, number]][] = [
    [[0, 1000], [0, 1000]], // 1
    [[0, 1000], [50, 1050]], // 950/1050 = 0.905
    [[0, 1000], [333, 1333]], // 667/1333 = 0.500
    [[0, 600], [400, 1000]], // 200/1000 = 0.2
    [[0, 300], [270, 570]], // 30/570 = 0.053
    [[0, 800], [800, 1600]], // 0
    [[0, 2000], [0, 500]], // containment: 500/2000 = 0.25
  ];
  for (const params of ALGORITHMS) {
    for (const [[a0, a1], [b0, b1]] of pairs) {
      const overlap = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
      const truth = overlap / (a1 - a0 + (b1 - b0) - overlap);
      const estimate = estimateJaccard(minhash(idSet(a0, a1), params), minhash(idSet(b0, b1), params));
      assert.ok(Math.abs(estimate - truth) <= 0.1, `${params.algorithm} [${a0},${a1}) vs [${b0},${b1}): ${estimate} vs ${truth}`);
    }
  }
});

test('estimateJaccard tracks real shingle sets of articles and their edited versions', () => {
  // The standard error at 128 slots is up to 0.044, so single estimates stray past 0.1 about 2% of the
  // time: check the mean error over 30 versions tightly and each one loosely.
  const rand = prng(11);
  const vocab = vocabulary(rand, 5000);
  const { shingleSize, seed } = DEFAULT_MINHASH;
  for (const params of ALGORITHMS) {
    let totalError = 0;
    const trials = 30;
    for (let t = 0; t < trials; t++) {
      const original = randomWords(rand, vocab, 600);
      const edited = [...original];
      const edits = 5 + Math.floor(rand() * 120);
      for (let e = 0; e < edits; e++) edited[Math.floor(rand() * edited.length)] = vocab[Math.floor(rand() * vocab.length)]!;
      const sa = textShingleHashes(original.join(' '), shingleSize, seed);
      const sb = textShingleHashes(edited.join(' '), shingleSize, seed);
      const setB = new Set(sb);
      const setA = new Set(sa);
      const inter = [...setA].filter((h) => setB.has(h)).length;
      const truth = inter / (setA.size + setB.size - inter);
      const error = Math.abs(estimateJaccard(minhash(sa, params), minhash(sb, params)) - truth);
      assert.ok(error <= 0.15, `${params.algorithm}, ${edits} edits: off by ${error}`);
      totalError += error;
    }
    assert.ok(totalError / trials <= 0.05, `${params.algorithm}: mean error ${totalError / trials}`);
  }
});

test('duplicated shingles do not change the signature', () => {
  const once = idSet(0, 300);
  const twice = new Uint32Array([...once, ...once.subarray(0, 100)]);
  for (const params of ALGORITHMS) assert.deepEqual(minhash(once, params).values, minhash(twice, params).values);
});

test('short texts: densification fills every slot; identical is 1, disjoint is 0', () => {
  for (const params of ALGORITHMS) {
    const one = minhash(idSet(0, 3), params);
    assert.ok(!one.values.includes(EMPTY_SLOT));
    assert.equal(estimateJaccard(one, minhash(idSet(0, 3), params)), 1);
    assert.equal(estimateJaccard(one, minhash(idSet(10, 13), params)), 0);
  }
});

test('empty input gives all 0xFFFFFFFF', () => {
  for (const params of ALGORITHMS) {
    const sig = minhash(new Uint32Array(0), params);
    assert.equal(sig.values.length, params.numPerm);
    assert.ok(sig.values.every((v) => v === 0xffffffff));
    assert.ok(isEmptySignature(sig));
    assert.ok(!isEmptySignature(minhash(idSet(0, 5), params)));
  }
});

test('assertCompatible refuses signatures made differently, with E_SKETCH_MISMATCH', () => {
  const shingles = idSet(0, 200);
  const base = minhash(shingles, DEFAULT_MINHASH);
  assert.doesNotThrow(() => assertCompatible(base, minhash(shingles, { ...DEFAULT_MINHASH })));
  const variants: MinHashParams[] = [
    KPERM,
    { ...DEFAULT_MINHASH, numPerm: 64 },
    { ...DEFAULT_MINHASH, seed: DEFAULT_MINHASH.seed + 1 },
  ];
  for (const params of variants) {
    const other = minhash(shingles, params);
    assert.throws(() => assertCompatible(base, other), isMismatch, JSON.stringify(params));
    assert.throws(() => estimateJaccard(base, other), isMismatch);
  }
  // Same values, other shingle size: still not comparable.
  const relabelled = { params: { ...DEFAULT_MINHASH, shingleSize: 3 }, values: base.values };
  assert.throws(() => assertCompatible(base, relabelled), isMismatch);
  // A truncated signature is refused too.
  assert.throws(() => assertCompatible(base, { params: DEFAULT_MINHASH, values: base.values.subarray(0, 64) }), isMismatch);
});

test('an unknown algorithm is refused', () => {
  assert.throws(() => minhash(idSet(0, 10), { ...DEFAULT_MINHASH, algorithm: 'minhash-fmix32-v0' }), isMismatch);
});

test('serialize and deserialize round trip, little-endian', () => {
  const sig = minhash(textShingleHashes(STORY, 5, DEFAULT_MINHASH.seed), DEFAULT_MINHASH);
  const buf = serializeSignature(sig);
  assert.equal(buf.length, 512);
  assert.equal(buf.readUInt32LE(0), sig.values[0]);
  assert.equal(buf.readUInt32LE(508), sig.values[127]);
  const back = deserializeSignature(buf, DEFAULT_MINHASH);
  assert.deepEqual(back.values, sig.values);
  assert.equal(estimateJaccard(sig, back), 1);
  assert.throws(() => deserializeSignature(buf.subarray(0, 256), DEFAULT_MINHASH), isMismatch);
});
