import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';

// A sentence opening with the time since an event tells when its report was written (issue 20, session 33): "Almost
// three days after Flight 512 went missing, ..." / "One week after ..., the prime minister said ..." are two moments, not two spans.

/** Two one-sentence articles, undated, with their texts: the values of each disagreement's sides. */
const sides = (first: string, second: string) =>
  findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((disagreement) => disagreement.sides.map((side) => side.value));

test('two reports opening with the time since one event, telling different things, are two moments (issue 20, session 33)', () => {
  assert.deepEqual(sides('Almost three days after Nordic Air Flight 512 went missing, the final minutes before its disappearance remain a mystery.', 'One week after Nordic Air Flight 512 went missing, the Norwegian prime minister said Saturday that the search had entered a new phase.'), []);
});

test('one statement opening with the time since the event stays compared (issue 20, session 33)', () => {
  assert.deepEqual(sides('Four days after the Orla ferry sank off Bergen, divers pulled a survivor from an air pocket in the hull.', 'Six days after the Orla ferry sank off Bergen, divers pulled a survivor from an air pocket in the hull, officials said.'), [['Four days', 'Six days']]);
});
