// A/B of the word pass alone (kernels.ts wordHashesOf: the copy in, the module's word pass, the words it hands
// back to tokens.ts) against another checkout, both compiled (dist/), in one process, alternated, by CPU time;
// checks that both give the same word hashes on every text first.
// Run: node --import tsx bench/word-pass-ab.ts --old DIR --corpus DIR [--articles 5000] [--rounds 9]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Kernels from '../src/sketch/kernels.ts';

const SEED = 0x9747b28c;
const { values } = parseArgs({ options: { old: { type: 'string' }, corpus: { type: 'string' }, articles: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '9' } } });
const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');
const roots = [values.old, resolve(import.meta.dirname, '..')].map((root) => (root === undefined ? undefined : join(resolve(root), 'dist/src/sketch/kernels.js')));
if (corpus === undefined || !existsSync(corpus) || roots.some((file) => file === undefined || !existsSync(file))) {
  console.log('word-pass-ab: needs --old (a checkout with dist/) and --corpus (from bench/copy-corpus.ts), and dist/ here (npm run build). Skipping.');
  process.exit(0);
}
const sides = (await Promise.all(roots.map((file) => import(pathToFileURL(file!).href)))) as (typeof Kernels)[];
const texts = readFileSync(corpus, 'utf8').split('\n', Number(values.articles)).map((line) => (JSON.parse(line) as { text: string }).text);
let differing = 0;
for (const text of texts) {
  const [a, b] = sides.map((side) => side.wordHashesOf(text, SEED)) as [Uint32Array, Uint32Array];
  if (a.length !== b.length || a.some((value, i) => value !== b[i])) differing++;
}
let sink = 0;
const timeOf = (side: typeof Kernels) => {
  const before = process.cpuUsage();
  for (const text of texts) sink += side.wordHashesOf(text, SEED).length;
  const used = process.cpuUsage(before);
  return (used.user + used.system) / texts.length;
};
const times: [number[], number[]] = [[], []];
for (let round = 0; round < Number(values.rounds); round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  for (const side of order) times[side]!.push(timeOf(sides[side]!));
}
const median = (list: number[]) => [...list].sort((x, y) => x - y)[list.length >> 1]!;
const [old, now] = times.map(median) as [number, number];
console.log(`word pass, us an article by CPU time (median of ${values.rounds}): old ${old.toFixed(2)}, this checkout ${now.toFixed(2)}; ratio old/this ${(old / now).toFixed(3)}; texts differing ${differing} of ${texts.length} (sink ${sink % 7})`);
