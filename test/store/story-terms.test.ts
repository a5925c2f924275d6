import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCentroid, encodeCentroidIds, encodeIndexTermIds, storyIndexEntryFromRow, storyTermIdsOfRows, type StoryIndexRow } from '../../src/store/rows.ts';
import { StoryTermIds } from '../../src/store/story-terms.ts';
import { sharedVocabulary, TermVector, Vocabulary } from '../../src/stories/vectors.ts';

/** A writer's vector whose vocabulary met its terms in this order (its ids follow it), and the store's rows for them. */
function written(terms: string[], weights: number[]): { centroid: TermVector; text: string; index: string; rows: { id: number; term: string }[] } {
  const vocabulary = new Vocabulary();
  const ids = Int32Array.from(terms, (term) => vocabulary.intern(term));
  const centroid = TermVector.fromIds(ids, Float64Array.from(weights), vocabulary);
  // Store ids unlike the writer's ids: another process added the terms in another order.
  const rows = [...terms].reverse().map((term, at) => ({ id: 40 + at, term }));
  const storeTerms = new StoryTermIds();
  storeTerms.learnWritten(rows, vocabulary);
  return { centroid, text: encodeCentroidIds(centroid, storeTerms), index: encodeIndexTermIds(centroid, storeTerms), rows };
}

test('a centroid read from its id form interns its terms in the order they were stored, whatever order the table answers in', () => {
  const { centroid, text, rows } = written(['zeta', 'alpha', 'mid', 'beta'], [0.5, 0.25, 0.125, 1]);
  const reader = new Vocabulary();
  const terms = new StoryTermIds();
  const row = { centroid: text };
  const unknown = terms.unknownStoreIds(storyTermIdsOfRows([row]), reader);
  assert.deepEqual([...unknown].sort(), [40, 41, 42, 43]);
  // The table answers in id order (the reverse of the writer's); nothing is interned until decoded.
  terms.learn([...rows].sort((x, y) => x.id - y.id), reader);
  assert.equal(reader.size, 0);
  const read = decodeCentroid(text, reader, terms);
  // The writer's order: a vector read in any process holds the same ids, so its sums run in the same order.
  assert.deepEqual(Array.from(read.ids, (id) => reader.name(id)), ['zeta', 'alpha', 'mid', 'beta']);
  assert.deepEqual(read.toJSON(), centroid.toJSON());
  assert.equal(read.norm, centroid.norm);
  assert.deepEqual(terms.unknownStoreIds(storyTermIdsOfRows([{ centroid: text }]), reader), []);
});

test('index terms read from their id form come as the store term ids, ascending, with no term read', () => {
  const { index, rows } = written(['zeta', 'alpha', 'mid'], [0.5, 0.25, 0.125]);
  const vocabulary = sharedVocabulary();
  const terms = new StoryTermIds();
  const row: StoryIndexRow = { id: 's', first_time: 1, last_time: 2, timed: 1, created_at: 1, index_terms: index, centroid: null };
  terms.learn(rows.filter((stored) => terms.unknownStoreIds(storyTermIdsOfRows([row]), vocabulary).includes(stored.id)), vocabulary);
  const entry = storyIndexEntryFromRow(row, terms, []);
  assert.equal(entry.vocabulary, undefined);
  assert.deepEqual([...entry.indexTerms], rows.map((stored) => stored.id).sort((x, y) => x - y));
});
