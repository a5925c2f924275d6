import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';

// Shares are compared only as versions of one statement (issue 20, session 32): each figure's clause mostly written by
// the other sentence (STATISTIC_VERSION_MIN), since two shares told in other words are nearly always two statistics.

/** Two one-sentence articles, undated, with their texts: the values of each disagreement's sides. */
const sides = (first: string, second: string) =>
  findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((disagreement) => disagreement.sides.map((side) => side.value));

test('a share told in other words is not compared: a share of murders and a fall in murders (issue 20, session 32)', () => {
  assert.deepEqual(sides('The report said firearms were used in 64.9 percent of murders last year.', 'Murders committed with firearms fell 33 percent last year, the report said.'), []);
});

test('a version of one statement with its share changed is a contradiction (issue 20, session 32)', () => {
  assert.deepEqual(sides("The union's four-year contract gives workers 3 percent raises each year.", "The union's four-year contract gives workers 4 percent raises each year, the company said."), [['3 percent', '4 percent']]);
  // Other kinds are not held to it: a count told in other words stays compared.
  assert.deepEqual(sides('Three people were stabbed during a brawl at a Ku Klux Klan rally in an Anaheim park, police said.', 'Police say two people have been stabbed at a Ku Klux Klan gathering in Anaheim.'), [['Three people', 'two people']]);
});
