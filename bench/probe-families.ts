// Diagnostic (issue 21): what the probe keys (an arriving article's denser query samples) add to candidate
// recall, per planted kind, for other probe windows. For every planted pair the copy (written after its
// source) is linked when it shares a band key with the source, or its stored fingerprints or probe keys meet
// the source's stored fingerprints; posting caps are left out (as in bench/spun-keys.ts). "no probes" counts
// the pairs that would be missed with the stored samples alone. Probe windows change no stored key, only the
// lookups an article makes (the distinct keys per article, counted on every 50th article).
// Run: node --import tsx bench/probe-families.ts --corpus DIR [--variants 8:4,8:5,10:5]   (shingle:skeleton query windows)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SKETCH_SETTINGS, sketchArticle, type SketchSettings } from '../src/match/candidates.ts';
import type { CorpusArticle, PlantedRelation } from './copy-corpus.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, variants: { type: 'string', default: '8:4,8:5,8:6,10:5,12:5,24:4,24:10' } } });
const dir = values.corpus;
if (dir === undefined || !existsSync(join(dir, 'truth.jsonl'))) {
  console.log(`probe-families: no corpus at ${dir ?? '(none given)'}; make one with bench/copy-corpus.ts --hard. Skipping.`);
  process.exit(0);
}
const truth = readFileSync(join(dir, 'truth.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as PlantedRelation);
const wanted = new Set(truth.flatMap((r) => [r.source, r.copy]));
const texts = new Map<string, string>();
const sample: string[] = [];
let seen = 0;
for (const line of readFileSync(join(dir, 'corpus.jsonl'), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const article = JSON.parse(line) as CorpusArticle;
  if (wanted.has(article.id)) texts.set(article.id, article.text);
  if (seen++ % 50 === 0) sample.push(article.text);
}
const base = DEFAULT_SKETCH_SETTINGS;
const kinds = [...new Set(truth.map((r) => r.planted))];
const sources = new Map<string, { bands: Set<number>; stored: Set<number> }>();
for (const r of truth) {
  if (sources.has(r.source)) continue;
  const sketch = sketchArticle({ text: texts.get(r.source)! }, base);
  sources.set(r.source, { bands: new Set(sketch.bandKeys), stored: new Set(sketch.fingerprints) });
}
for (const variant of values.variants.split(',')) {
  const [queryWindow, skeletonQueryWindow] = variant.split(':').map(Number) as [number, number];
  const settings: SketchSettings = { ...base, queryWindow, skeleton: { ...base.skeleton, queryWindow: skeletonQueryWindow } };
  const missed = new Map<string, number>();
  const missedWithoutProbes = new Map<string, number>();
  const planted = new Map<string, number>();
  for (const r of truth) {
    const copy = sketchArticle({ text: texts.get(r.copy)! }, settings);
    const source = sources.get(r.source)!;
    const linked = Array.from(copy.bandKeys).some((key) => source.bands.has(key)) || Array.from(copy.fingerprints).some((key) => source.stored.has(key));
    const probed = Array.from(copy.probeKeys).some((key) => source.stored.has(key));
    planted.set(r.planted, (planted.get(r.planted) ?? 0) + 1);
    if (!linked && !probed) missed.set(r.planted, (missed.get(r.planted) ?? 0) + 1);
    if (!linked) missedWithoutProbes.set(r.planted, (missedWithoutProbes.get(r.planted) ?? 0) + 1);
  }
  let probes = 0;
  let distinct = 0;
  for (const text of sample) {
    const sketch = sketchArticle({ text }, settings);
    probes += sketch.probeKeys.length;
    distinct += new Set([...sketch.bandKeys, ...sketch.fingerprints, ...sketch.probeKeys]).size;
  }
  const perKind = kinds.map((kind) => `${kind} ${missed.get(kind) ?? 0}/${planted.get(kind)} (no probes ${missedWithoutProbes.get(kind) ?? 0})`);
  console.log(`query windows shingles ${queryWindow}, skeleton ${skeletonQueryWindow}: probes ${(probes / sample.length).toFixed(1)}, distinct keys looked up ${(distinct / sample.length).toFixed(1)} an article; pairs sharing no key: ${perKind.join(', ')}`);
}
