import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';
import type { Disagreement } from '../../src/model.ts';

// Whose figure and which moment (issue 20, session 27): names in a figure's clause, provisional market quotes,
// tickers without brackets and a "latest" toll.

function hasSides(disagreements: readonly Disagreement[], first: RegExp, second: RegExp): boolean {
  return disagreements.some((disagreement) => disagreement.sides.some((side) => first.test(side.value)) && disagreement.sides.some((side) => second.test(side.value)));
}

/** Two one-sentence articles, undated, with their texts. */
const storyPair = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]]));

test('two holders named in the figures\' clauses, neither written by the other side, are two things (issue 20, session 27)', () => {
  // The names stand beyond the figure's neighbourhood (a comma away), where the older name tests do not read.
  const seen = (first: string) => storyPair(first, 'Police said Kelly McCalister, a college student, was last seen leaving the bar on Jan. 10.');
  assert.deepEqual(seen('Police said Dana Kilpatrick, a college student, was last seen leaving the bar on Jan. 1.'), []);
  // One named holder, two dates: a contradiction.
  assert.ok(hasSides(seen('Police said Kelly McCalister, a college student, was last seen leaving the bar on Jan. 1.'), /Jan\. 1$/, /Jan\. 10/));
});

test('a market quote based on the latest data is of no settled moment, and a bare ticker is a market (issue 20, session 27)', () => {
  const nasdaq = (first: string) => storyPair(first, 'The Nasdaq Composite Index fell 27.95 points, or 1.56 percent, and closed at 1,677.02.');
  assert.deepEqual(nasdaq('The Nasdaq Composite Index fell 27.95 points, or 1.64 percent, and closed at 1,677.02, based on the latest data.'), []);
  assert.ok(hasSides(nasdaq('The Nasdaq Composite Index fell 27.95 points, or 1.64 percent, and closed at 1,677.02.'), /1\.64 percent/, /1\.56 percent/));
  // "IXIC was down": a quote at no named moment against another, as with "<.IXIC>".
  assert.deepEqual(storyPair('The tech-heavy IXIC was down 1.64 percent after the report.', 'The tech-heavy IXIC was down 1.56 percent after the report.'), []);
  assert.ok(hasSides(storyPair('The tech-heavy gauge was down 1.64 percent after the report.', 'The tech-heavy gauge was down 1.56 percent after the report.'), /1\.64 percent/, /1\.56 percent/));
});

test('a toll told as the latest is of an unknown moment when undated (issue 20, session 27)', () => {
  const toll = (first: string) => storyPair(first, 'The toll released by the provincial government stood at 150 dead after the quake.');
  assert.deepEqual(toll('The latest toll released by the provincial government stood at 120 dead after the quake.'), []);
  assert.ok(hasSides(toll('The toll released by the provincial government stood at 120 dead after the quake.'), /120 dead/, /150 dead/));
});

test('a storm\'s position is of one advisory: two positions at no shared clock time are two moments (issue 20, session 27)', () => {
  const storm = (first: string) => storyPair(first, 'Tropical Storm Delta was centered about 90 miles south of Mobile, moving north at 12 mph.');
  assert.deepEqual(storm('Tropical Storm Delta was centered about 120 miles south of Mobile, moving north at 12 mph.'), []);
  // The same clock time: one advisory, told two ways.
  const timed = (first: string) => storyPair(first, 'At 5 p.m., Tropical Storm Delta was centered about 90 miles south of Mobile, moving north at 12 mph.');
  assert.ok(hasSides(timed('At 5 p.m., Tropical Storm Delta was centered about 120 miles south of Mobile, moving north at 12 mph.'), /120 miles/, /90 miles/));
});

test('two heads the story sets side by side as two figures are two things; heads it never does may be one thing in other words (issue 20, session 27)', () => {
  const story = (texts: string[]) => findDisagreements(texts.map((text, index) => ({ text, sources: [`s${index}`] })), texts.map((_, index) => `s${index}`), undefined, new Map(texts.map((text, index) => [`s${index}`, text])));
  const pay = ['Her base salary was $900,000 in 2002, the filing with regulators showed.', 'Her bonus was $600,000 in 2002, the filing with regulators showed.'];
  // Alone, "salary" and "bonus" may be one pay in other words.
  assert.ok(hasSides(story(pay), /\$900,000/, /\$600,000/));
  // A third source tells a salary and a bonus side by side: two things.
  assert.deepEqual(story([...pay, 'In 2001 she drew a salary of $800,000 and a bonus of $450,000 from the company.']), []);
});
