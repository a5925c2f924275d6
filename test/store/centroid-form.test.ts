// The stored form of a story's centroid (rows.ts): packed weights and terms read back to the same vector, and
// the record form of stores before it still read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import { decodeCentroid, encodeCentroid } from '../../src/store/rows.ts';
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
