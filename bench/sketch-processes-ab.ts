// A/B of sketchArticle alone against another checkout, each side in its own child process, processes alternated
// (old, this, old, this, ...): no side shares a JIT, inline cache or heap with the other, which an in-process A/B
// (bench/sketch-ab.ts) cannot promise. Each child sketches the first --articles texts --rounds times (compiled,
// from its dist/) and reports the least and the median of its rounds, us an article by CPU time.
// Run: node --import tsx bench/sketch-processes-ab.ts --old DIR --corpus DIR [--articles 4000] [--rounds 7] [--pairs 4]
//      (npm run build here; DIR a checkout with dist/)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Candidates from '../src/match/candidates.ts';
import { firstTexts } from './lib/corpus-texts.ts';

const { values } = parseArgs({
  options: {
    old: { type: 'string' },
    corpus: { type: 'string' },
    articles: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '7' },
    pairs: { type: 'string', default: '4' },
    child: { type: 'string' },
  },
});
const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');


if (values.child !== undefined) {
  // Child: one checkout's sketch over the texts, --rounds times; prints "least median" in us an article.
  const side = (await import(pathToFileURL(join(values.child, 'dist/src/match/candidates.js')).href)) as typeof Candidates;
  const texts = firstTexts(corpus!, Number(values.articles));
  const rounds: number[] = [];
  let sink = 0;
  for (let round = 0; round < Number(values.rounds); round++) {
    const before = process.cpuUsage();
    for (const text of texts) sink += side.sketchArticle({ text }, side.DEFAULT_SKETCH_SETTINGS).probeKeys.length;
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / texts.length);
  }
  rounds.sort((x, y) => x - y);
  console.log(`${rounds[0]!.toFixed(2)} ${rounds[rounds.length >> 1]!.toFixed(2)} ${sink % 7}`);
  process.exit(0);
}

const roots = [values.old, resolve(import.meta.dirname, '..')].map((root) => (root === undefined ? undefined : resolve(root)));
if (corpus === undefined || !existsSync(corpus) || roots.some((root) => root === undefined || !existsSync(join(root, 'dist/src/match/candidates.js')))) {
  console.log('sketch-processes-ab: needs --old (a checkout with dist/) and --corpus (from bench/copy-corpus.ts), and dist/ here (npm run build). Skipping.');
  process.exit(0);
}
const medians: number[][] = [[], []];
const least: number[][] = [[], []];
for (let pair = 0; pair < Number(values.pairs); pair++) {
  const line: string[] = [];
  for (const which of [0, 1]) {
    const args = ['--import', 'tsx', import.meta.filename, '--child', roots[which]!, '--corpus', values.corpus!, '--articles', values.articles!, '--rounds', values.rounds!];
    const [low, median] = execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split(' ').map(Number) as [number, number];
    least[which]!.push(low);
    medians[which]!.push(median);
    line.push(`${which === 0 ? 'old' : 'this'} ${low.toFixed(1)} / ${median.toFixed(1)}`);
  }
  console.log(`pair ${pair + 1}: ${line.join(', ')} us an article (least / median of ${values.rounds} rounds)`);
}
const median = (list: number[]) => [...list].sort((x, y) => x - y)[list.length >> 1]!;
const [oldLeast, newLeast] = least.map(median) as [number, number];
const [oldMedian, newMedian] = medians.map(median) as [number, number];
console.log(
  `sketch, us an article by CPU time, medians over ${values.pairs} process pairs: old least ${oldLeast.toFixed(1)}, median ${oldMedian.toFixed(1)};` +
    ` this least ${newLeast.toFixed(1)}, median ${newMedian.toFixed(1)}; ratio old/this ${(oldLeast / newLeast).toFixed(3)} (least), ${(oldMedian / newMedian).toFixed(3)} (median)`,
);
