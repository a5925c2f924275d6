// The stored form of a story's centroid (rows.ts): packed weights and terms read back to the same vector, and
// the record form of stores before it still read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import { decodeCentroid, encodeCentroid, inCodeUnitOrder } from '../../src/store/rows.ts';
import { TermVector } from '../../src/stories/vectors.ts';

test('a centroid read back from its packed form has the same terms and exactly the same weights', () => {
  const record = { flood: 0.1 + 0.2, '2006': 1 / 3, 'e:new york': 5e-324, 'quote"and\\slash': 1.7976931348623157e308, 'ünïcödé': -0, '\n': 0.5 };
  const centroid = TermVector.fromRecord(record);
  const text = encodeCentroid(centroid);
  assert.ok(text.startsWith('['));
  const back = decodeCentroid(text);
  assert.deepEqual(back.toJSON(), centroid.toJSON());
  assert.ok(Object.is(back.weight('ünïcödé'), -0));
  assert.deepEqual(back.ids, centroid.ids);
  assert.deepEqual(decodeCentroid(encodeCentroid(TermVector.fromRecord({}))).size, 0);
});

test('the record form of earlier stores is still read, and a damaged packed form is E_STORE', () => {
  assert.deepEqual(decodeCentroid(JSON.stringify({ flood: 0.25, tide: 0.5 })).toJSON(), { flood: 0.25, tide: 0.5 });
  assert.throws(() => decodeCentroid('["AAAA", "flood"]'), (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE');
  assert.throws(() => decodeCentroid('[1, 2'), (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE');
});

test('terms in code unit order: what sort() gives, for shared prefixes, prefixes of each other, the empty string, surrogates and every code unit', () => {
  const terms = new Set<string>(['', 'a', 'ab', 'abc', '\u0000', 'a\u0000', '\uffff', '\ud83d\ude00x', '\ud83d', 'z\uffff\uffff', '@port alder', '#1200']);
  // Long runs sharing their first code units (sorted two units at a time, level after level), and a spread of others.
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let at = 0; at < 3_000; at++) terms.add(`cons${'truct'.slice(0, at % 6)}${String.fromCharCode(97 + (next() % 26), 97 + (next() % 26))}${at % 7 === 0 ? '' : next() % 100}`);
  for (let at = 0; at < 3_000; at++) terms.add(String.fromCharCode(...Array.from({ length: 1 + (next() % 6) }, () => next() % 0x10000)));
  const shuffled = [...terms].sort(() => (next() % 3) - 1);
  assert.deepEqual(inCodeUnitOrder([...shuffled]), [...shuffled].sort());
  assert.deepEqual(inCodeUnitOrder([]), []);
  assert.deepEqual(inCodeUnitOrder(['b', 'a']), ['a', 'b']);
});
