import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';

// One statement told twice (issue 20, session 28): two figures of one counted thing are one claim only when their
// clauses align, each clause's words written by the other side, or one clause wholly told by the other side.

/** Two one-sentence articles, undated, with their texts: the values of each disagreement's sides. */
const sides = (first: string, second: string) =>
  findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((disagreement) => disagreement.sides.map((side) => side.value));

test('one statement told twice with two figures is a contradiction (issue 20, session 28)', () => {
  // A copy: every clause word shared.
  assert.deepEqual(sides('The fire destroyed 40 homes in the valley, the county said.', 'The fire destroyed 55 homes in the valley.'), [['40 homes', '55 homes']]);
  // A short report inside a longer one: the shorter clause is wholly told by the other side.
  assert.deepEqual(sides('A bomb at the U.S. Embassy in Tanzania killed 10 people and wounded about 70 others.', 'The bomb at the U.S. Embassy in Tanzania killed 11 people.'), [['10 people', '11 people']]);
});

test('two things of one kind, in clauses that do not align, are no contradiction (issue 20, session 28)', () => {
  // MSRP tune pair: one store's order against another store's.
  assert.deepEqual(sides('She said the store ordered 520 copies and reserved another 300.', 'In one Johannesburg store, 900 copies have been ordered.'), []);
});

test('two moments of one thing, told by clause words the other side never writes, are no contradiction (issue 20, session 28)', () => {
  assert.deepEqual(sides('The shelter housed 120 families during the first winter after the flood, volunteers said.', 'The shelter now houses 90 families, after the last of the new apartments opened.'), []);
});
