// The copy index's phases apart, against another checkout, in one process: both sides index the same first
// --preload articles (untimed), then for each block of 500 of the next --articles, on each side in turn
// (alternating which goes first): the block's searches (band keys, fingerprints, probe keys; sketches made
// beforehand), its sketches, and, in the last round, its inserts. Medians of the per-block CPU time an article,
// and how many queries the two sides answered differently. With --growth, instead: this checkout alone,
// query then insert for each article, the index's bytes in use an article every 10,000 articles.
// Both sides compiled (npm run build here; tsc -p tsconfig.build.json in --old).
// Run: node --import tsx bench/copy-phases-ab.ts --old DIR --corpus DIR [--preload 80000] [--articles 10000] [--rounds 2]
//      node --import tsx bench/copy-phases-ab.ts --growth --corpus DIR [--articles 100000] [--old DIR]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Candidates from '../src/match/candidates.ts';
import type { CopyIndex } from '../src/sketch/copy-index.ts';

const BLOCK = 500;
const { values } = parseArgs({
  options: {
    old: { type: 'string' },
    corpus: { type: 'string' },
    preload: { type: 'string', default: '80000' },
    articles: { type: 'string' },
    rounds: { type: 'string', default: '2' },
    growth: { type: 'boolean', default: false },
  },
});
const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');
const roots = [...(values.old === undefined ? [] : [resolve(values.old)]), resolve(import.meta.dirname, '..')];
if (corpus === undefined || !existsSync(corpus) || (!values.growth && values.old === undefined) || roots.some((root) => !existsSync(join(root, 'dist/src/match/candidates.js')))) {
  console.log('copy-phases-ab: needs --corpus (bench/copy-corpus.ts), --old (a checkout with dist/) unless --growth, and dist/ here. Skipping.');
  process.exit(0);
}

interface Side {
  root: string;
  candidates: typeof Candidates;
  index: CopyIndex;
}
async function load(root: string): Promise<Side> {
  const file = (module: string) => pathToFileURL(join(root, `dist/src/${module}.js`)).href;
  const candidates = (await import(file('match/candidates'))) as typeof Candidates;
  const { CopyIndex: Index } = (await import(file('sketch/copy-index'))) as { CopyIndex: typeof CopyIndex };
  return { root, candidates, index: new Index() };
}
const sketchOf = (side: Side, text: string) => side.candidates.sketchArticle({ text }, side.candidates.DEFAULT_SKETCH_SETTINGS);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1] ?? Number.NaN;
const cpu = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

function readTexts(count: number): string[] {
  const data = readFileSync(corpus!, 'utf8');
  const texts: string[] = [];
  for (let start = 0; texts.length < count && start < data.length; ) {
    let end = data.indexOf('\n', start);
    if (end < 0) end = data.length;
    if (end > start) texts.push((JSON.parse(data.slice(start, end)) as { text: string }).text);
    start = end + 1;
  }
  return texts;
}

if (values.growth) {
  const articles = Number(values.articles ?? 100000);
  const texts = readTexts(articles);
  for (const root of roots) {
    const side = await load(root);
    const row: string[] = [];
    texts.forEach((text, slot) => {
      const sketch = sketchOf(side, text);
      side.index.query(sketch.bandKeys, sketch.fingerprints, sketch.probeKeys);
      side.index.add(slot, sketch.bandKeys, sketch.fingerprints);
      if ((slot + 1) % 10000 === 0) row.push(`${(slot + 1) / 1000}k ${(side.index.bytes().used / (slot + 1)).toFixed(0)}`);
    });
    console.log(`${root}: copy index bytes/article in use, query then insert each article: ${row.join(', ')}`);
  }
} else {
  const preload = Number(values.preload);
  const articles = Number(values.articles ?? 10000);
  const rounds = Number(values.rounds);
  const texts = readTexts(preload + articles);
  const sides: Side[] = [];
  const sketches: ReturnType<typeof sketchOf>[][] = [];
  for (const root of roots) {
    const side = await load(root);
    for (let slot = 0; slot < preload; slot++) {
      const sketch = sketchOf(side, texts[slot]!);
      side.index.add(slot, sketch.bandKeys, sketch.fingerprints);
    }
    side.index.snapshot();
    sides.push(side);
    sketches.push(texts.slice(preload).map((text) => sketchOf(side, text)));
  }
  const count = texts.length - preload;
  let differing = 0;
  for (let i = 0; i < count; i++) {
    const [a, b] = sides.map((side, which) => side.index.query(sketches[which]![i]!.bandKeys, sketches[which]![i]!.fingerprints, sketches[which]![i]!.probeKeys));
    let same = a!.lsh.length === b!.lsh.length && a!.fingerprints.size === b!.fingerprints.size;
    for (const [slot, shared] of a!.fingerprints) if (b!.fingerprints.get(slot) !== shared) same = false;
    if (!same) differing++;
  }
  const times = { search: [[], []] as number[][], sketch: [[], []] as number[][], insert: [[], []] as number[][] };
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    for (let start = 0; start < count; start += BLOCK) {
      const end = Math.min(count, start + BLOCK);
      for (const which of (start / BLOCK + round) % 2 === 0 ? [0, 1] : [1, 0]) {
        const side = sides[which]!;
        let before = cpu();
        for (let i = start; i < end; i++) sink += side.index.query(sketches[which]![i]!.bandKeys, sketches[which]![i]!.fingerprints, sketches[which]![i]!.probeKeys).fingerprints.size;
        times.search[which]!.push((cpu() - before) / (end - start));
        before = cpu();
        for (let i = start; i < end; i++) sink += sketchOf(side, texts[preload + i]!).probeKeys.length;
        times.sketch[which]!.push((cpu() - before) / (end - start));
        if (round === rounds - 1) {
          before = cpu();
          for (let i = start; i < end; i++) side.index.add(preload + i, sketches[which]![i]!.bandKeys, sketches[which]![i]!.fingerprints);
          times.insert[which]!.push((cpu() - before) / (end - start));
        }
      }
    }
  }
  const line = (['search', 'sketch', 'insert'] as const).map((phase) => {
    const [old, now] = [median(times[phase][0]!), median(times[phase][1]!)];
    return `${phase} ${old.toFixed(1)} -> ${now.toFixed(1)} us (ratio ${(old / now).toFixed(3)})`;
  });
  console.log(
    `${count} articles after ${preload} indexed, medians of blocks of ${BLOCK}, us an article by CPU time, old (${roots[0]}) -> this: ${line.join('; ')}; ` +
      `queries answered differently: ${differing} of ${count} (sink ${sink % 7})`,
  );
}
