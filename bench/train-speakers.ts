// Trains the quote speaker chooser (src/facts/quotes.ts chooseSpeakers): an averaged perceptron that ranks each
// quote's candidate speakers (cue frames and clause subjects near the quote, the previous quote's speaker) by
// their features. Learned from PolNeAR train only; writes src/facts/speaker-weights.ts, which the runtime reads
// (it needs no data). A candidate is right when the speaker it reports matches the gold source as eval:quotes
// counts it (a pronoun source: the nearest named gold source before it), or when it is written where the gold
// source is. Deterministic: fixed epochs and a seeded shuffle, so a rerun writes the same file.
// Run: npm run train:speakers   (then npm run eval:quotes to measure on dev)
import { writeFileSync } from 'node:fs';
import { prepareArticle } from '../src/engine/prepare.ts';
import { chooseSpeakers, type SpeakerCandidate } from '../src/facts/quotes.ts';
import { covers, goldQuotes, MIN_GOLD_QUOTE_WORDS, POLNEAR_ROOT, readPolnear, speakerRight, type GoldQuote, type Span } from './lib/polnear.ts';

/** Passes over the training quotes; dev accuracy stopped moving by then. */
const EPOCHS = Number(process.env.SPEAKER_EPOCHS ?? 12);
/** Rounds of train, then regenerate candidates with the new weights (the previous-speaker candidate depends on them). */
const ROUNDS = Number(process.env.SPEAKER_ROUNDS ?? 3);
/** Perceptrons trained on differently shuffled orders and averaged: one order alone moves dev accuracy by +-0.01. */
const SEEDS = Number(process.env.SPEAKER_SEEDS ?? 5);
/** Features seen in fewer training candidates than this are left out (a rare cue word's weight is noise). */
const MIN_COUNT = Number(process.env.SPEAKER_MIN_COUNT ?? 5);
/** Weights smaller than this are dropped from the file: they change no ranking that matters and bloat it. */
const MIN_WEIGHT = 0.001;
const OUT = new URL('../src/facts/speaker-weights.ts', import.meta.url);

interface Example {
  candidates: string[][];
  positive: boolean[];
}

/**
 * A gold span moved into the prepared text (cleaning changes whitespace and drops lines, so offsets shift): the
 * occurrence of its words nearest to where the offset falls proportionally; none when cleaning changed them.
 */
function locate(span: Span | undefined, raw: string, text: string): Span | undefined {
  if (span === undefined || span.text.trim() === '') return undefined;
  const wanted = span.text.trim();
  const expected = span.start * (text.length / Math.max(1, raw.length));
  let best: Span | undefined;
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
    if (best === undefined || Math.abs(at - expected) < Math.abs(best.start - expected)) best = { start: at, end: at + wanted.length, text: wanted };
  }
  return best;
}

function isRight(candidate: SpeakerCandidate, gold: GoldQuote, source: Span | undefined): boolean {
  if (gold.source === undefined || candidate.speaker === undefined) return false;
  if (source !== undefined && candidate.start < source.end && candidate.end > source.start && candidate.speaker.kind !== 'pronoun') return true;
  const target = gold.kind === 'pronoun' ? gold.resolved : gold.source;
  return candidate.speaker.kind !== 'pronoun' && speakerRight({ text: '', start: 0, speaker: candidate.speaker.text }, target);
}

function examples(articles: ReturnType<typeof prepared>, weights: Record<string, number>): Example[] {
  const out: Example[] = [];
  for (const { article, text } of articles) {
    const gold = goldQuotes(article);
    for (const choice of chooseSpeakers({ text }, weights)) {
      if (choice.candidates.length < 2) continue;
      const match = gold.find((quote) => covers(choice.quote, quote));
      const features = choice.candidates.map((candidate) => candidate.features);
      const nobody = choice.candidates.findIndex((candidate) => candidate.speaker === undefined);
      if (match === undefined) {
        // Quoted words that no annotated attribution holds (a title, a slogan): "nobody" is right.
        const end = choice.quote.start + choice.quote.text.length;
        const attributed = article.attributions.some((attribution) => {
          const content = locate(attribution.content, article.text, text);
          // A content span cleaning changed cannot be placed: count it as holding the quote, to be safe.
          return attribution.content !== undefined && (content === undefined || (content.start < end && content.end > choice.quote.start));
        });
        if (!attributed && choice.quote.text.split(/\s+/).length >= MIN_GOLD_QUOTE_WORDS) out.push({ candidates: features, positive: choice.candidates.map((_, index) => index === nobody) });
        continue;
      }
      if (match.source === undefined) continue;
      const source = locate(match.source, article.text, text);
      const positive = choice.candidates.map((candidate) => isRight(candidate, match, source));
      // No candidate is right: whichever is chosen is wrong, so "nobody" is the right answer.
      if (!positive.includes(true)) positive[nobody] = true;
      out.push({ candidates: choice.candidates.map((candidate) => candidate.features), positive });
    }
  }
  return out;
}

function prepared(part: 'polnear-train' | 'polnear-dev') {
  return readPolnear(part).flatMap((article) => {
    const result = prepareArticle({ origin: { path: article.name, format: 'text' }, text: article.text }, 0);
    return result.ok ? [{ article, text: result.article.text }] : [];
  });
}

/** A small seeded generator (mulberry32) for the shuffle. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function score(features: readonly string[], weights: Map<string, number>): number {
  let total = 0;
  for (const feature of features) total += weights.get(feature) ?? 0;
  return total;
}

/** The averaged perceptron for ranking (Collins 2002), with the usual lazy-average bookkeeping. */
function trainOne(data: Example[], seed: number, known: Set<string>): Record<string, number> {
  const weights = new Map<string, number>();
  const totals = new Map<string, number>();
  const stamps = new Map<string, number>();
  let step = 1;
  const bump = (feature: string, delta: number) => {
    if (!known.has(feature)) return;
    const current = weights.get(feature) ?? 0;
    totals.set(feature, (totals.get(feature) ?? 0) + (step - (stamps.get(feature) ?? 0)) * current);
    stamps.set(feature, step);
    weights.set(feature, current + delta);
  };
  const next = random(seed);
  const order = data.map((_, index) => index);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const index of order) {
      const example = data[index]!;
      const scores = example.candidates.map((features) => score(features, weights));
      const predicted = scores.indexOf(Math.max(...scores));
      if (!example.positive[predicted]) {
        mistakes++;
        let best = -1;
        for (let k = 0; k < scores.length; k++) if (example.positive[k] && (best < 0 || scores[k]! > scores[best]!)) best = k;
        for (const feature of example.candidates[best]!) bump(feature, 1);
        for (const feature of example.candidates[predicted]!) bump(feature, -1);
      }
      step++;
    }
    if (epoch === EPOCHS - 1) console.log(`  seed ${seed}, last epoch: ${mistakes} mistakes on ${data.length} quotes`);
  }
  const averaged: Record<string, number> = {};
  for (const [feature, weight] of weights) {
    const total = (totals.get(feature) ?? 0) + (step - (stamps.get(feature) ?? 0)) * weight;
    const mean = total / step;
    averaged[feature] = mean;
  }
  return averaged;
}

function train(data: Example[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const example of data) for (const features of example.candidates) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const known = new Set([...counts].filter(([, count]) => count >= MIN_COUNT).map(([feature]) => feature));
  const sum: Record<string, number> = {};
  for (let seed = 1; seed <= SEEDS; seed++) for (const [feature, weight] of Object.entries(trainOne(data, seed, known))) sum[feature] = (sum[feature] ?? 0) + weight / SEEDS;
  const kept: Record<string, number> = {};
  for (const [feature, weight] of Object.entries(sum)) if (Math.abs(weight) >= MIN_WEIGHT) kept[feature] = Number(weight.toFixed(3));
  return kept;
}

function accuracy(data: Example[], weights: Record<string, number>): string {
  const map = new Map(Object.entries(weights));
  let right = 0;
  for (const example of data) {
    const scores = example.candidates.map((features) => score(features, map));
    if (example.positive[scores.indexOf(Math.max(...scores))]) right++;
  }
  return `${(right / Math.max(1, data.length)).toFixed(3)} (${right}/${data.length})`;
}

function main(): void {
  const articles = prepared('polnear-train');
  if (articles.length === 0) {
    console.log(`train-speakers: PolNeAR train not found under ${POLNEAR_ROOT}; nothing written`);
    return;
  }
  let weights: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const data = examples(articles, weights);
    console.log(`round ${round + 1}: ${data.length} training quotes with a right candidate among 2+`);
    weights = train(data);
    console.log(`  ranking accuracy on train: ${accuracy(data, weights)}; ${Object.keys(weights).length} weights`);
  }
  const sorted = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const body = JSON.stringify(sorted, null, 0).replace(/,"/g, ',\n  "').replace(/^\{/, '{\n  ').replace(/\}$/, ',\n}');
  writeFileSync(
    OUT,
    `// Written by bench/train-speakers.ts (averaged perceptrons over PolNeAR train, ${EPOCHS} epochs, ${ROUNDS} rounds, ${SEEDS} seeds);\n` +
      `// do not edit by hand: rerun the script. Feature names are made in src/facts/quotes.ts chooseSpeakers.\n` +
      `export const SPEAKER_WEIGHTS: Readonly<Record<string, number>> = ${body};\n`,
  );
  console.log(`wrote ${Object.keys(sorted).length} weights to ${OUT.pathname}`);
}

main();
