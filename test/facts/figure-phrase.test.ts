import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';
import type { Disagreement } from '../../src/model.ts';

// What a figure is of and when (issue 20, session 26): the checks that part two things or two moments of one topic.

function hasSides(disagreements: readonly Disagreement[], first: RegExp, second: RegExp): boolean {
  return disagreements.some((disagreement) => disagreement.sides.some((side) => first.test(side.value)) && disagreement.sides.some((side) => second.test(side.value)));
}

/** Two one-sentence articles, with their texts. */
const storyPair = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]]));

test('what a figure is of: two phrases with one head and different modifiers are two things, a paraphrase is not (issue 20, session 26)', () => {
  // The MSRP pair: "advanced services lines of all technology types" / "high-speed lines", both "lines".
  const lines = (first: string) => storyPair(first, 'For the full year period ending June 30, 2003, high-speed lines increased by 45 percent.');
  assert.deepEqual(lines('For the full 12-month period ending June 30, advanced services lines of all technology types increased by 56 percent.'), []);
  assert.ok(hasSides(lines('For the full year period ending June 30, 2003, high-speed lines increased by 56 percent.'), /56 percent/, /45 percent/));
  // "deaths in Texas" / "deaths nationwide": one head, two places.
  assert.deepEqual(storyPair('The flu outbreak has caused 40 deaths in Texas, health officials said Monday.', 'The flu outbreak caused 90 deaths nationwide, health officials said Monday.'), []);
  // One thing in other words after the head is no other thing: "gold piece missing the phrase" / "gold piece without the words".
  assert.ok(hasSides(storyPair('One of the coins in the hoard was an 1866 Liberty $20 gold piece missing the phrase "In God We Trust" on its back.', 'An 1866 Liberty $26 gold piece without the words "In God We Trust" was part of the hoard on its back.'), /\$20/, /\$26/));
});

test('the time anchors of a figure\'s clause: two weekdays, or a total up to a moment against one at a moment, are two moments (issue 20, session 26)', () => {
  const arrests = (first: string) => storyPair(first, 'About 45 protesters were arrested downtown on Wednesday after the march, police said.');
  // (Session 31: "about 52" and "about 45" now agree, their tolerances meeting, so the figures are 60 and 45.)
  assert.deepEqual(arrests('About 60 protesters were arrested downtown on Tuesday after the march, police said.'), []);
  assert.ok(hasSides(arrests('About 60 protesters were arrested downtown on Wednesday after the march, police said.'), /60 protesters/, /45 protesters/));
  // An age does not change from day to day.
  assert.ok(hasSides(storyPair('On Wednesday the 6-year-old Cuban rafter Elian Gonzalez met his relatives in Miami.', 'On Friday the 10-year-old Cuban rafter Elian Gonzalez met his relatives in Miami.'), /6-year-old/, /10-year-old/));
  // A total up to a moment against a figure at one.
  const voters = (first: string) => storyPair(first, 'About 1,200 voters cast early ballots in Dade County on Monday, election officials said.');
  assert.deepEqual(voters('About 1,900 voters cast early ballots in Dade County through Friday, election officials said.'), []);
  assert.ok(hasSides(voters('About 1,900 voters cast early ballots in Dade County on Monday, election officials said.'), /1,900/, /1,200/));
});
