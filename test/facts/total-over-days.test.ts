import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';

// A count summed over several days against a smaller count told over no span is the span's total and one day's figure
// (issue 20, session 33): "312 arrests over the past four nights" / "On March 3 officers made 197 arrests".

/** Two one-sentence articles, undated, with their texts: the values of each disagreement's sides. */
const sides = (first: string, second: string) =>
  findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((disagreement) => disagreement.sides.map((side) => side.value));

test('a total over several nights is not one night\'s count (issue 20, session 33)', () => {
  assert.deepEqual(sides('The interior ministry said officers made 312 arrests across the region over the past four nights of rioting.', 'On March 3 officers made 197 arrests across the region as rioting spread, the interior ministry said.'), []);
});

test('two totals over the nights, or a night\'s count larger than the total, stay compared (issue 20, session 33)', () => {
  assert.deepEqual(sides('The interior ministry said officers made 312 arrests across the region over the past four nights of rioting.', 'Officers made 270 arrests across the region over four nights of rioting, the interior ministry said.'), [['312 arrests', '270 arrests']]);
  assert.deepEqual(sides('The interior ministry said officers made 312 arrests across the region over the past four nights of rioting.', 'On March 3 officers made 350 arrests across the region as rioting spread, the interior ministry said.'), [['312 arrests', '350 arrests']]);
});
