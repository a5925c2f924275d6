import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greedySelect, isBoilerplateSentence, select, type Candidate } from '../../src/digest/index.ts';
import type { SentenceUnit } from '../../src/digest/units.ts';

/** A deterministic generator (LCG) for random instances. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function candidate(index: number, words: number, concepts: number[], position: number): Candidate {
  const unit = { relativePosition: position, sentenceIndex: index, sources: ['a'], representative: { profile: { contentStems: [`only${index}`] } } } as unknown as SentenceUnit;
  return { unit, text: `sentence ${index}`, words, concepts: Int32Array.from(concepts), contentStems: new Set([`only${index}`]), gain: 0 };
}

function coverage(chosen: readonly Candidate[], weights: Float64Array): number {
  const covered = new Set<number>();
  for (const picked of chosen) for (const concept of picked.concepts) covered.add(concept);
  let total = 0;
  for (const concept of covered) total += weights[concept]!;
  return total;
}

test('the swap search never covers less than greedy, stays in budget, and improves some instances', () => {
  const random = generator(2009);
  let improved = 0;
  for (let instance = 0; instance < 200; instance++) {
    const conceptCount = 30;
    const weights = Float64Array.from({ length: conceptCount }, () => 1 + Math.floor(random() * 5));
    const candidates = Array.from({ length: 25 }, (_, index) => {
      const concepts = new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * conceptCount)));
      return candidate(index, 8 + Math.floor(random() * 30), [...concepts], random());
    });
    const budget = 60;
    const greedy = greedySelect(candidates, weights, budget);
    const searched = select(candidates, weights, budget);
    assert.ok(searched.reduce((sum, picked) => sum + picked.words, 0) <= budget);
    assert.ok(coverage(searched, weights) >= coverage(greedy, weights));
    if (coverage(searched, weights) > coverage(greedy, weights)) improved++;
  }
  assert.ok(improved > 0, 'the search finds better choices than greedy on some instances');
});

test('page furniture is not digest material; reporting that mentions tweets or photos is', () => {
  for (const furniture of [
    'Sign up for Dunmere Daily email alerts to stay informed about breaking news.',
    'FILE PHOTO: A flood barrier on the River Lune is seen in Dunmere, March 15, 2026.',
    'Let us know what you think pic.twitter.com/abc123 - Ada Whitlow (@adawhitlow) March 3, 2026',
    'You can add location information to your Tweets, such as your city, from the web.',
    'Read more about: Dunmere, floods, River Lune',
    // Multi-News val250 clusters 171 and 220 (issue 20, session 34).
    "Note: By submitting this form, you agree to Third Door Media's terms .",
    'A version of this article appeared August 24, 2012, on page A11 in the U.S. edition of The Wall Street Journal.',
  ]) {
    assert.ok(isBoilerplateSentence(furniture), furniture);
  }
  for (const reporting of [
    'The mayor sent a tweet on Sunday saying the barrier would be rebuilt by the autumn.',
    'A photographer for the Dunmere Courier was among the residents rescued from Mill Street.',
    'By signing the treaty, the two countries agreed to share the river.',
  ]) {
    assert.ok(!isBoilerplateSentence(reporting), reporting);
  }
});
