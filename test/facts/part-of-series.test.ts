import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';

// A count at one place of a series of attacks against the series' count is a part against its whole (issue 20,
// session 33): "the Meridian theatre, where 41 people were killed" / "the attacks, which killed at least 63 people".

/** Two one-sentence articles, undated, with their texts: the values of each disagreement's sides. */
const sides = (first: string, second: string) =>
  findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((disagreement) => disagreement.sides.map((side) => side.value));

test('a count at one place of a series of attacks is a part of the series\' count (issue 20, session 33)', () => {
  assert.deepEqual(sides('Police in Lisbon said the gunmen fired on the crowd at the Meridian theatre, where 41 people were killed on Friday night.', 'Police in Lisbon said the Friday night attacks on the theatre, two cafes and the stadium killed at least 63 people.'), []);
  assert.deepEqual(sides('The gunmen killed 41 people at the theatre on Friday night before police in Lisbon stormed it.', 'The coordinated attacks in Lisbon on Friday night killed 63 people, police said, before they stormed the theatre.'), []);
});

test('one place told twice, or the series told twice, stays a contradiction (issue 20, session 33)', () => {
  // Both counts at the theatre.
  assert.deepEqual(sides('Police in Lisbon said the gunmen fired on the crowd at the Meridian theatre, where 41 people were killed on Friday night.', 'Police in Lisbon said 45 people were killed at the Meridian theatre on Friday night.'), [['41 people', '45 people']]);
  // Both counts of the series.
  assert.deepEqual(sides('Police in Lisbon said the Friday night attacks on the theatre, two cafes and the stadium killed at least 63 people.', 'Police in Lisbon said the Friday night attacks on the theatre, the cafes and the stadium killed 58 people.'), [['63 people', '58 people']]);
  // The place's count larger than the series' is no part of it: two accounts of one toll.
  assert.deepEqual(sides('The gunmen killed 71 people at the theatre on Friday night before police in Lisbon stormed it.', 'The coordinated attacks in Lisbon on Friday night killed 63 people, police said, before they stormed the theatre.'), [['71 people', '63 people']]);
});
