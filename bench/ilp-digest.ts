// The selection rule against the exact optimum it approximates: Gillick and Favre's (2009) concept-coverage
// ILP, solved with HiGHS (the `highs` npm package, MIT, WebAssembly; a dev dependency used only here).
// Same concepts and weights as the digest (selectionProblem), DUC 2006 with the topic narrative as query,
// 250 words, ROUGE-2/SU4 recall jackknifed as in eval-digest.ts; digest times are the whole buildDigest.
//   maximize sum w_i c_i  s.t.  sum l_j s_j <= L;  s_j <= c_i for each concept i in sentence j;
//   c_i <= sum_{j containing i} s_j;  s_j <= s_a for a sentence j pointing back to sentence a;  c, s binary.
// The ILP runs over the best POOL candidates by the greedy rule's first-round value (all of them is slower).
// Run: npm run bench:ilp   (node --import tsx bench/ilp-digest.ts [POOL ...])
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import highsModule from 'highs';
import { buildDigest, select, type Candidate, type Selector } from '../src/digest/index.ts';
import { prepareStory } from '../src/engine/summarize.ts';
import { averageScores, rouge, ROUGE_2, ROUGE_SU4, type RougeScore } from '../src/rouge/index.ts';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';
import { readModels, readRougeEvaluations, readTopics } from './lib/duc-rouge.ts';

const DUC_WORDS = 250;
/** Candidate pools tried by default: the ILP's cost grows steeply with the pool. */
const DEFAULT_POOLS = [30, 100];
/** A solve taking longer is stopped and its best solution so far used. */
const SOLVER_TIME_LIMIT_S = 5;
/** Relative optimality gap at which HiGHS may stop. */
const SOLVER_GAP = 0.001;

// highs is CommonJS: its module.exports is the loader its types call `default`.
const highsLoader = highsModule as unknown as (typeof highsModule)['default'];
const highs = await highsLoader();

function worth(candidate: Candidate, weights: Float64Array): number {
  let total = 0;
  for (const concept of candidate.concepts) total += weights[concept]!;
  return total / candidate.words;
}

function ilpSelector(pool: number): Selector {
  return (all, weights, budget) => {
    const ranked = [...all].sort((x, y) => worth(y, weights) - worth(x, weights)).slice(0, pool);
    // A pointing sentence needs its antecedent, as in the digest: dropped when the antecedent is not in the pool.
    const candidates = ranked.filter((candidate) => candidate.antecedent === undefined || ranked.includes(candidate.antecedent));
    const users = new Map<number, number[]>();
    candidates.forEach((candidate, index) => {
      for (const concept of candidate.concepts) {
        if (weights[concept]! <= 0) continue;
        const list = users.get(concept) ?? [];
        list.push(index);
        users.set(concept, list);
      }
    });
    const objective = [...users.keys()].map((concept) => `+ ${weights[concept]!.toFixed(4)} c${concept}`).join(' ');
    const rows = [` length: ${candidates.map((candidate, index) => `+ ${candidate.words} s${index}`).join(' ')} <= ${budget}`];
    let row = 0;
    candidates.forEach((candidate, index) => {
      if (candidate.antecedent !== undefined) rows.push(` r${row++}: s${index} - s${candidates.indexOf(candidate.antecedent)} <= 0`);
    });
    for (const [concept, holders] of users) {
      rows.push(` r${row++}: c${concept} ${holders.map((index) => `- s${index}`).join(' ')} <= 0`);
      for (const index of holders) rows.push(` r${row++}: s${index} - c${concept} <= 0`);
    }
    const binaries = [...[...users.keys()].map((concept) => `c${concept}`), ...candidates.map((_, index) => `s${index}`)];
    const model = `Maximize\n obj: ${objective || '0 s0'}\nSubject To\n${rows.join('\n')}\nBinary\n ${binaries.join('\n ')}\nEnd\n`;
    const solution = highs.solve(model, { time_limit: SOLVER_TIME_LIMIT_S, mip_rel_gap: SOLVER_GAP, output_flag: false });
    return candidates.filter((_, index) => ((solution.Columns[`s${index}`] as { Primal?: number } | undefined)?.Primal ?? 0) > 0.5);
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  if (!existsSync(join(DUC2006_ROOT, 'docs'))) {
    console.log(`skipped: DUC 2006 not found under ${DUC2006_ROOT}`);
    return;
  }
  const pools = process.argv.slice(2).map(Number).filter((pool) => pool > 0);
  const selectors: Array<[string, Selector]> = [
    ['greedy + swap search (the digest)', select],
    ...(pools.length > 0 ? pools : DEFAULT_POOLS).map((pool): [string, Selector] => [`ILP (HiGHS), best ${pool} candidates`, ilpSelector(pool)]),
  ];
  const evaluations = await readRougeEvaluations();
  const topics = new Map((await readTopics()).map((topic) => [topic.id, topic]));
  const clusters = await readDucClusters();
  const results = selectors.map(() => ({ r2: [] as RougeScore[], su4: [] as RougeScore[], ms: [] as number[] }));
  for (const cluster of clusters) {
    const topicId = cluster.id.replace(/[A-Z]$/, '');
    const models = await readModels(topicId, evaluations);
    const story = prepareStory(cluster.documents.map((document) => document.raw));
    const topic = topics.get(topicId);
    const query = topic === undefined ? {} : { query: `${topic.title} ${topic.narrative}` };
    selectors.forEach(([, selector], index) => {
      const started = performance.now();
      const digest = buildDigest({ storyId: 'ilp', articles: story.articles, relations: story.relations, words: DUC_WORDS, ...query }, selector);
      results[index]!.ms.push(performance.now() - started);
      const scores = rouge(digest.sentences.map((sentence) => sentence.text), models, [ROUGE_2, ROUGE_SU4], { stem: true, wordLimit: DUC_WORDS, jackknife: true });
      results[index]!.r2.push(scores.get('ROUGE-2')!);
      results[index]!.su4.push(scores.get('ROUGE-SU4')!);
    });
  }
  console.log(`DUC 2006 with the topic narrative as query, ${clusters.length} clusters, ${DUC_WORDS} words`);
  selectors.forEach(([name], index) => {
    const result = results[index]!;
    console.log(
      `  ${name.padEnd(36)} ROUGE-2 ${averageScores(result.r2).recall.toFixed(4)}  ROUGE-SU4 ${averageScores(result.su4).recall.toFixed(4)}  digest median ${median(result.ms).toFixed(0)} ms, slowest ${Math.max(...result.ms).toFixed(0)} ms`,
    );
  });
}

await main();
