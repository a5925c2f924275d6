// Disagreements that are contradictions, measured two ways on real clusters (Multi-News val250 and the first
// DUC 2006 clusters):
// - Recall on planted contradictions: in each cluster, a figure written in digits (a count, money, percent,
//   measure, duration, age, time of day or date) that two articles state alike (same kind, unit and value, in
//   sentences sharing at least PLANT_MIN_SHARED_STEMS content words besides it) is changed in one article's
//   copy; found when a disagreement of the modified cluster has the changed figure as a side.
// - Disagreements reported on the unmodified clusters: the count, and a seeded sample written out for hand
//   checking (precision; the verdicts are in BENCHMARKS.md).
// Run: npm run eval:disagreements   (node --import tsx bench/eval-disagreements.ts [--duc N] [--sample N] [--seed N])
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sameText } from '../src/digest/index.ts';
import { buildUnits, factSentences } from '../src/digest/units.ts';
import { prepareStory } from '../src/engine/summarize.ts';
import { findDisagreements } from '../src/facts/index.ts';
import { quantities, type Quantity } from '../src/facts/quantities.ts';
import type { Disagreement, RawArticle } from '../src/model.ts';
import { tokenize } from '../src/text/tokens.ts';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';

const MULTI_NEWS_FILE = join(DUC2006_ROOT, '..', 'multi-news-val250', 'clusters.jsonl');
/** Content words two sentences must share (besides the figure) for the generator to call them one claim. */
const PLANT_MIN_SHARED_STEMS = 3;
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const DUC_CLUSTERS = option('--duc', 10);
const SAMPLE = option('--sample', 30);
const SEED = option('--seed', 20);
const SAMPLE_FILE = '/tmp/newsfold-disagreement-sample.txt';

interface Cluster {
  name: string;
  raws: RawArticle[];
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function disagreementsOf(raws: readonly RawArticle[]): { disagreements: Disagreement[]; story: ReturnType<typeof prepareStory> } {
  const story = prepareStory(raws);
  const units = buildUnits(story.articles);
  return { disagreements: findDisagreements(factSentences(units), story.articles.map((article) => article.id), sameText(story.relations)), story };
}

const contentStems = (text: string, except: Quantity) =>
  new Set(tokenize(text).filter((token) => !token.stop && !/\d/.test(token.norm) && (token.end <= except.start || token.start >= except.end)).map((token) => token.stem));

/** The figure changed: counts and amounts by about a third (at least 1), times by two hours, dates by three days. */
function changed(quantity: Quantity): string | undefined {
  const digits = /\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?/.exec(quantity.text);
  if (digits === null) return undefined;
  const number = Number(digits[0].replace(/,/g, ''));
  let next: number;
  if (quantity.kind === 'time-of-day') {
    if (!/[ap]\.?m/i.test(quantity.text) && !quantity.text.includes(':')) return undefined;
    const hour = Number(/^\d+/.exec(quantity.text)![0]);
    return quantity.text.replace(/^\d+/, String(((hour + 1) % 12) + 1));
  }
  if (quantity.kind === 'date') next = number <= 27 ? number + 3 : number - 3;
  else if (quantity.kind === 'age') next = number + 4;
  else next = Number.isInteger(number) ? Math.max(number + 1, Math.round(number * 1.3)) : Math.round(number * 13) / 10;
  const written = digits[0].includes(',') ? next.toLocaleString('en-US') : String(next);
  return quantity.text.replace(digits[0], written);
}

interface Plant {
  articleIndex: number;
  sentence: string;
  quantity: Quantity;
  replacement: string;
}

/** A figure two different articles state alike about the same thing, to change in the first one's copy. */
function findPlant(story: ReturnType<typeof prepareStory>, raws: readonly RawArticle[], pick: () => number): Plant | undefined {
  const sentencesOf = story.articles.map((article) => article.sentences.map((span) => article.text.slice(span.start, span.end)));
  const options: Plant[] = [];
  story.articles.forEach((article, a) => {
    const rawIndex = raws.findIndex((raw) => raw.origin.path === article.origin.path);
    for (const sentence of sentencesOf[a]!) {
      if (rawIndex < 0 || !raws[rawIndex]!.text.includes(sentence)) continue;
      for (const quantity of quantities(sentence)) {
        const replacement = changed(quantity);
        if (replacement === undefined) continue;
        const stems = contentStems(sentence, quantity);
        const alike = story.articles.some((other, b) => b !== a && other.contentHash !== article.contentHash && sentencesOf[b]!.some((otherSentence) => {
          if (otherSentence === sentence) return false;
          const twin = quantities(otherSentence).find((item) => item.kind === quantity.kind && item.unit === quantity.unit && item.value === quantity.value);
          if (twin === undefined) return false;
          let shared = 0;
          for (const stem of contentStems(otherSentence, twin)) if (stems.has(stem)) shared++;
          return shared >= PLANT_MIN_SHARED_STEMS;
        }));
        if (alike) options.push({ articleIndex: rawIndex, sentence, quantity, replacement });
      }
    }
  });
  return options.length === 0 ? undefined : options[Math.floor(pick() * options.length)];
}

async function clusters(): Promise<Cluster[]> {
  const found: Cluster[] = [];
  if (existsSync(MULTI_NEWS_FILE)) {
    for (const line of readFileSync(MULTI_NEWS_FILE, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const cluster = JSON.parse(line) as { idx: number; documents: string[] };
      const raws = cluster.documents.filter((text) => text.trim() !== '').map((text, index): RawArticle => ({ origin: { path: `multi-news/${cluster.idx}/${index}.txt`, format: 'text' }, text }));
      if (raws.length >= 2) found.push({ name: `multi-news ${cluster.idx}`, raws });
    }
  } else console.log(`Multi-News: skipped, data not found at ${MULTI_NEWS_FILE}`);
  if (existsSync(join(DUC2006_ROOT, 'docs'))) {
    for (const cluster of (await readDucClusters()).slice(0, DUC_CLUSTERS)) found.push({ name: `duc ${cluster.id}`, raws: cluster.documents.map((document) => document.raw) });
  } else console.log(`DUC 2006: skipped, data not found under ${DUC2006_ROOT}`);
  return found;
}

async function main(): Promise<void> {
  const all = await clusters();
  if (all.length === 0) return;
  const pick = random(SEED);
  let reported = 0;
  let clustersWith = 0;
  const byKind = new Map<string, number>();
  const pool: string[] = [];
  let planted = 0;
  let found = 0;
  const missed: string[] = [];
  for (const cluster of all) {
    const { disagreements, story } = disagreementsOf(cluster.raws);
    reported += disagreements.length;
    if (disagreements.length > 0) clustersWith++;
    for (const disagreement of disagreements) {
      byKind.set(disagreement.kind, (byKind.get(disagreement.kind) ?? 0) + 1);
      pool.push(`[${cluster.name}] ${disagreement.kind}: ${disagreement.about}\n${disagreement.sides.map((side) => `    "${side.value}" (${side.sources.length} article${side.sources.length === 1 ? '' : 's'}): ${side.sentence}`).join('\n')}`);
    }
    const plant = findPlant(story, cluster.raws, pick);
    if (plant === undefined) continue;
    planted++;
    const raws = cluster.raws.map((raw, index) => {
      if (index !== plant.articleIndex) return raw;
      const sentence = plant.sentence.replace(plant.quantity.text, plant.replacement);
      return { ...raw, origin: { ...raw.origin, path: `${raw.origin.path}.planted` }, text: raw.text.replace(plant.sentence, sentence) };
    });
    const after = disagreementsOf(raws).disagreements;
    if (after.some((disagreement) => disagreement.sides.some((side) => side.value.includes(plant.replacement) || plant.replacement.includes(side.value)))) found++;
    else if (missed.length < 8) missed.push(`[${cluster.name}] ${plant.quantity.kind} "${plant.quantity.text}" -> "${plant.replacement}": ${plant.sentence.slice(0, 140)}`);
  }
  // The hand-checked sample: SAMPLE disagreements drawn without replacement, seeded.
  const sample: string[] = [];
  const left = [...pool];
  while (sample.length < SAMPLE && left.length > 0) sample.push(left.splice(Math.floor(pick() * left.length), 1)[0]!);
  writeFileSync(SAMPLE_FILE, sample.map((item, index) => `${index + 1}. ${item}`).join('\n\n') + '\n');
  console.log(`${all.length} clusters (Multi-News val250 with 2+ articles, first ${DUC_CLUSTERS} DUC 2006)`);
  console.log(`  planted contradictions found ${(found / Math.max(1, planted)).toFixed(3)} (${found}/${planted})   target >= 0.85`);
  console.log(`  reported on unmodified clusters: ${reported} in ${clustersWith} clusters (${[...byKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}); sample of ${sample.length} for hand checking in ${SAMPLE_FILE}`);
  for (const miss of missed) console.log(`  missed ${miss}`);
}

await main();
