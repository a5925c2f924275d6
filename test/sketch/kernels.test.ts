// The sketch module (src/sketch/kernels.ts) keeps one memory a process and moves its layout when a text
// outgrows it: what is computed before, across and after a move must not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SKETCH_SETTINGS, sketchArticle } from '../../src/match/candidates.ts';
import { hashString32 } from '../../src/sketch/hash.ts';
import { wordHashes } from '../../src/sketch/shingles.ts';
import { wordNorms } from '../../src/text/tokens.ts';

const SEED = 7;
const PARAGRAPH =
  'The U.S. envoy said on Monday that 3,500 troops would stay in the région until the talks, which “resume” in May — ' +
  "and it's the third time they've been delayed — end with a signed text. ";

test('a text far longer than the module has room for gives the same words and sketches as before and after it', () => {
  const short = sketchArticle({ text: PARAGRAPH }, DEFAULT_SKETCH_SETTINGS);
  // Long enough to grow the module's memory several times over its first layout.
  const long = PARAGRAPH.repeat(2000);
  assert.deepEqual(wordHashes(long, SEED), Uint32Array.from(wordNorms(long), (word) => hashString32(word, SEED)));
  const longSketch = sketchArticle({ text: long }, DEFAULT_SKETCH_SETTINGS);
  assert.ok(longSketch.fingerprints.length > 100);
  const again = sketchArticle({ text: PARAGRAPH }, DEFAULT_SKETCH_SETTINGS);
  assert.deepEqual(again, short);
  assert.deepEqual(wordHashes(PARAGRAPH, SEED), Uint32Array.from(wordNorms(PARAGRAPH), (word) => hashString32(word, SEED)));
});

test('the returned keys and signature are the caller\'s: a later sketch does not overwrite them', () => {
  const first = sketchArticle({ text: PARAGRAPH }, DEFAULT_SKETCH_SETTINGS);
  const copy = { signature: Buffer.from(first.signature), keys: [...first.bandKeys, ...first.fingerprints, ...first.probeKeys] };
  sketchArticle({ text: 'An unrelated story about the harbour ferry, which left at dawn and came back at dusk.' }, DEFAULT_SKETCH_SETTINGS);
  assert.deepEqual(first.signature, copy.signature);
  assert.deepEqual([...first.bandKeys, ...first.fingerprints, ...first.probeKeys], copy.keys);
});
