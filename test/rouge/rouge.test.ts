import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  gramCounts,
  jackknifeScore,
  ngramCounts,
  rouge,
  ROUGE_1,
  ROUGE_2,
  ROUGE_SU4,
  rougePorterStem,
  rougeTokens,
  scoreAgainst,
  skipBigramCounts,
} from '../../src/rouge/index.ts';

test('Porter stemming follows the reference rules', () => {
  const cases: Array<[string, string]> = [
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['running', 'run'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['relational', 'relat'],
    ['happy', 'happi'],
    ['generalization', 'gener'],
    ['troops', 'troop'],
    ['yelling', 'yell'],
  ];
  for (const [word, stem] of cases) assert.equal(rougePorterStem(word), stem, word);
});

test("Porter stemming has ROUGE's step-4 change: -ement, then -ment, then -ent are tried in turn", () => {
  // Classic Porter stops at "-ement" (m of "agr" is 1) and keeps "agreement"; ROUGE-1.5.5 goes on to "-ent".
  assert.equal(rougePorterStem('agreement'), 'agreem');
  assert.equal(rougePorterStem('adjustment'), 'adjust');
});

test('tokens: lower-cased, punctuation and hyphens dropped, only words of 4+ characters stemmed', () => {
  assert.deepEqual(rougeTokens("The U.S.-led coalition's 2,000 troops"), ['the', 'u', 's', 'led', 'coalition', 's', '2', '000', 'troops']);
  assert.deepEqual(rougeTokens("The U.S.-led coalition's 2,000 troops", { stem: true }), ['the', 'u', 's', 'led', 'coalit', 's', '2', '000', 'troop']);
  // "was" and "has" are 3 characters: ROUGE leaves them unstemmed.
  assert.deepEqual(rougeTokens('was has cats', { stem: true }), ['was', 'has', 'cat']);
});

test('the word limit counts whitespace tokens across sentences and cuts inside the last one', () => {
  assert.deepEqual(rougeTokens(['One two.', 'Three four five.'], { wordLimit: 3 }), ['one', 'two', 'three']);
  assert.deepEqual(rougeTokens('One two.\nThree four five.', { wordLimit: 10 }), ['one', 'two', 'three', 'four', 'five']);
});

test('ROUGE-2 recall, precision and F on a hand-made pair', () => {
  const scores = rouge('the cat sat on the mat', ['the cat lay on the mat'], [ROUGE_2]);
  // Bigrams shared: "the cat", "on the", "the mat" = 3 of 5 on each side.
  assert.deepEqual(scores.get('ROUGE-2'), { recall: 0.6, precision: 0.6, f: 0.6 });
});

test('matches are clipped by the smaller count', () => {
  const score = scoreAgainst(ngramCounts(['a'], 1), [ngramCounts(['a', 'a', 'a'], 1)]);
  assert.equal(score.recall, 0.33333);
  assert.equal(score.precision, 1);
  assert.equal(score.f, 0.5);
});

test('skip bigrams reach at most skip+1 tokens ahead; -u adds the unigrams but not the last one', () => {
  const tokens = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const su4 = skipBigramCounts(tokens, 4, true);
  assert.ok(su4.grams.has('a f'), 'four tokens skipped');
  assert.ok(!su4.grams.has('a g'), 'five skipped is too far');
  assert.ok(su4.grams.has('a') && !su4.grams.has('g'));
  const small = skipBigramCounts(['a', 'b', 'c'], 4, true);
  assert.equal(small.total, 5); // a, b, "a b", "a c", "b c"
  assert.equal(gramCounts(['a', 'b', 'c'], ROUGE_SU4).total, 5);
});

test('formula A pools hits and counts over references instead of averaging their recalls', () => {
  const peer = ngramCounts(['x', 'y'], 1);
  const short = ngramCounts(['x', 'z'], 1); // 1 of 2
  const long = ngramCounts(['y', 'p', 'q', 'r'], 1); // 1 of 4
  assert.equal(scoreAgainst(peer, [short, long], 'A').recall, 0.33333);
  assert.equal(scoreAgainst(peer, [short, long], 'B').recall, 0.5);
});

test('jackknifing averages the scores against each leave-one-out subset of the references', () => {
  const peer = ngramCounts(['x', 'y'], 1);
  const refs = [ngramCounts(['x', 'z'], 1), ngramCounts(['y', 'p', 'q', 'r'], 1), ngramCounts(['x', 'y'], 1)];
  // Subsets: {2,3} -> 3/6; {1,3} -> 3/4; {1,2} -> 2/6.
  const expected = (0.5 + 0.75 + 0.33333) / 3;
  assert.ok(Math.abs(jackknifeScore(peer, refs).recall - expected) < 1e-9);
  assert.equal(jackknifeScore(peer, [refs[0]!]).recall, 0.5, 'one reference: no jackknife');
});

test('an empty peer scores zero without dividing by zero', () => {
  const scores = rouge('', ['some reference text'], [ROUGE_1, ROUGE_2]);
  assert.deepEqual(scores.get('ROUGE-1'), { recall: 0, precision: 0, f: 0 });
});

test('the byte limit cuts inside the sentence that crosses it', () => {
  // "one two" is 7 characters; 7 + "three four" (10) crosses 12, so 12 - 7 = 5 characters of it are kept.
  assert.deepEqual(rougeTokens(['One two', 'Three four'], { byteLimit: 12 }), ['one', 'two', 'three']);
});
