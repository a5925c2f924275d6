// Diagnostic (issue 21): for each planted spun/excerpt pair, which copy-index keys the copy shares with its
// source, by family, without building the index: the source's stored keys against the copy's stored keys
// and probes. Shows why a missed pair was never a candidate, and prices a key choice before a full run:
// --window (shingles stored), --query (shingles probed), --gram, --skeleton-window, --skeleton-query
// override the shipped settings; keys per article are counted on every 20th article. Shared keys are
// counted without the index's posting caps (which cost no spun pair at 100k).
// Run: node --import tsx bench/spun-keys.ts --corpus DIR [--kind spun|excerpt|...]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SKETCH_SETTINGS, sketchArticle } from '../src/match/candidates.ts';
import { isSkeletonKey } from '../src/sketch/copy-index.ts';
import type { CorpusArticle, PlantedRelation } from './copy-corpus.ts';

const { values } = parseArgs({ options: {
  corpus: { type: 'string' }, kind: { type: 'string', default: 'spun' }, limit: { type: 'string', default: '1000000' },
  window: { type: 'string' }, gram: { type: 'string' }, 'skeleton-window': { type: 'string' },
  query: { type: 'string' }, 'skeleton-query': { type: 'string' },
} });
const base = DEFAULT_SKETCH_SETTINGS;
const settings = {
  ...base,
  winnowWindow: Number(values.window ?? base.winnowWindow),
  queryWindow: Number(values.query ?? base.queryWindow),
  skeleton: {
    gram: Number(values.gram ?? base.skeleton.gram),
    indexWindow: Number(values['skeleton-window'] ?? base.skeleton.indexWindow),
    queryWindow: Number(values['skeleton-query'] ?? base.skeleton.queryWindow),
  },
};
const dir = values.corpus;
if (dir === undefined || !existsSync(join(dir, 'truth.jsonl'))) {
  console.log(`spun-keys: no corpus at ${dir ?? '(none given)'}; make one with bench/copy-corpus.ts --hard. Skipping.`);
  process.exit(0);
}
const truth = readFileSync(join(dir, 'truth.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as PlantedRelation).filter((r) => r.planted === values.kind);
const wanted = new Set(truth.flatMap((r) => [r.source, r.copy]));
const texts = new Map<string, string>();
let storedKeys = 0;
let probeKeys = 0;
let articles = 0;
for (const line of readFileSync(join(dir, 'corpus.jsonl'), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const a = JSON.parse(line) as CorpusArticle;
  if (wanted.has(a.id)) texts.set(a.id, a.text);
  // Stored keys per article over a sample of the corpus (every 20th article).
  if (articles++ % 20 === 0) {
    const sketch = sketchArticle({ text: a.text }, settings);
    storedKeys += sketch.fingerprints.length;
    probeKeys += sketch.probeKeys.length;
  }
}
let none = 0;
const hist = new Map<string, number>();
for (const r of truth.slice(0, Number(values.limit))) {
  const s = sketchArticle({ text: texts.get(r.source)! }, settings);
  const c = sketchArticle({ text: texts.get(r.copy)! }, settings);
  const stored = new Set(s.fingerprints);
  const copyKeys = new Set([...c.fingerprints, ...c.probeKeys]);
  let shingle = 0;
  let skeleton = 0;
  for (const k of copyKeys) if (stored.has(k)) (isSkeletonKey(k) ? skeleton++ : shingle++);
  const key = `shingle ${Math.min(shingle, 3)} skeleton ${Math.min(skeleton, 3)}`;
  hist.set(key, (hist.get(key) ?? 0) + 1);
  if (shingle + skeleton === 0) none++;
}
console.log(`${values.kind}: ${truth.length} pairs; sharing no key ${none}; probes per article ${(probeKeys / Math.ceil(articles / 20)).toFixed(1)}; stored fingerprint+skeleton keys per article ${(storedKeys / Math.ceil(articles / 20)).toFixed(1)}`);
for (const [k, v] of [...hist].sort()) console.log(`  ${k}: ${v}`);
