// The sketch's copy-index keys: 32-bit hashes widened by independent check tags.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SKETCH_SETTINGS, sketchArticle } from '../../src/match/candidates.ts';
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
