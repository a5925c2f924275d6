// A pair-scorer study for issue 20: can a learned score over what the same-fact test sees replace its hand rules?
// Reads the pairs `npm run eval:disagreements -- --pairs FILE` writes (label 1: a plant's changed figure against its
// twin; label 0: like, conflicting figures on the unmodified clusters, mostly two facts), trains a logistic regression
// on one file and scores the other: AUC, and the plants passed at the rules' rate of label-0 pairs passed on the
// training file, against the rules' own pass counts on the test file.
// Run: node --import tsx bench/pair-scorer.ts TRAIN.jsonl TEST.jsonl [--base]
import { readFileSync } from 'node:fs';
import { sameFactByRules, sameFactRow, sameFactScore, type SameFactFeatures } from '../src/facts/index.ts';

/** A pair as `--pairs` writes it: what the same-fact test saw (src/facts), and its label. */
type Pair = SameFactFeatures & { label: number };

/** Epochs of full-batch gradient descent, its step and the L2 weight: enough to settle on a few hundred pairs. */
const EPOCHS = 300;
const STEP = 1;
const L2 = 0.01;

const load = (file: string): Pair[] => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Pair);

/** `--base`: the features the same-fact test uses as it stands, without the study's additions. */
const BASE_ONLY = process.argv.includes('--base');

const features = (pair: Pair): number[] => sameFactRow(pair, !BASE_ONLY);

/** The same-fact test of `compare` (src/facts/index.ts) as it stands. */
const rule = (pair: Pair): boolean => sameFactByRules(pair);

/** Logistic regression, the classes weighed equally. */
function train(pairs: readonly Pair[]): number[] {
  const rows = pairs.map(features);
  const positives = pairs.filter((pair) => pair.label === 1).length;
  const negatives = pairs.length - positives;
  const weights = new Array<number>(rows[0]!.length).fill(0);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gradient = new Array<number>(weights.length).fill(0);
    rows.forEach((row, index) => {
      const label = pairs[index]!.label;
      const p = 1 / (1 + Math.exp(-row.reduce((sum, value, k) => sum + value * weights[k]!, 0)));
      const share = label === 1 ? 0.5 / positives : 0.5 / negatives;
      row.forEach((value, k) => (gradient[k]! += share * (p - label) * value));
    });
    weights.forEach((weight, k) => (weights[k] = weight - STEP * (gradient[k]! + L2 * weight)));
  }
  return weights;
}

const scoreOf = (weights: readonly number[], pair: Pair) => features(pair).reduce((sum, value, k) => sum + value * weights[k]!, 0);

function auc(pairs: readonly Pair[], score: (pair: Pair) => number): number {
  const positives = pairs.filter((pair) => pair.label === 1).map(score);
  const negatives = pairs.filter((pair) => pair.label === 0).map(score);
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

const [trainFile, testFile] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (trainFile === undefined || testFile === undefined) throw new Error('usage: pair-scorer.ts TRAIN.jsonl TEST.jsonl');
const trainSet = load(trainFile);
const testSet = load(testFile);
const weights = train(trainSet);
const count = (pairs: readonly Pair[], label: number, pass: (pair: Pair) => boolean) => pairs.filter((pair) => pair.label === label && pass(pair)).length;
// The learned threshold: as many label-0 training pairs above it as the rules pass.
const rulePassedNegatives = count(trainSet, 0, rule);
const negativeScores = trainSet.filter((pair) => pair.label === 0).map((pair) => scoreOf(weights, pair)).sort((a, b) => b - a);
const threshold = negativeScores[rulePassedNegatives] ?? -Infinity;
const learned = (pair: Pair) => scoreOf(weights, pair) > threshold;
const sizes = (pairs: readonly Pair[]) => `${count(pairs, 1, () => true)} plant pairs, ${count(pairs, 0, () => true)} others`;
console.log(`train ${trainFile} (${sizes(trainSet)}), test ${testFile} (${sizes(testSet)})`);
console.log(`AUC: learned train ${auc(trainSet, (pair) => scoreOf(weights, pair)).toFixed(3)}, test ${auc(testSet, (pair) => scoreOf(weights, pair)).toFixed(3)}; the score alone (sentence + local weight x local) test ${auc(testSet, sameFactScore).toFixed(3)}`);
console.log(`test, passed: rules ${count(testSet, 1, rule)} plant pairs / ${count(testSet, 0, rule)} others; learned at the rules' training rate ${count(testSet, 1, learned)} / ${count(testSet, 0, learned)}`);
console.log(`weights: ${weights.map((weight) => weight.toFixed(3)).join(" ")}; threshold ${threshold.toFixed(3)}`);
