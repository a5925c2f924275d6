// Preparing articles as `ingest --jobs 1` does (prepareForIngest: clean, text, sketch, paragraph keys, term
// frequencies), in one process, this checkout's sources against another's, alternated round by round: CPU of
// the process (its collector threads included) and minor collections, an article. The prepared results of the
// two trees are compared (the whole article, sketch, paragraph keys, frequencies) and must be the same.
//   node --import tsx bench/prepare-ab.ts CORPUS.jsonl --base /tmp/base [--lines 3000] [--rounds 4]
// The young generation is kept at its first size, as bin/newsfold.js keeps it.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type * as Ingest from '../src/ingest/index.ts';
import type * as Prepare from '../src/engine/prepare.ts';
import type * as Candidates from '../src/match/candidates.ts';
import type { RawArticle } from '../src/model.ts';

setFlagsFromString('--semi-space-growth-factor=1');

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const corpus = args[0]!;
const baseRoot = option('--base');
if (baseRoot === undefined) throw new Error('usage: prepare-ab.ts CORPUS.jsonl --base DIR [--lines N] [--rounds N]');
const lines = Number(option('--lines') ?? 3000);
const rounds = Number(option('--rounds') ?? 4);

interface Tree {
  name: string;
  prepareForIngest: typeof Prepare.prepareForIngest;
  sketch: Candidates.SketchSettings;
}
async function load(name: string, root: string): Promise<Tree> {
  const at = (path: string) => pathToFileURL(join(resolve(root), path)).href;
  const prepare = (await import(at('src/engine/prepare.ts'))) as typeof Prepare;
  const candidates = (await import(at('src/match/candidates.ts'))) as typeof Candidates;
  return { name, prepareForIngest: prepare.prepareForIngest, sketch: candidates.DEFAULT_SKETCH_SETTINGS };
}
const trees = [await load('this', join(import.meta.dirname, '..')), await load('base', baseRoot)];

const { readInputs } = (await import('../src/ingest/index.ts')) as typeof Ingest;
const raws: RawArticle[] = [];
for await (const item of readInputs([corpus])) {
  if (item.kind === 'article') raws.push(item.raw);
  if (raws.length >= lines) break;
}

let minorCollections = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minorCollections++;
}).observe({ entryTypes: ['gc'] });

/** One pass over the articles: CPU ms and minor collections an article, and a digest of what was prepared. */
async function pass(tree: Tree): Promise<{ cpu: number; minor: number; digest: string }> {
  // Let the observer deliver the last pass's collections before counting this one's.
  await new Promise((done) => setTimeout(done, 20));
  const hash = createHash('sha256');
  const before = minorCollections;
  const started = process.cpuUsage();
  for (const raw of raws) {
    const prepared = tree.prepareForIngest(raw, 0, tree.sketch);
    if (!prepared.ok) continue;
    const { article } = prepared;
    const { sketch } = prepared;
    // The whole article (text, title, language, paragraphs, sentences, ids ...), the sketch, keys and frequencies.
    hash.update(`${JSON.stringify(article)} ${Buffer.from(sketch.signature).toString('base64')} ${[...sketch.bandKeys].join(',')} ${[...sketch.fingerprints].join(',')} ${[...sketch.probeKeys].join(',')} ${prepared.paragraphKeys.join(',')} ${JSON.stringify([...prepared.frequencies])}\n`);
  }
  const used = process.cpuUsage(started);
  await new Promise((done) => setTimeout(done, 20));
  return { cpu: (used.user + used.system) / 1000 / raws.length, minor: (minorCollections - before) / raws.length, digest: hash.digest('hex').slice(0, 16) };
}

console.log(`${raws.length} articles, ${rounds} rounds alternated (order swapped each round)`);
console.log('round  tree  CPU ms/article  minor GCs/article  digest');
const results = new Map<string, number[]>(trees.map((tree) => [tree.name, []]));
// A warm-up pass each, not counted: wink's model and the caches are loaded once.
for (const tree of trees) await pass(tree);
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 === 1 ? trees : [...trees].reverse();
  for (const tree of order) {
    const result = await pass(tree);
    results.get(tree.name)!.push(result.cpu);
    console.log(`${String(round).padStart(5)}  ${tree.name.padEnd(4)}  ${result.cpu.toFixed(3).padStart(14)}  ${result.minor.toFixed(3).padStart(17)}  ${result.digest}`);
  }
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
for (const [name, values] of results) console.log(`median ${name}: ${median(values).toFixed(3)} ms an article`);
