// A/B of sketchArticle alone against another checkout, both compiled (dist/), in one process, interleaved in
// blocks of 500 articles (alternating which goes first), by CPU time; checks that both give the same sketches
// (signature bytes, band keys, fingerprints, probe keys) on the first 3,000 articles.
// Run: node --import tsx bench/sketch-ab.ts --old DIR --corpus DIR [--articles 6000] [--rounds 4]
//      (npm run build here; in DIR: tsc -p tsconfig.build.json)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Candidates from '../src/match/candidates.ts';

const BLOCK = 500;
const CHECKED = 3000;
const { values } = parseArgs({ options: { old: { type: 'string' }, corpus: { type: 'string' }, articles: { type: 'string', default: '6000' }, rounds: { type: 'string', default: '4' } } });
const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');
const roots = [values.old, resolve(import.meta.dirname, '..')].map((root) => (root === undefined ? undefined : join(resolve(root), 'dist/src/match/candidates.js')));
if (corpus === undefined || !existsSync(corpus) || roots.some((file) => file === undefined || !existsSync(file))) {
  console.log('sketch-ab: needs --old (a checkout with dist/) and --corpus (from bench/copy-corpus.ts), and dist/ here (npm run build). Skipping.');
  process.exit(0);
}
const sides = (await Promise.all(roots.map((file) => import(pathToFileURL(file!).href)))) as (typeof Candidates)[];
const count = Number(values.articles);
const texts = readFileSync(corpus, 'utf8').split('\n', count).map((line) => (JSON.parse(line) as { text: string }).text);
const sketch = (side: typeof Candidates, text: string) => side.sketchArticle({ text }, side.DEFAULT_SKETCH_SETTINGS);
const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.from(x).every((value, i) => value === y[i]);
let differing = 0;
for (const text of texts.slice(0, CHECKED)) {
  const [a, b] = sides.map((side) => sketch(side, text)) as [Candidates.ArticleSketch, Candidates.ArticleSketch];
  const equal = Buffer.compare(a.signature, b.signature) === 0 && same(a.bandKeys, b.bandKeys) && same(a.fingerprints, b.fingerprints) && same(a.probeKeys, b.probeKeys);
  if (!equal) differing++;
}
const perArticle: number[][] = [[], []];
let sink = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  for (let start = 0; start < texts.length; start += BLOCK) {
    for (const which of (start / BLOCK) % 2 === 0 ? [0, 1] : [1, 0]) {
      const before = process.cpuUsage();
      const end = Math.min(texts.length, start + BLOCK);
      for (let i = start; i < end; i++) sink += sketch(sides[which]!, texts[i]!).probeKeys.length;
      const used = process.cpuUsage(before);
      perArticle[which]!.push((used.user + used.system) / (end - start));
    }
  }
}
const median = (list: number[]) => [...list].sort((x, y) => x - y)[list.length >> 1]!;
const mean = (list: number[]) => list.reduce((sum, x) => sum + x, 0) / list.length;
const [oldUs, newUs] = perArticle as [number[], number[]];
console.log(
  `sketch, us an article by CPU time: old median ${median(oldUs).toFixed(1)} (mean ${mean(oldUs).toFixed(1)}), this checkout ${median(newUs).toFixed(1)} (${mean(newUs).toFixed(1)});` +
    ` ratio old/this ${(median(oldUs) / median(newUs)).toFixed(3)} median, ${(mean(oldUs) / mean(newUs)).toFixed(3)} mean; sketches differing ${differing} of ${Math.min(CHECKED, texts.length)} (sink ${sink % 7})`,
);
