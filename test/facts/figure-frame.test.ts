import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDisagreements } from '../../src/facts/index.ts';
import { conflicting, quantities } from '../../src/facts/quantities.ts';

// What statistic a figure is (issue 20, session 31): two like figures whose frames fill one slot differently (a
// qualifier, an instance, a period, an outcome) are two statistics, not one fact told twice. Each pair below is
// reported when the slot agrees (the control) and not when it differs.

/** One-sentence articles, undated, with their texts: the values of each disagreement's sides. */
const sides = (...texts: string[]) => {
  const ids = texts.map((_, index) => String.fromCharCode(97 + index));
  return findDisagreements(texts.map((text, index) => ({ text, sources: [ids[index]!] })), ids, undefined, new Map(texts.map((text, index) => [ids[index]!, text]))).map((disagreement) => disagreement.sides.map((side) => side.value));
};

test('an average and a maximum of one thing are two statistics (issue 20, session 31)', () => {
  assert.deepEqual(sides('Perjury convictions carried an average sentence of 27 months, the commission said.', 'Perjury convictions carried an average sentence of 40 months, the commission said.'), [['27 months', '40 months']]);
  assert.deepEqual(sides('Perjury convictions carried an average sentence of 27 months, the commission said.', 'Perjury convictions carried a maximum sentence of 60 months, the commission said.'), []);
});

test('a qualifier of a copula\'s subject qualifies the figure (issue 20, session 31)', () => {
  assert.deepEqual(sides('The average sentence for a federal perjury conviction was 27 months, the commission said.', 'The average sentence for a federal perjury conviction was 40 months, the commission said.'), [['27 months', '40 months']]);
  assert.deepEqual(sides('The average sentence for a federal perjury conviction was 27 months, the commission said.', 'A federal perjury conviction carries a maximum sentence of 60 months, the commission said.'), []);
});

test('the current instance and one of a year the sentence is anchored to are two instances (issue 20, session 31)', () => {
  assert.deepEqual(sides('The current three-year national contracts with the union expire in September.', 'The current four-year national contracts with the union expire in September.'), [['three-year', 'four-year']]);
  assert.deepEqual(sides('The current three-year national contracts with the union expire in September.', 'In 1999, the union began talks on four-year national contracts that expire in September.'), []);
});

test('the current instance and a dated one are two instances (issue 20, session 31)', () => {
  assert.deepEqual(sides('Workers at the plant are covered by the current three-year contract with the automaker.', 'Workers at the plant are covered by the current four-year contract with the automaker.'), [['three-year', 'four-year']]);
  assert.deepEqual(sides('Workers at the plant are covered by the current three-year contract with the automaker.', 'Workers at the plant were covered by the four-year contract of 1999 with the automaker.'), []);
});

test('a total over two periods is two measurements (issue 20, session 31)', () => {
  assert.deepEqual(sides('Texas has executed 131 prisoners over five years, the report said.', 'Texas has executed 143 prisoners over five years, the report said.'), [['131 prisoners', '143 prisoners']]);
  assert.deepEqual(sides('Texas has executed 131 prisoners over five years, the report said.', 'Texas has executed 143 prisoners over five and a half years, the report said.'), []);
});

test('a period written as a time ("in five years") is written by both sides, no word of two phrases (issue 20, session 31)', () => {
  // "in five years" is a time mention, so it was left out of what a sentence writes, and each side's phrase "prisoners in
  // five" seemed to hold a word the other never wrote.
  assert.deepEqual(sides('Texas has executed 131 prisoners in five years, the report said.', 'Texas has executed 143 prisoners in five years, the report said.'), [['131 prisoners', '143 prisoners']]);
  assert.deepEqual(sides('Texas has executed 131 prisoners in five years, the report said.', 'Texas has executed 143 prisoners in five and a half years, the report said.'), []);
});

test('a level left and a change are two statistics (issue 20, session 31)', () => {
  assert.deepEqual(sides('The jet dropped 9,900 meters over the ocean in 40 seconds, investigators said.', 'The jet dropped 4,000 meters over the ocean in 40 seconds, investigators said.'), [['9,900 meters', '4,000 meters']]);
  assert.deepEqual(sides('The jet dropped from 9,900 meters over the ocean in 40 seconds, investigators said.', 'The jet dropped 4,000 meters over the ocean in 40 seconds, investigators said.'), []);
});

test('a figure nationally and one in a named region are two scopes (issue 20, session 31)', () => {
  assert.deepEqual(sides('Low-income renters compete for every two affordable units nationally, the report said.', 'Low-income renters compete for every three affordable units nationally, the report said.'), [['two affordable units', 'three affordable units']]);
  assert.deepEqual(sides('Low-income renters compete for every two affordable units nationally, the report said.', 'In the West, low-income renters compete for every three affordable units, the report said.'), []);
});

test('a period after a possessive ("in his five years") is a period (issue 20, session 31)', () => {
  assert.deepEqual(sides('In his five years as governor, the state executed 131 prisoners, the report said.', 'In his five years as governor, the state executed 143 prisoners, the report said.'), [['131 prisoners', '143 prisoners']]);
  // (The two lengths of the term, "five years" / "six years", are figures of their own and still disagree.)
  assert.deepEqual(sides('In his five years as governor, the state executed 131 prisoners, the report said.', 'In his six years as governor, the state executed 143 prisoners, the report said.').filter((values) => values.includes('131 prisoners')), []);
});

test('an outcome is read in the figure\'s own predicate (issue 20, session 31)', () => {
  // "killed seven people and sickened scores": "sickened" is the next predicate's; the subject's verb comes after its
  // modifiers ("Three people in Queens, New York contracted").
  const virus = 'The virus, which killed seven people and sickened scores last year in Queens, is back.';
  assert.deepEqual(sides(virus, 'The virus, which killed three people and sickened scores last year in Queens, is back.'), [['seven people', 'three people']]);
  assert.deepEqual(sides(virus, 'Three people in Queens, New York contracted the virus last year, which is back.'), []);
});

test('two outcomes of one outbreak are two counts (issue 20, session 31)', () => {
  assert.deepEqual(sides('Seven people died of the virus in New Jersey last summer, officials said.', 'Seventeen people died of the virus in New Jersey last summer, officials said.'), [['Seven people', 'Seventeen people']]);
  assert.deepEqual(sides('Seven people died of the virus in New Jersey last summer, officials said.', 'Seventeen people contracted the virus in New Jersey last summer, officials said.'), []);
  // One outcome told with two verbs stays one count: "sickened" and "made ill".
  assert.deepEqual(sides('The tainted salad sickened 60 diners at the fair, officials said.', 'The tainted salad made 45 diners at the fair ill, officials said.').length, 1);
});

test('two approximate times whose tolerances meet agree (issue 20, session 31)', () => {
  const [around530] = quantities('The men went into the water around 5:30 p.m.');
  const [around5] = quantities('The men went into the water around 5 p.m.');
  const [at5] = quantities('The men went into the water at 5 p.m.');
  assert.equal(conflicting(around530!, around5!), false);
  assert.equal(conflicting(around530!, at5!), true);
  const [about400] = quantities('about 400 people');
  const [about460] = quantities('about 460 people');
  const [exactly460] = quantities('460 people');
  assert.equal(conflicting(about400!, about460!), false);
  assert.equal(conflicting(about400!, exactly460!), true);
});

test('shares of crimes against two groups are two statistics (issue 20, session 31)', () => {
  assert.deepEqual(sides('Strangers committed 69 percent of the violent crimes against women, the report found.', 'Strangers committed 60 percent of the violent crimes against women, the report found.'), [['69 percent', '60 percent']]);
  assert.deepEqual(sides('Strangers committed 69 percent of the violent crimes against women, the report found.', 'Strangers committed 60 percent of the violent crimes against children, the report found.'), []);
});

test('one date written two ways is one side (issue 20, session 31)', () => {
  assert.deepEqual(sides('The submarine Kursk sank on August 12 in the Barents Sea with its crew.', 'The submarine Kursk sank on August 12, 2000 in the Barents Sea with its crew.', 'The submarine Kursk sank on August 19, 2000 in the Barents Sea with its crew.'), [['August 12', 'August 19, 2000']]);
});
