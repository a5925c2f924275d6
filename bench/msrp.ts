// MSRP (Microsoft Research Paraphrase Corpus, training part): how well the sentence-level similarities
// tell a reworded copy from a different sentence on the same story. Each similarity gets the threshold
// that maximises accuracy on a seeded random half of the pairs (the tuning half); accuracy and F1 are
// reported on the other half (the held-out half). The anchors in ../shared/data/README.md are for MSRP's
// test part, which is not available here: the comparison is indicative, on the same distribution.
// Run: node --import tsx bench/msrp.ts   (skips with a message when the data is absent)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NEAR_COPY_MIN_SIMILARITY, profileSentences, sentenceSimilarity } from '../src/match/sentences.ts';
import { alignedSimilarity, profileWords } from '../src/match/seed-extend.ts';
import { prng } from './lib/seeded.ts';

const MSRP_FILE = fileURLToPath(new URL('../../shared/data/reuse/msrp-train/msr_paraphrase_train.txt', import.meta.url));
/** Fixed seed of the tuning/held-out split, so every run splits the same way. */
const SPLIT_SEED = 20040101;
const ANCHORS = [
  { name: 'majority class (test part)', accuracy: 66.5, f1: 79.9 },
  { name: 'Mihalcea et al. 2006 (test part)', accuracy: 70.3, f1: 81.3 },
  { name: 'Fernando and Stevenson 2008 (test part)', accuracy: 74.1, f1: 82.4 },
];

interface Pair {
  label: boolean;
  a: string;
  b: string;
}

function readPairs(path: string): Pair[] {
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const pairs: Pair[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length !== 5 || (fields[0] !== '0' && fields[0] !== '1')) {
      console.error(`msrp: ${path}:${n + 1}: expected 5 tab-separated fields with a 0/1 label; line skipped`);
      continue;
    }
    pairs.push({ label: fields[0] === '1', a: fields[3]!, b: fields[4]! });
  }
  return pairs;
}

function stemDice(a: string, b: string): number {
  const sentence = (text: string) => profileSentences({ text, sentences: [{ start: 0, end: text.length, paragraph: 0 }] })[0]!;
  return sentenceSimilarity(sentence(a), sentence(b));
}

function seedChain(a: string, b: string): number {
  return alignedSimilarity(profileWords(a), profileWords(b));
}

interface Scores {
  accuracy: number;
  f1: number;
}

function evaluate(scored: { label: boolean; score: number }[], threshold: number): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { label, score } of scored) {
    const predicted = score >= threshold;
    if (predicted && label) tp++;
    else if (predicted) fp++;
    else if (label) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { accuracy: (100 * (tp + tn)) / scored.length, f1: precision + recall === 0 ? 0 : (100 * 2 * precision * recall) / (precision + recall) };
}

function bestThreshold(scored: { label: boolean; score: number }[]): number {
  let best = 0;
  let bestAccuracy = -1;
  for (let t = 0; t <= 1.0001; t += 0.01) {
    const { accuracy } = evaluate(scored, t);
    if (accuracy > bestAccuracy) {
      bestAccuracy = accuracy;
      best = t;
    }
  }
  return best;
}

function main(): void {
  if (!existsSync(MSRP_FILE)) {
    console.log(`msrp: ${MSRP_FILE} not found; skipping (see ../shared/data/README.md)`);
    return;
  }
  const pairs = readPairs(MSRP_FILE);
  const rand = prng(SPLIT_SEED);
  const tune: Pair[] = [];
  const heldOut: Pair[] = [];
  for (const pair of pairs) (rand() < 0.5 ? tune : heldOut).push(pair);
  console.log(`MSRP train part: ${pairs.length} pairs; tuning half ${tune.length}, held-out half ${heldOut.length} (seed ${SPLIT_SEED})`);
  const majority = evaluate(heldOut.map((p) => ({ label: p.label, score: 1 })), 0.5);
  console.log(`majority class on the held-out half: accuracy ${majority.accuracy.toFixed(1)}  F1 ${majority.f1.toFixed(1)}`);
  const measures: { name: string; similarity: (a: string, b: string) => number; shipped?: number }[] = [
    { name: 'stem Dice (sentences.ts sentenceSimilarity)', similarity: stemDice, shipped: NEAR_COPY_MIN_SIMILARITY },
    { name: 'seed-chain aligned words (seed-extend.ts alignedSimilarity)', similarity: seedChain },
  ];
  for (const measure of measures) {
    const t0 = process.hrtime.bigint();
    const score = (set: Pair[]) => set.map((p) => ({ label: p.label, score: measure.similarity(p.a, p.b) }));
    const tuned = score(tune);
    const held = score(heldOut);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const threshold = bestThreshold(tuned);
    const result = evaluate(held, threshold);
    console.log(
      `${measure.name}: threshold ${threshold.toFixed(2)} (tuned) -> held-out accuracy ${result.accuracy.toFixed(1)}  F1 ${result.f1.toFixed(1)}  (${((pairs.length / ms) * 1000).toFixed(0)} pairs/s)`,
    );
    if (measure.shipped !== undefined) {
      const atShipped = evaluate(held, measure.shipped);
      console.log(`  at the shipped threshold ${measure.shipped}: held-out accuracy ${atShipped.accuracy.toFixed(1)}  F1 ${atShipped.f1.toFixed(1)}`);
    }
  }
  for (const anchor of ANCHORS) console.log(`anchor ${anchor.name}: accuracy ${anchor.accuracy}  F1 ${anchor.f1}`);
}

main();
