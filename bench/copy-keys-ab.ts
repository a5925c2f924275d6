// A/B of the copy index's sketch + search + insert against an older checkout of this repository, in one
// process, interleaved article by article (alternating which goes first), medians over blocks. Written to
// price the 40-bit keys against the 32-bit ones of commit 4adc82d; any two checkouts with the same
// sketchArticle / CopyIndex API compare.
//
// Run: git -C . archive 4adc82d src | tar -x -C /tmp/newsfold-4adc82d
//      node --import tsx bench/copy-keys-ab.ts --old /tmp/newsfold-4adc82d --corpus /tmp/newsfold-copies-100000 [--articles 20000]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as current from '../src/match/candidates.ts';
import { CopyIndex } from '../src/sketch/copy-index.ts';

/** Articles per timing block; rates are medians over blocks. */
const BLOCK = 2000;

interface Side {
  sketch: (text: string) => { bandKeys: ArrayLike<number>; fingerprints: ArrayLike<number>; probeKeys?: ArrayLike<number> };
  index: { query: (b: never, f: never, p: never) => { lsh: number[]; fingerprints: Map<number, number> }; add: (slot: number, b: never, f: never) => void; bytes: () => { used: number } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { old: { type: 'string' }, corpus: { type: 'string' }, articles: { type: 'string', default: '20000' } } });
  const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');
  if (values.old === undefined || corpus === undefined || !existsSync(corpus) || !existsSync(join(values.old, 'src/match/candidates.ts'))) {
    console.log('copy-keys-ab: needs --old (a checkout with src/) and --corpus (from bench/copy-corpus.ts). Skipping.');
    return;
  }
  const oldRoot = resolve(values.old);
  const oldCandidates = (await import(pathToFileURL(join(oldRoot, 'src/match/candidates.ts')).href)) as typeof current;
  const oldIndexModule = (await import(pathToFileURL(join(oldRoot, 'src/sketch/copy-index.ts')).href)) as { CopyIndex: typeof CopyIndex };
  const sides: Side[] = [
    { sketch: (text) => oldCandidates.sketchArticle({ text }, oldCandidates.DEFAULT_SKETCH_SETTINGS), index: new oldIndexModule.CopyIndex() as unknown as Side['index'] },
    { sketch: (text) => current.sketchArticle({ text }, current.DEFAULT_SKETCH_SETTINGS), index: new CopyIndex() as unknown as Side['index'] },
  ];
  const articles = Number(values.articles);
  // The first `articles` lines only (a 100k corpus is 360 MB; this reads it whole, so keep --articles modest).
  const lines = readFileSync(corpus, 'utf8').split('\n', articles).filter((line) => line.trim() !== '');
  const spent = [0n, 0n];
  const rates: number[][] = [[], []];
  let sink = 0;
  for (let slot = 0; slot < lines.length; slot++) {
    const text = (JSON.parse(lines[slot]!) as { text: string }).text;
    const order = slot % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const side = sides[which]!;
      const start = process.hrtime.bigint();
      const sketch = side.sketch(text);
      // An arriving article also looks up its probe keys where the checkout has them (issue 21 on).
      const found = side.index.query(sketch.bandKeys as never, sketch.fingerprints as never, (sketch.probeKeys ?? new Float64Array(0)) as never);
      side.index.add(slot, sketch.bandKeys as never, sketch.fingerprints as never);
      spent[which]! += process.hrtime.bigint() - start;
      sink += found.lsh.length + found.fingerprints.size;
    }
    if ((slot + 1) % BLOCK === 0) {
      for (const which of [0, 1]) {
        rates[which]!.push(BLOCK / (Number(spent[which]!) / 1e9));
        spent[which] = 0n;
      }
    }
  }
  const [oldRate, newRate] = [median(rates[0]!), median(rates[1]!)];
  console.log(
    `${lines.length} articles, medians over blocks of ${BLOCK}: old (${oldRoot}) ${oldRate.toFixed(0)} articles/s, this checkout ${newRate.toFixed(0)} articles/s, ratio this/old ${(newRate / oldRate).toFixed(3)};` +
      ` copy index bytes/article in use: old ${(sides[0]!.index.bytes().used / lines.length).toFixed(0)}, this ${(sides[1]!.index.bytes().used / lines.length).toFixed(0)} (sink ${sink % 7})`,
  );
}

await main();
