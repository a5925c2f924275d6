// The sketch's copy-index keys: 32-bit hashes widened by independent check tags.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SKETCH_SETTINGS, MIN_DISTINCT_SKELETON_WORDS, selectionWeights, sketchArticle, skeletonOf } from '../../src/match/candidates.ts';
import { hashString32 } from '../../src/sketch/hash.ts';
import { shinglesOfWordHashes, textShingleHashes, wordHashes } from '../../src/sketch/shingles.ts';
import { WIRE_STORY, UNRELATED } from '../fixtures.ts';

const HASH_RANGE = 2 ** 32;

test('a lifted passage gives both articles the same 40-bit fingerprint keys, tags included', () => {
  const passage = WIRE_STORY.split('\n\n').slice(2, 5).join('\n\n');
  const source = sketchArticle({ text: WIRE_STORY }, DEFAULT_SKETCH_SETTINGS);
  const host = sketchArticle({ text: `${UNRELATED}\n\n${passage}` }, DEFAULT_SKETCH_SETTINGS);
  const held = new Set(source.fingerprints);
  assert.ok(host.fingerprints.some((key) => held.has(key)), 'a shared fingerprint key');
  // The tags are in use: keys reach above 32 bits, and not all alike.
  const tags = new Set(Array.from(source.fingerprints, (key) => Math.floor(key / HASH_RANGE)));
  assert.ok(tags.size > 1, `tags ${[...tags].join(',')}`);
  for (const key of [...source.fingerprints, ...source.bandKeys]) assert.ok(Number.isInteger(key) && key >= 0 && key < 2 ** 40);
});

test('the same text always gives the same keys, and an unrelated text shares none of its band keys', () => {
  const one = sketchArticle({ text: WIRE_STORY }, DEFAULT_SKETCH_SETTINGS);
  const two = sketchArticle({ text: WIRE_STORY }, DEFAULT_SKETCH_SETTINGS);
  assert.deepEqual(one, two);
  const other = sketchArticle({ text: UNRELATED }, DEFAULT_SKETCH_SETTINGS);
  const bands = new Set(one.bandKeys);
  assert.equal(other.bandKeys.filter((key) => bands.has(key)).length, 0);
});

// Issue 21: a spun passage keeps no 5-word run of the source, so only the skeleton keys can find it.
const SPUN_SOURCE = [
  'The two sides emphasized the need for non-proliferation and agreed to meet again in the spring.',
  'Officials said the talks had been frank but useful, and that both delegations would report to their governments.',
  'We are even more confident that we will reach our goal before the end of the year, the envoy told reporters.',
].join(' ');
// Every fourth or fifth word swapped for a synonym (content words, and "more" -> "additional"), one dropped.
const SPUN_COPY = [
  'The two parties stressed the require for non-proliferation and consented to convene again in the springtime.',
  'Authorities stated the discussions had been candid but helpful, and that both groups would report to their administrations.',
  'We are even additional certain that we will our target before the finish of the year, the emissary told journalists.',
].join(' ');

test('issue 21: a spun passage inside an unrelated host shares a skeleton key with its source, though no 5-word run', () => {
  const { shingleSize, seed } = DEFAULT_SKETCH_SETTINGS.minhash;
  const sourceShingles = new Set(textShingleHashes(SPUN_SOURCE, shingleSize, seed));
  assert.equal(textShingleHashes(SPUN_COPY, shingleSize, seed).filter((hash) => sourceShingles.has(hash)).length, 0, 'no 5-word run survives');
  const source = sketchArticle({ text: `${UNRELATED}\n\n${SPUN_SOURCE}` }, DEFAULT_SKETCH_SETTINGS);
  const host = sketchArticle({ text: `${WIRE_STORY}\n\n${SPUN_COPY}` }, DEFAULT_SKETCH_SETTINGS);
  const stored = new Set(source.fingerprints);
  assert.ok([...host.fingerprints, ...host.probeKeys].some((key) => stored.has(key)), 'a stored skeleton key is found by the copy');
  // The probes are a denser sample than the stored one.
  assert.ok(host.probeKeys.length > host.fingerprints.length);
});

test('issue 21: the skeleton keeps function words and marks content runs, so synonym swaps leave it unchanged', () => {
  const { seed } = DEFAULT_SKETCH_SETTINGS.minhash;
  const one = skeletonOf(wordHashes('The two sides emphasized the need for peace', seed), seed);
  const two = skeletonOf(wordHashes('The two parties stressed the require for calm', seed), seed);
  assert.deepEqual(Array.from(one), Array.from(two));
  // the, [two sides emphasized], the, [need], for, [peace]
  assert.equal(one.length, 6);
  const dropped = skeletonOf(wordHashes('The two sides emphasized need for peace', seed), seed);
  assert.notDeepEqual(Array.from(one), Array.from(dropped));
});

test('a skeleton gram is weighed NEVER exactly when it holds fewer than three distinct function words', () => {
  const seed = DEFAULT_SKETCH_SETTINGS.minhash.seed;
  const functionWords = ['the', 'of', 'and', 'to', 'in'];
  const vocabulary = [...functionWords, 'ferry', 'harbour', 'storm'];
  const functionHashes = new Set(functionWords.map((word) => hashString32(word, seed)));
  let state = 7;
  const next = () => (state = (Math.imul(state, 0x2c9277b5) + 0x6b2d5a3d) >>> 0) / 2 ** 32;
  for (let trial = 0; trial < 500; trial++) {
    const count = Math.floor(next() * 40);
    // Few distinct function words, so grams below the floor are common.
    const usable = vocabulary.slice(Math.floor(next() * 3));
    const text = Array.from({ length: count }, () => usable[Math.floor(next() * usable.length)]).join(' ');
    const skeleton = skeletonOf(wordHashes(text, seed), seed);
    for (const gram of [4, 10]) {
      const grams = shinglesOfWordHashes(skeleton, gram);
      const weights = selectionWeights(skeleton, grams, gram, new Uint32Array(skeleton.length));
      assert.equal(weights.length, grams.length);
      for (let start = 0; start < grams.length; start++) {
        const window = Array.from(skeleton.subarray(start, start + gram)).filter((token) => functionHashes.has(token));
        const below = new Set(window).size < MIN_DISTINCT_SKELETON_WORDS;
        assert.equal(weights[start], below ? 0xffffffff : grams[start]! & 0x7fffffff, `${JSON.stringify(text)} gram ${gram} at ${start}`);
      }
    }
  }
});
