// A/B of the copy index's sketch + search (+ insert) against an older checkout of this repository, in one
// process, interleaved article by article (alternating which goes first), medians over blocks. Written to
// price the 40-bit keys against the 32-bit ones of commit 4adc82d; any two checkouts with the same
// sketchArticle / CopyIndex API compare.
//
// Run: git -C . archive 4adc82d src | tar -x -C /tmp/newsfold-4adc82d
//      node --import tsx bench/copy-keys-ab.ts --old /tmp/newsfold-4adc82d --corpus /tmp/newsfold-copies-100000 [--articles 20000]
//        [--preload 80000]      index this many articles first (both sides, untimed), then time the next --articles
//        [--without-insert]     time sketch + search only (the index stays at the preloaded size)
//        [--compiled]           both sides from their dist/ (npm run build here; tsc -p tsconfig.build.json there),
//                               as bin/newsfold.js runs: through tsx every call between modules pays a getter
//        [--compare]            check that both sides answer every query alike (the same LSH slots, the same
//                               slots with the same shared-key counts) and print how many differed

// Rates are by wall time and by CPU time (process.cpuUsage around each call, which adds about a microsecond
// to each side); on a shared machine compare the ratio, not the rates.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Candidates from '../src/match/candidates.ts';
import type { CopyIndex } from '../src/sketch/copy-index.ts';

/** Articles per timing block; rates are medians over blocks. */
const BLOCK = 2000;

interface Side {
  sketch: (text: string) => { signature: Uint8Array; bandKeys: ArrayLike<number>; fingerprints: ArrayLike<number>; probeKeys?: ArrayLike<number> };
  index: { query: (b: never, f: never, p: never) => { lsh: number[]; fingerprints: Map<number, number> }; add: (slot: number, b: never, f: never) => void; bytes: () => { used: number } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

/** True when two queries found the same LSH slots and the same slots with the same shared-key counts. */
function sameAnswer(a: { lsh: number[]; fingerprints: Map<number, number> }, b: { lsh: number[]; fingerprints: Map<number, number> }): boolean {
  if (a.fingerprints.size !== b.fingerprints.size || a.lsh.length !== b.lsh.length) return false;
  for (const [slot, shared] of a.fingerprints) if (b.fingerprints.get(slot) !== shared) return false;
  const lsh = new Set(b.lsh);
  return a.lsh.every((slot) => lsh.has(slot));
}

/** True when two sketches hold the same signature bytes and keys in the same order (band keys, fingerprints, probe keys). */
function sameSketch(a: ReturnType<Side['sketch']>, b: ReturnType<Side['sketch']>): boolean {
  const same = (x: ArrayLike<number> | undefined, y: ArrayLike<number> | undefined) =>
    (x?.length ?? 0) === (y?.length ?? 0) && Array.from({ length: x?.length ?? 0 }, (_, i) => x![i] === y![i]).every(Boolean);
  return Buffer.compare(a.signature, b.signature) === 0 && same(a.bandKeys, b.bandKeys) && same(a.fingerprints, b.fingerprints) && same(a.probeKeys, b.probeKeys);
}

/** The first `count` lines of a JSON Lines file, read in pieces (a 100k corpus is 300+ MB). */
function firstTexts(path: string, count: number): string[] {
  const texts: string[] = [];
  const data = readFileSync(path);
  let start = 0;
  while (texts.length < count && start < data.length) {
    let end = data.indexOf(10, start);
    if (end < 0) end = data.length;
    const line = data.toString('utf8', start, end);
    if (line.trim() !== '') texts.push((JSON.parse(line) as { text: string }).text);
    start = end + 1;
  }
  return texts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      old: { type: 'string' },
      corpus: { type: 'string' },
      articles: { type: 'string', default: '20000' },
      preload: { type: 'string', default: '0' },
      'without-insert': { type: 'boolean', default: false },
      compiled: { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
    },
  });
  const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');
  if (values.old === undefined || corpus === undefined || !existsSync(corpus) || !existsSync(join(values.old, 'src/match/candidates.ts'))) {
    console.log('copy-keys-ab: needs --old (a checkout with src/) and --corpus (from bench/copy-corpus.ts). Skipping.');
    return;
  }
  const load = async (root: string) => {
    const file = (module: string) => pathToFileURL(join(root, values.compiled ? `dist/src/${module}.js` : `src/${module}.ts`)).href;
    const candidates = (await import(file('match/candidates'))) as typeof Candidates;
    const indexModule = (await import(file('sketch/copy-index'))) as { CopyIndex: typeof CopyIndex };
    return {
      sketch: (text: string) => candidates.sketchArticle({ text }, candidates.DEFAULT_SKETCH_SETTINGS),
      index: new indexModule.CopyIndex() as unknown as Side['index'],
    } satisfies Side;
  };
  const oldRoot = resolve(values.old);
  const sides: Side[] = [await load(oldRoot), await load(resolve(import.meta.dirname, '..'))];
  const articles = Number(values.articles);
  const preload = Number(values.preload);
  const insert = !values['without-insert'];
  const texts = firstTexts(corpus, preload + articles);
  for (let slot = 0; slot < Math.min(preload, texts.length); slot++) {
    for (const side of sides) {
      const sketch = side.sketch(texts[slot]!);
      side.index.add(slot, sketch.bandKeys as never, sketch.fingerprints as never);
    }
  }
  const spent = [0n, 0n];
  const cpu = [0, 0];
  // Totals over the whole run as well: a packing of the index falls in few blocks, which a median leaves out.
  const cpuTotal = [0, 0];
  const rates: number[][] = [[], []];
  const cpuRates: number[][] = [[], []];
  let sink = 0;
  let timed = 0;
  let differing = 0;
  let sketchesDiffering = 0;
  const answers: (ReturnType<Side['index']['query']> | undefined)[] = [undefined, undefined];
  const sketches: (ReturnType<Side['sketch']> | undefined)[] = [undefined, undefined];
  for (let slot = preload; slot < texts.length; slot++) {
    const text = texts[slot]!;
    const order = slot % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const side = sides[which]!;
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      const sketch = side.sketch(text);
      // An arriving article also looks up its probe keys where the checkout has them (issue 21 on).
      const found = side.index.query(sketch.bandKeys as never, sketch.fingerprints as never, (sketch.probeKeys ?? new Float64Array(0)) as never);
      if (insert) side.index.add(slot, sketch.bandKeys as never, sketch.fingerprints as never);
      spent[which]! += process.hrtime.bigint() - start;
      const used = process.cpuUsage(cpuStart);
      cpu[which]! += used.user + used.system;
      cpuTotal[which]! += used.user + used.system;
      sink += found.lsh.length + found.fingerprints.size;
      answers[which] = found;
      sketches[which] = sketch;
    }
    if (values.compare && !sameAnswer(answers[0]!, answers[1]!)) differing++;
    if (values.compare && !sameSketch(sketches[0]!, sketches[1]!)) sketchesDiffering++;
    if (++timed % BLOCK === 0) {
      for (const which of [0, 1]) {
        rates[which]!.push(BLOCK / (Number(spent[which]!) / 1e9));
        cpuRates[which]!.push(BLOCK / (cpu[which]! / 1e6));
        spent[which] = 0n;
        cpu[which] = 0;
      }
    }
  }
  const [oldRate, newRate] = [median(rates[0]!), median(rates[1]!)];
  const [oldCpu, newCpu] = [median(cpuRates[0]!), median(cpuRates[1]!)];
  const indexed = insert ? texts.length : Math.min(preload, texts.length);
  console.log(
    `${timed} articles ${insert ? 'sketched, searched and inserted' : 'sketched and searched (no insert)'} after ${Math.min(preload, texts.length)} preloaded, medians over blocks of ${BLOCK}:` +
      ` old (${oldRoot}) ${oldRate.toFixed(0)} articles/s wall, ${oldCpu.toFixed(0)} by CPU time; this checkout ${newRate.toFixed(0)} wall, ${newCpu.toFixed(0)} by CPU time;` +
      ` ratio this/old ${(newRate / oldRate).toFixed(3)} wall, ${(newCpu / oldCpu).toFixed(3)} CPU;` +
      ` over the whole run by CPU time: old ${(timed / (cpuTotal[0]! / 1e6)).toFixed(0)}, this ${(timed / (cpuTotal[1]! / 1e6)).toFixed(0)} articles/s, ratio ${(cpuTotal[0]! / cpuTotal[1]!).toFixed(3)};` +
      (values.compare ? ` queries answered differently: ${differing} of ${timed}, sketches differing: ${sketchesDiffering};` : '') +
      ` copy index bytes/article in use: old ${(sides[0]!.index.bytes().used / indexed).toFixed(0)}, this ${(sides[1]!.index.bytes().used / indexed).toFixed(0)} (sink ${sink % 7})`,
  );
}

await main();
