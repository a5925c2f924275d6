// Experiment (issue 4): does a learned join decision over separate subspace similarities (title, body, entities;
// Miranda et al. 2018) cluster the story streams better than the one combined-cosine threshold?
// 2-fold by gold story: the gold stories of each stream are split in two halves (alternately by first
// appearance); each half is its own stream. A model is trained on one half only (rows from a teacher run that
// knows the gold stories, or from StoryStream's own run; logistic regression, IRLS), its probability threshold
// chosen on the same half (best BCubed F1), and it is scored on the other half, against StoryStream's
// decision on that same half. Then the model trained on the whole mixed stream is applied unchanged to
// MMDS2025 dev and WikiRef220 (transfer). No figure printed as a result is trained and tested on the same stories.
// Run: node --import tsx bench/learned-join.ts [teacher|policy|both] [all|top]   (FEATURES=combined,body,... to restrict)
//      node --import tsx bench/learned-join.ts speed   (same-process assignment-speed A/B)
import { loadavg } from 'node:os';
import type { Article } from '../src/model.ts';
import { horizonTimes } from '../src/stories/assign.ts';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../src/stories/stream.ts';
import { DEFAULT_FEATURE_WEIGHTS, ENTITY_PREFIX, internTerms, termFrequencies, type InternedTerms } from '../src/stories/vectors.ts';
import { FEATURE_NAMES, LearnedStream, type JoinModel, type LearnedOptions, type SubspaceArticle } from './lib/learned-stream.ts';
import { shuffled } from './lib/seeded.ts';
import { MMDS_CATCH_ALL_LABEL, readDuc, readMmdsDev, readMultiNews, readWikiref } from './lib/story-corpora.ts';
import { frequenciesOf, goldOf, prepareAll, runStream, scoreClustering, streamArticle, type PrepareResult, type StreamScore } from './lib/story-eval.ts';
import { mixedStreamLateness, STREAM_SEEDS } from './lib/story-streams.ts';

type Subspaces = readonly [InternedTerms, InternedTerms, InternedTerms];

/** Title words (weight 1), body words without entity terms (names weight 1), entity terms: the pairs experiment's subspaces. */
export function subspaceFrequencies(article: Article): Subspaces {
  const title = termFrequencies({ ...article, text: '', sentences: [] }, { ...DEFAULT_FEATURE_WEIGHTS, title: 1 });
  const bodyAll = termFrequencies({ ...article, title: '' }, { ...DEFAULT_FEATURE_WEIGHTS, entity: 1, name: 1 });
  const body = new Map([...bodyAll].filter(([term]) => !term.startsWith(ENTITY_PREFIX)));
  const entities = new Map([...bodyAll].filter(([term]) => term.startsWith(ENTITY_PREFIX)));
  return [internTerms(title), internTerms(body), internTerms(entities)];
}

interface Corpus {
  name: string;
  prepared: PrepareResult;
  combined: Map<string, InternedTerms>;
  subspaces: Map<string, Subspaces>;
  settings: StreamSettings;
}

function corpus(name: string, prepared: PrepareResult, settings: StreamSettings): Corpus {
  return { name, prepared, combined: frequenciesOf(prepared.prepared), subspaces: new Map(prepared.prepared.map((item) => [item.key, subspaceFrequencies(item.article)])), settings };
}

/** The half (0 or 1) of each gold story: alternate by first appearance in the stream. */
function halves(prepared: PrepareResult): Map<string, number> {
  const half = new Map<string, number>();
  for (const item of [...prepared.prepared, ...prepared.rejected]) if (!half.has(item.gold)) half.set(item.gold, half.size % 2);
  return half;
}

function part(source: Corpus, half: number | undefined, name = source.name): Corpus {
  if (half === undefined) return source;
  const halfOf = halves(source.prepared);
  const keep = (gold: string) => halfOf.get(gold) === half;
  return { ...source, name: `${name} half ${half}`, prepared: { prepared: source.prepared.prepared.filter((item) => keep(item.gold)), rejected: source.prepared.rejected.filter((item) => keep(item.gold)), ms: 0 } };
}

function runLearned(source: Corpus, settings: StreamSettings, options: LearnedOptions): { score: StreamScore; storyOf: Map<string, string> } {
  const stream = new LearnedStream(settings, options);
  const inputs: SubspaceArticle[] = source.prepared.prepared.map((item) => ({ ...streamArticle(item.article, source.combined.get(item.key)!), subspaces: source.subspaces.get(item.key)!, gold: item.gold }));
  let candidates = 0;
  const start = process.cpuUsage();
  for (const input of inputs) candidates += stream.add(input).candidates;
  const used = process.cpuUsage(start);
  const storyOf = new Map<string, string>();
  for (const item of source.prepared.prepared) storyOf.set(item.key, stream.storyOf(item.article.id)!);
  for (const item of source.prepared.rejected) storyOf.set(item.key, `rejected:${item.key}`);
  const gold = goldOf(source.prepared.prepared, source.prepared.rejected);
  return { score: scoreClustering(storyOf, gold, (used.user + used.system) / 1000, candidates / Math.max(1, inputs.length)), storyOf };
}

/** Logistic regression by Newton's method (IRLS) with a small ridge; the last weight is the intercept. */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly number[], ridge = 1e-3, iterations = 30): number[] {
  const d = xs[0]!.length + 1;
  let w = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < xs.length; i++) {
      const x = [...xs[i]!, 1];
      let z = 0;
      for (let k = 0; k < d; k++) z += w[k]! * x[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const e = p - ys[i]!;
      const r = p * (1 - p);
      for (let a = 0; a < d; a++) {
        g[a]! += e * x[a]!;
        for (let b = 0; b < d; b++) h[a]![b]! += r * x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < d; a++) {
      h[a]![a]! += ridge;
      g[a]! += ridge * w[a]!;
    }
    const m = h.map((row, a) => [...row, g[a]!]);
    for (let c = 0; c < d; c++) {
      let pivot = c;
      for (let r = c + 1; r < d; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
      [m[c], m[pivot]] = [m[pivot]!, m[c]!];
      for (let r = 0; r < d; r++) {
        if (r === c) continue;
        const f = m[r]![c]! / m[c]![c]!;
        for (let k = c; k <= d; k++) m[r]![k]! -= f * m[c]![k]!;
      }
    }
    const step = m.map((row, a) => row[d]! / row[a]!);
    const next = w.map((value, k) => value - step[k]!);
    const moved = Math.max(...next.map((value, k) => Math.abs(value - w[k]!)));
    w = next;
    if (moved < 1e-9) break;
  }
  return w;
}

export const THRESHOLDS = Array.from({ length: 37 }, (_, index) => Math.round((0.05 + index * 0.025) * 1000) / 1000);

const SPEED_RUNS = 7;

export type RowSource = 'teacher' | 'policy';
/** How the model meets the candidates (see LearnedOptions.candidates). */
let CANDIDATES: 'all' | 'top' = 'all';
/** Features the model may use: FEATURES=combined,body (default all). */
const KEPT: ReadonlySet<string> = new Set(process.env.FEATURES === undefined ? FEATURE_NAMES : process.env.FEATURES.split(','));

/** Rows from the training corpus: the teacher's run (gold joins, no merges) or StoryStream's own run. */
function trainingRows(train: Corpus, source: RowSource): { xs: number[][]; ys: number[] } {
  const xs: number[][] = [];
  const ys: number[] = [];
  const collect = (rows: number[][], labels: number[]) => {
    xs.push(...rows);
    ys.push(...labels);
  };
  if (source === 'teacher') runLearned(train, { ...train.settings, mergeMinCosine: 2 }, { teacher: true, collect, candidates: CANDIDATES });
  else runLearned(train, train.settings, { collect, candidates: CANDIDATES });
  // Features left out (FEATURES=name,name keeps only those): a zero column keeps a zero weight under the ridge.
  for (const row of xs) FEATURE_NAMES.forEach((name, k) => {
    if (!KEPT.has(name)) row[k] = 0;
  });
  return { xs, ys };
}

/** Model fitted on the training corpus, threshold chosen there by BCubed F1. */
export function train(trainCorpus: Corpus, source: RowSource): { model: JoinModel; rows: number; positives: number; trainF1: number } {
  const { xs, ys } = trainingRows(trainCorpus, source);
  const weights = fitLogistic(xs, ys);
  let best = { threshold: THRESHOLDS[0]!, f1: -1 };
  for (const threshold of THRESHOLDS) {
    const f1 = runLearned(trainCorpus, trainCorpus.settings, { model: { weights, threshold }, candidates: CANDIDATES }).score.bcubed.f1;
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return { model: { weights, threshold: best.threshold }, rows: xs.length, positives: ys.reduce((a, b) => a + b, 0), trainF1: best.f1 };
}

const f = (value: number) => value.toFixed(3);
const cell = (score: StreamScore) => `${f(score.bcubed.precision)} / ${f(score.bcubed.recall)} / **${f(score.bcubed.f1)}** | ${f(score.pairwise.f1)}`;

function baseline(source: Corpus): { score: StreamScore; storyOf: Map<string, string> } {
  return runStream(source.prepared.prepared, source.prepared.rejected, source.combined, source.settings);
}

function modelText(model: JoinModel): string {
  return `${FEATURE_NAMES.map((name, k) => `${name} ${model.weights[k]!.toFixed(2)}`).join(', ')}, intercept ${model.weights[FEATURE_NAMES.length]!.toFixed(2)}; threshold ${model.threshold}`;
}

function relabelMmds(source: Corpus, storyOf: Map<string, string>): StreamScore {
  const gold = goldOf(source.prepared.prepared, source.prepared.rejected);
  return scoreClustering(storyOf, new Map([...gold].map(([key, label]) => [key, label === MMDS_CATCH_ALL_LABEL ? `single:${key}` : label])));
}

async function main(): Promise<void> {
  const sources = (process.argv[2] ?? 'both') === 'both' ? (['teacher', 'policy'] as RowSource[]) : [process.argv[2] as RowSource];
  CANDIDATES = process.argv[3] === 'top' ? 'top' : 'all';
  const duc = await readDuc();
  const multi = await readMultiNews();
  const mmds = await readMmdsDev();
  const wiki = await readWikiref();
  if (duc === undefined || multi === undefined || mmds === undefined || wiki === undefined) throw new Error('needs DUC 2006, Multi-News, MMDS2025 dev and WikiRef220 under ../shared/data');
  const mixedPrepared = prepareAll(shuffled([...duc, ...multi], STREAM_SEEDS.mixed));
  const live: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, latenessMs: mixedStreamLateness(mixedPrepared.prepared.map((item) => item.article)) };
  const mixedEvent = corpus('mixed, 7-day window', mixedPrepared, live);
  const mixedTopic = { ...mixedEvent, name: 'mixed, topic horizon', settings: { ...live, ...horizonTimes('topic') } };
  const mmdsCorpus = corpus('MMDS2025 dev', prepareAll(shuffled(mmds, STREAM_SEEDS.mmds)), DEFAULT_STREAM_SETTINGS);
  const wikiCorpus = corpus('WikiRef220', prepareAll(shuffled(wiki, STREAM_SEEDS.wikiref)), DEFAULT_STREAM_SETTINGS);

  // Sanity: without a model the experimental stream decides as StoryStream does.
  const check = runLearned(mixedEvent, mixedEvent.settings, {}).score.bcubed.f1;
  const reference = baseline(mixedEvent).score.bcubed.f1;
  console.log(`check: experimental stream without a model ${f(check)}, StoryStream ${f(reference)} (mixed, 7-day window)\n`);

  if (process.argv[2] === 'speed') {
    // Same-process A/B of assignment CPU time on the whole mixed stream: StoryStream vs the learned stream with
    // the model trained on that stream (teacher rows, all candidates), alternating, median of SPEED_RUNS each.
    CANDIDATES = 'all';
    for (const full of [mixedEvent, mixedTopic]) {
      const model = train(full, 'teacher').model;
      const rates = { current: [] as number[], learned: [] as number[] };
      for (let run = 0; run < SPEED_RUNS; run++) {
        const base = baseline(full).score;
        rates.current.push(base.articles / (base.assignMs / 1000));
        const learned = runLearned(full, full.settings, { model }).score;
        rates.learned.push(learned.articles / (learned.assignMs / 1000));
      }
      const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
      console.log(`${full.name}: assignment articles per CPU-second, median of ${SPEED_RUNS}: current ${median(rates.current).toFixed(0)}, learned ${median(rates.learned).toFixed(0)} (runs: ${rates.current.map((v) => v.toFixed(0)).join(' ')} | ${rates.learned.map((v) => v.toFixed(0)).join(' ')}); load ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
    }
    return;
  }
  for (const source of sources) {
    console.log(`features: ${[...KEPT].join(', ')}`);
    console.log(`## rows from ${source === 'teacher' ? 'a teacher run (gold joins, no merges)' : "StoryStream's own run (on-policy)"}; candidates: ${CANDIDATES}\n`);
    console.log('| stream | test half (trained on the other) | current: BCubed P / R / F1 | pairwise F1 | learned: BCubed P / R / F1 | pairwise F1 | threshold | training rows (positive) |');
    console.log('|---|---|---|---:|---|---:|---:|---|');
    const models: string[] = [];
    for (const full of [mixedEvent, mixedTopic, mmdsCorpus, wikiCorpus]) {
      const means = { base: 0, learned: 0 };
      for (const testHalf of [0, 1]) {
        const trainCorpus = part(full, 1 - testHalf);
        const testCorpus = part(full, testHalf);
        const trained = train(trainCorpus, source);
        const base = baseline(testCorpus);
        const learned = runLearned(testCorpus, testCorpus.settings, { model: trained.model, candidates: CANDIDATES });
        means.base += base.score.bcubed.f1 / 2;
        means.learned += learned.score.bcubed.f1 / 2;
        console.log(`| ${full.name} | ${testHalf} | ${cell(base.score)} | ${cell(learned.score)} | ${trained.model.threshold} | ${trained.rows} (${trained.positives}) |`);
        if (full.name === 'MMDS2025 dev') console.log(`| ${full.name}, catch-all as singletons | ${testHalf} | ${cell(relabelMmds(testCorpus, base.storyOf))} | ${cell(relabelMmds(testCorpus, learned.storyOf))} | | |`);
        models.push(`${full.name}, trained on half ${1 - testHalf}: ${modelText(trained.model)} (training-half F1 ${f(trained.trainF1)})`);
      }
      console.log(`| ${full.name} | mean of the two | **${f(means.base)}** | | **${f(means.learned)}** | | | |`);
    }
    // Transfer: trained on the whole mixed stream (7-day window settings), applied unchanged.
    const transfer = train(mixedEvent, source);
    for (const target of [mmdsCorpus, wikiCorpus]) {
      const base = baseline(target);
      const learned = runLearned(target, target.settings, { model: transfer.model, candidates: CANDIDATES });
      console.log(`| ${target.name} (transfer: mixed-trained model) | all | ${cell(base.score)} | ${cell(learned.score)} | ${transfer.model.threshold} | ${transfer.rows} (${transfer.positives}) |`);
      if (target === mmdsCorpus) console.log(`| ${target.name}, catch-all as singletons (transfer) | all | ${cell(relabelMmds(target, base.storyOf))} | ${cell(relabelMmds(target, learned.storyOf))} | | |`);
    }
    models.push(`whole mixed stream (transfer model): ${modelText(transfer.model)}`);
    console.log('');
    for (const line of models) console.log(`- ${line}`);
    console.log('');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
