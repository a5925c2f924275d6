import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';

// Distances from one place in bearings far apart locate two things (issue 20, session 34): "three areas about 2,000 km
// north-west of Perth" / "an area some 2,500km to the south-west of Perth" are two search areas, not one told twice.

/** Two one-sentence articles, undated: the values of each disagreement's sides. */
const sides = (first: string, second: string) =>
  findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((disagreement) => disagreement.sides.map((side) => side.value));

test('two distances from one town in bearings 90 degrees apart are two places (issue 20, session 34)', () => {
  assert.deepEqual(sides('Rescue ships are searching a stretch of sea about 2,000 km (1,240 miles) north-west of the port of Valdane.', 'Rescue ships had been searching a stretch of sea some 2,500 km (1,550 miles) to the south-west of the port of Valdane.'), []);
});

test('one town told at distances in near bearings stays compared (issue 20, session 34)', () => {
  assert.deepEqual(sides('Korvel, a textile town 180 miles northeast of Valdane, voted for the mayor on Sunday.', 'Korvel, a textile town 190 miles east of Valdane, voted for the mayor on Sunday.'), [['180 miles', '190 miles']]);
});
