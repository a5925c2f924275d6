// Disagreements that are contradictions, measured two ways on real clusters (Multi-News val250 and DUC 2006),
// split into a dev part (tuned on) and a held-back part (only reported):
// - Recall on planted contradictions: in each cluster, a figure written in digits (a count, money, percent,
//   measure, duration, age, time of day or date) that two different sources state alike (same kind, unit and
//   value, in sentences sharing at least PLANT_MIN_SHARED_STEMS content words besides it; the two articles are
//   not one text, a duplicate or a version; the changed figure contradicts that twin as written, unless
//   --all-plants; the changed sentence states no other figure agreeing with the original value, unless
//   --restated-plants) is changed in one article's copy; found when a disagreement of the
//   modified cluster has the changed figure as a side carried by that article, against a side with the
//   original value.
// - Disagreements reported on the unmodified clusters: the count, and a seeded sample per part written out for
//   hand checking (precision; the verdicts are in bench/disagreement-checks.md).
// Run: npm run eval:disagreements
//   (node --import tsx bench/eval-disagreements.ts [--part dev|held|all|extra] [--plants N] [--sample N] [--seed N] [--all-plants] [--restated-plants]
//    [--clusters FILE]: clusters of one's own, JSON lines {"name", "documents": [{"path", "text", "published"?}]}, as part 'file' (--part file)
//    [--half a|b]: half of the part's clusters by a hash of their names, for a cross-check
//    [--pairs FILE]: the pairs that reached the same-fact test, with its features (bench/pair-scorer.ts reads them)
//    [--new-side PREFIX]: report only disagreements with a side carried by a document whose path starts with PREFIX
//      (bench/summary-clusters.ts's `summary/`: pairs no session read), each side with its documents' paths
//    [--sample-out PREFIX]: the samples are written to PREFIX-PART.txt
//    [--list FILE]: every plant with its twins, found or missed, and for a miss why each pair holding it was rejected
//    [--consistent-plants]: a plant changes every sentence of its article stating the figure alike, not one)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sameText } from '../src/digest/index.ts';
import { buildUnits, factSentences } from '../src/digest/units.ts';
import { prepareStory } from '../src/engine/summarize.ts';
import { apartInTime, findDisagreements, type Trace } from '../src/facts/index.ts';
import { comparable, conflicting, quantities, type Quantity } from '../src/facts/quantities.ts';
import type { Disagreement, RawArticle } from '../src/model.ts';
import { tokenize } from '../src/text/tokens.ts';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';

const MULTI_NEWS_FILE = join(DUC2006_ROOT, '..', 'multi-news-val250', 'clusters.jsonl');
/** WikiRef220's topics (`--part fresh` too): the file name's prefix is the topic. */
const WIKIREF_DIR = join(DUC2006_ROOT, '..', '..', 'clustering', 'wikiref220');
/** MMDS2025's gold events (`--part fresh`): clusters never read while tuning, for a fresh hand-checked sample. */
const MMDS_FILE = join(DUC2006_ROOT, '..', '..', 'clustering', 'mmds2025-dev', 'dev.json');
/** Content words two sentences must share (besides the figure) for the generator to call them one claim. */
const PLANT_MIN_SHARED_STEMS = 3;
const args = process.argv.slice(2);
/**
 * A plant needs a twin it contradicts as written: the changed figure outside the twin's bound or estimate
 * ("more than 60,000 children" changed to "more than 78,000" against "more than 60,000": both hold). The old
 * definition (any twin of the same value) is `--all-plants`.
 */
const FAIR_PLANTS_ONLY = !args.includes('--all-plants');
/**
 * A plant's twin must be from an article published within the detector's same-event window of the planted one
 * (`apartInTime`, 7 days; undated articles always qualify): a DUC topic spans years, and a figure told a year
 * later is another moment, which the detector deliberately does not compare. `--far-twins` keeps any twin.
 */
const NEAR_TWINS_ONLY = !args.includes('--far-twins');
/**
 * A plant must leave its sentence without the original value: "19,356 feet (5,900 m)" changed to "7,670 m" still
 * states 5,900 m in feet, and "3.2 feet (1 meter)" changed to "2 meter" still states 1 meter, so the changed copy
 * contradicts itself, not the twin. Such plants are skipped unless --restated-plants (the session 18 set).
 */
const UNRESTATED_PLANTS_ONLY = !args.includes('--restated-plants');
/**
 * `--consistent-plants`: a plant changes the figure in every sentence of the article stating it alike, not in one
 * (session 34). A lone change leaves the article stating the original value too, so it tells both values; the detector
 * then reads the pair as two facts its source knows (`exclusiveValues`), which no single-figure rewrite by an outlet is.
 */
const CONSISTENT_PLANTS = args.includes('--consistent-plants');
/** An embedded social post's caption ("A post shared by Nasir Jones (@nas) on Jun 20, 2017 at 10:33am PDT") is the
 * page's furniture, not the article's text: no plant goes there (--restated-plants keeps them too). */
const EMBED_CAPTION = /\bA post shared by\b|\bpic\.twitter\.com\b|— .+\(@\w+\)/;
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
/** DUC 2006 clusters per part: the first ten are dev, the next ten held back (25 articles each, so slow). */
const DUC_PER_PART = 10;
/** Multi-News val250 clusters with idx below this are dev, the rest held back. */
const MULTI_NEWS_DEV_BELOW = 125;
const PART = args.includes('--part') ? args[args.indexOf('--part') + 1]! : 'all';
/** Plants per cluster, each planted and detected on its own: more figures than one per cluster, less noise. */
const PLANTS = option('--plants', 2);
const SAMPLE = option('--sample', 30);
const SEED = option('--seed', 20);
/** Clusters of one's own (part 'file'): stories newsfold made of another corpus, for a sample never tuned on. */
const CLUSTERS_FILE = args.includes('--clusters') ? args[args.indexOf('--clusters') + 1] : undefined;
/**
 * A cross-check split of any part: `--half a` keeps the clusters whose name hashes even, `--half b` the odd ones, so a
 * rule made on one half of the tune material can be checked on the other before the held run.
 */
const HALF = args.includes('--half') ? args[args.indexOf('--half') + 1] : undefined;
/**
 * `--pairs FILE`: every pair of like, conflicting figures that reached the same-fact test, with what the test saw, as
 * JSON lines for a pair-scorer study: label 0 on the unmodified clusters (pairs of figures that mostly are two facts),
 * label 1 for a plant's changed figure against a twin's figure of the original value.
 */
const PAIRS_FILE = args.includes('--pairs') ? args[args.indexOf('--pairs') + 1] : undefined;
/** `--new-side PREFIX`: only the disagreements a document under PREFIX takes part in (a sample's unread pairs). */
const NEW_SIDE = args.includes('--new-side') ? args[args.indexOf('--new-side') + 1] : undefined;
const LIST_FILE = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined;
/** `--sample-out PREFIX`: the hand-checked samples go to PREFIX-PART.txt (default /tmp/newsfold-disagreement-sample-PART.txt). */
const SAMPLE_OUT = args.includes('--sample-out') ? args[args.indexOf('--sample-out') + 1] : '/tmp/newsfold-disagreement-sample';
const sampleFile = (part: string) => `${SAMPLE_OUT}-${part}.txt`;

interface Cluster {
  name: string;
  part: 'dev' | 'held' | 'extra' | 'fresh' | 'file';
  raws: RawArticle[];
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function disagreementsOf(raws: readonly RawArticle[], trace?: Trace): { disagreements: Disagreement[]; story: ReturnType<typeof prepareStory> } {
  const story = prepareStory(raws);
  const units = buildUnits(story.articles);
  const published = new Map(story.articles.flatMap((article) => (article.published === undefined ? [] : [[article.id, article.published] as const])));
  return { disagreements: findDisagreements(factSentences(units), story.articles.map((article) => article.id), sameText(story.relations), new Map(story.articles.map((article) => [article.id, article.text])), trace, published), story };
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
  /** The other sources' sentences stating the same figure alike: what the changed figure should be found against. */
  twins: string[];
  /** The planted article's other sentences stating the original figure alike ("killed 247 people" in the lead and "the
   * 247 dead" later), each with its copy changed the same way (`changed`); a lone plant leaves them, so the changed
   * article states both values and reads as telling two facts. */
  restated: Array<{ sentence: string; changed: string }>;
}

/** Figures two different sources state alike about the same thing, to change in the first one's copy; up to `count`, each in another sentence. */
function findPlants(story: ReturnType<typeof prepareStory>, raws: readonly RawArticle[], pick: () => number, count: number): Plant[] {
  const published = new Map(story.articles.flatMap((article) => (article.published === undefined ? [] : [[article.id, article.published] as const])));
  const sentencesOf = story.articles.map((article) => article.sentences.map((span) => article.text.slice(span.start, span.end)));
  const oneText = sameText(story.relations);
  const options: Plant[] = [];
  story.articles.forEach((article, a) => {
    const rawIndex = raws.findIndex((raw) => raw.origin.path === article.origin.path);
    for (const sentence of sentencesOf[a]!) {
      if (rawIndex < 0 || !raws[rawIndex]!.text.includes(sentence)) continue;
      if (UNRESTATED_PLANTS_ONLY && EMBED_CAPTION.test(sentence)) continue;
      for (const quantity of quantities(sentence)) {
        const replacement = changed(quantity);
        if (replacement === undefined) continue;
        const stems = contentStems(sentence, quantity);
        // The figure as changed, typed like any other: its twin's own bound must not admit it ("upwards of 22 people"
        // admits "as many as 29"), or the changed copy states nothing the twin contradicts (FAIR_PLANTS_ONLY).
        const changedSentence = sentence.slice(0, quantity.start) + replacement + sentence.slice(quantity.end);
        const changedFigures = quantities(changedSentence);
        const changedQuantity = changedFigures.find((item) => item.start === quantity.start);
        // Another figure of the changed sentence agreeing with the original value: a conversion or a restatement.
        if (UNRESTATED_PLANTS_ONLY && changedFigures.some((item) => item !== changedQuantity && comparable(item, quantity) && !conflicting(item, quantity))) continue;
        // Another source: a duplicate or a version of the same text updating its figure is no contradiction.
        const twins = story.articles.flatMap((other, b) => (b === a || other.contentHash === article.contentHash || oneText(article.id, other.id) || (NEAR_TWINS_ONLY && apartInTime([article.id], [other.id], published)) ? [] : sentencesOf[b]!.filter((otherSentence) => {
          if (otherSentence === sentence) return false;
          const twin = quantities(otherSentence).find((item) => item.kind === quantity.kind && item.unit === quantity.unit && item.value === quantity.value);
          if (twin === undefined) return false;
          if (FAIR_PLANTS_ONLY && (changedQuantity === undefined || !conflicting(changedQuantity, twin))) return false;
          let shared = 0;
          for (const stem of contentStems(otherSentence, twin)) if (stems.has(stem)) shared++;
          return shared >= PLANT_MIN_SHARED_STEMS;
        })));
        if (twins.length === 0) continue;
        const restated = sentencesOf[a]!.filter((other) => other !== sentence && raws[rawIndex]!.text.includes(other) && !EMBED_CAPTION.test(other)).flatMap((other) => {
          const alike = quantities(other).filter((item) => comparable(item, quantity) && !conflicting(item, quantity));
          if (alike.length === 0) return [];
          let copy = other;
          for (const item of [...alike].sort((x, y) => y.start - x.start)) copy = copy.slice(0, item.start) + (changed(item) ?? item.text) + copy.slice(item.end);
          return [{ sentence: other, changed: copy }];
        });
        options.push({ articleIndex: rawIndex, sentence, quantity, replacement, twins, restated });
      }
    }
  });
  const chosen: Plant[] = [];
  while (chosen.length < count && options.length > 0) {
    const plant = options.splice(Math.floor(pick() * options.length), 1)[0]!;
    if (!chosen.some((other) => other.sentence === plant.sentence)) chosen.push(plant);
  }
  return chosen;
}

async function clusters(): Promise<Cluster[]> {
  const found: Cluster[] = [];
  if (existsSync(MULTI_NEWS_FILE)) {
    for (const line of readFileSync(MULTI_NEWS_FILE, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const cluster = JSON.parse(line) as { idx: number; documents: string[] };
      const raws = cluster.documents.filter((text) => text.trim() !== '').map((text, index): RawArticle => ({ origin: { path: `multi-news/${cluster.idx}/${index}.txt`, format: 'text' }, text }));
      if (raws.length >= 2) found.push({ name: `multi-news ${cluster.idx}`, part: cluster.idx < MULTI_NEWS_DEV_BELOW ? 'dev' : 'held', raws });
    }
  } else console.log(`Multi-News: skipped, data not found at ${MULTI_NEWS_FILE}`);
  if (existsSync(join(DUC2006_ROOT, 'docs'))) {
    (await readDucClusters()).forEach((cluster, index) => {
      // DUC clusters past the first twenty are a third part, 'extra' (--part extra only): more topic clusters to read
      // reports on while tuning, kept apart from the held-back ten.
      const part = index < DUC_PER_PART ? 'dev' : index < 2 * DUC_PER_PART ? 'held' : 'extra';
      found.push({ name: `duc ${cluster.id}`, part, raws: cluster.documents.map((document) => document.raw) });
    });
  } else console.log(`DUC 2006: skipped, data not found under ${DUC2006_ROOT}`);
  if (PART === 'fresh' && existsSync(MMDS_FILE)) {
    // One cluster per gold event of two articles or more; the body is the sentences' contents in order.
    const data = JSON.parse(readFileSync(MMDS_FILE, 'utf8')) as { articles: Array<{ ID: string; title: string; sentences: Array<{ content: string }> }>; clusters: number[] };
    const events = new Map<number, RawArticle[]>();
    data.articles.forEach((article, index) => {
      const raws = events.get(data.clusters[index]!) ?? [];
      raws.push({ origin: { path: `mmds/${article.ID}.txt`, format: 'text' }, text: `${article.title}\n\n${article.sentences.map((sentence) => sentence.content).join(' ')}` });
      events.set(data.clusters[index]!, raws);
    });
    for (const [event, raws] of events) if (raws.length >= 2) found.push({ name: `mmds event ${event}`, part: 'fresh', raws });
  }
  if (PART === 'fresh' && existsSync(WIKIREF_DIR)) {
    const topics = new Map<string, RawArticle[]>();
    for (const file of readdirSync(WIKIREF_DIR).filter((name) => name.endsWith('.txt')).sort()) {
      const topic = file.replace(/(?:\.\d+| \(\d+\))\.txt$/, '');
      topics.set(topic, [...(topics.get(topic) ?? []), { origin: { path: `wikiref/${file}`, format: 'text' }, text: readFileSync(join(WIKIREF_DIR, file), 'utf8') }]);
    }
    for (const [topic, raws] of topics) if (raws.length >= 2) found.push({ name: `wikiref ${topic}`, part: 'fresh', raws });
  }
  if (CLUSTERS_FILE !== undefined) {
    for (const line of readFileSync(CLUSTERS_FILE, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const cluster = JSON.parse(line) as { name: string; documents: Array<{ path: string; text: string; published?: string }> };
      const raws = cluster.documents.map((document): RawArticle => ({ origin: { path: document.path, format: 'text' }, text: document.text, ...(document.published === undefined ? {} : { published: document.published }) }));
      if (raws.length >= 2) found.push({ name: cluster.name, part: 'file', raws });
    }
  }
  const parted = PART === 'all' ? found.filter((cluster) => cluster.part !== 'extra') : found.filter((cluster) => cluster.part === PART);
  return HALF === undefined ? parted : parted.filter((cluster) => (nameHash(cluster.name) % 2 === 0) === (HALF === 'a'));
}

/** A stable hash of a cluster's name (FNV-1a), for the `--half` split. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** The planted figure found: a side stating the new figure, carried by the changed article, against a side with the old value. */
function plantFound(disagreements: readonly Disagreement[], plant: Plant, plantedId: string | undefined): boolean {
  const valueOf = (text: string) => quantities(text)[0]?.value;
  return disagreements.some((disagreement) => {
    // The side carried by the planted article ("12:01 a.m." holds "2:01 a.m." as a substring: the old side is no changed one).
    const changedSide = disagreement.sides.find((side) => (plantedId === undefined || side.sources.includes(plantedId)) && (side.value.includes(plant.replacement) || (plant.replacement.includes(side.value) && /\d/.test(side.value))));
    if (changedSide === undefined) return false;
    return disagreement.sides.some((side) => side !== changedSide && (valueOf(side.value) === plant.quantity.value || side.value === plant.quantity.text));
  });
}

interface Tally {
  clusters: number;
  reported: number;
  clustersWith: number;
  byKind: Map<string, number>;
  pool: string[];
  planted: number;
  found: number;
  plantedByKind: Map<string, [number, number]>;
  missed: string[];
  /** Plants found / planted by corpus (the cluster name's first word: multi-news, duc, msrp, ...). */
  plantedByCorpus: Map<string, [number, number]>;
  /** Plants found / planted whose article states the original figure in another sentence too. */
  restated: [number, number];
}

async function main(): Promise<void> {
  const all = await clusters();
  if (all.length === 0) return;
  const pick = random(SEED);
  const tallies = new Map<string, Tally>();
  const listing: string[] = [];
  const pairs: string[] = [];
  for (const cluster of all) {
    const tally: Tally = tallies.get(cluster.part) ?? { clusters: 0, reported: 0, clustersWith: 0, byKind: new Map(), pool: [], planted: 0, found: 0, plantedByKind: new Map(), missed: [], plantedByCorpus: new Map(), restated: [0, 0] };
    tallies.set(cluster.part, tally);
    tally.clusters++;
    const gateOf = (why: string) => (why.startsWith('gate ') ? (JSON.parse(why.slice(5)) as Record<string, unknown>) : undefined);
    const { disagreements: found, story } = disagreementsOf(cluster.raws, PAIRS_FILE === undefined ? undefined : (why, a, b) => {
      const features = gateOf(why);
      if (features !== undefined) pairs.push(JSON.stringify({ label: 0, part: cluster.part, cluster: cluster.name, a: a.slice(0, 160), b: b.slice(0, 160), ...features }));
    });
    const pathOf = new Map(story.articles.map((article) => [article.id, article.origin.path ?? '']));
    const disagreements = NEW_SIDE === undefined ? found : found.filter((disagreement) => disagreement.sides.some((side) => side.sources.some((id) => pathOf.get(id)!.startsWith(NEW_SIDE))));
    const paths = (sources: readonly string[]) => (NEW_SIDE === undefined ? '' : ` [${sources.map((id) => pathOf.get(id)).join(', ')}]`);
    tally.reported += disagreements.length;
    if (disagreements.length > 0) tally.clustersWith++;
    for (const disagreement of disagreements) {
      tally.byKind.set(disagreement.kind, (tally.byKind.get(disagreement.kind) ?? 0) + 1);
      tally.pool.push(`[${cluster.name}] ${disagreement.kind}: ${disagreement.about}\n${disagreement.sides.map((side) => `    "${side.value}" (${side.sources.length} article${side.sources.length === 1 ? '' : 's'})${paths(side.sources)}: ${side.sentence}`).join('\n')}`);
    }
    for (const plant of findPlants(story, cluster.raws, pick, PLANTS)) {
      tally.planted++;
      const plantedPath = `${cluster.raws[plant.articleIndex]!.origin.path}.planted`;
      const raws = cluster.raws.map((raw, index) => {
        if (index !== plant.articleIndex) return raw;
        const sentence = plant.sentence.replace(plant.quantity.text, plant.replacement);
        let text = raw.text.replace(plant.sentence, sentence);
        if (CONSISTENT_PLANTS) for (const other of plant.restated) text = text.replace(other.sentence, other.changed);
        return { ...raw, origin: { ...raw.origin, path: plantedPath }, text };
      });
      // With --list, why the changed figure was not reported: every rejection of a pair holding it.
      const notes: string[] = [];
      const changedSentence = plant.sentence.replace(plant.quantity.text, plant.replacement);
      const trace: Trace | undefined = LIST_FILE === undefined && PAIRS_FILE === undefined ? undefined : (why, a, b) => {
        const features = gateOf(why);
        if (features !== undefined) {
          // The plant's pair: the changed figure in the changed sentence against a twin's figure of the original value.
          const [changedSide, otherSide] = a.startsWith(`${plant.replacement} | `) ? [a, b] : [b, a];
          if (changedSide.startsWith(`${plant.replacement} | `) && changedSide.includes(changedSentence) && plant.twins.some((twin) => otherSide.endsWith(twin)) && quantities(otherSide.split(' | ')[0]!)[0]?.value === plant.quantity.value) pairs.push(JSON.stringify({ label: 1, part: cluster.part, cluster: cluster.name, a: changedSide.slice(0, 160), b: otherSide.slice(0, 160), ...features }));
          return;
        }
        if ((a.startsWith(plant.replacement) || b.startsWith(plant.replacement) || why.startsWith('heap') || why.startsWith('chain')) && (a.includes(changedSentence) || b.includes(changedSentence))) notes.push(`    why: ${why}: ${why.startsWith('chain') || why.startsWith('heap') ? a : a.slice(0, 200)} || ${b.slice(0, 200)}`);
      };
      const after = disagreementsOf(raws, trace);
      const plantedId = after.story.articles.find((article) => article.origin.path === plantedPath)?.id;
      const hit = plantFound(after.disagreements, plant, plantedId);
      const kind = tally.plantedByKind.get(plant.quantity.kind) ?? [0, 0];
      kind[1]++;
      if (hit) {
        tally.found++;
        kind[0]++;
      } else if (tally.missed.length < 8) tally.missed.push(`[${cluster.name}] ${plant.quantity.kind} "${plant.quantity.text}" -> "${plant.replacement}": ${plant.sentence.slice(0, 140)}`);
      tally.plantedByKind.set(plant.quantity.kind, kind);
      const corpus = tally.plantedByCorpus.get(cluster.name.split(' ')[0]!) ?? [0, 0];
      corpus[1]++;
      if (hit) corpus[0]++;
      if (plant.restated.length > 0) {
        tally.restated[1]++;
        if (hit) tally.restated[0]++;
      }
      tally.plantedByCorpus.set(cluster.name.split(' ')[0]!, corpus);
      listing.push(`[${cluster.part} ${cluster.name}] ${hit ? 'found' : 'MISSED'} ${plant.quantity.kind} "${plant.quantity.text}" -> "${plant.replacement}"\n  ${plant.sentence}${plant.twins.map((twin) => `\n  twin: ${twin}`).join('')}${plant.restated.map((other) => `\n  restated: ${other.sentence}`).join('')}${hit ? '' : notes.map((note) => `\n${note}`).join('')}`);
    }
  }
  if (LIST_FILE !== undefined) writeFileSync(LIST_FILE, listing.join('\n\n') + '\n');
  if (PAIRS_FILE !== undefined) writeFileSync(PAIRS_FILE, pairs.join('\n') + '\n');
  for (const [part, tally] of [...tallies].sort()) {
    // The hand-checked sample: SAMPLE disagreements drawn without replacement, seeded.
    const sample: string[] = [];
    const left = [...tally.pool];
    const draw = random(SEED);
    while (sample.length < SAMPLE && left.length > 0) sample.push(left.splice(Math.floor(draw() * left.length), 1)[0]!);
    writeFileSync(sampleFile(part), sample.map((item, index) => `${index + 1}. ${item}`).join('\n\n') + '\n');
    if (part === 'file') console.log(`file (${CLUSTERS_FILE}): ${tally.clusters} clusters`);
    else if (part === 'fresh') console.log(`fresh (never tuned on): ${tally.clusters} MMDS2025 dev events and WikiRef220 topics with 2+ articles`);
    else if (part === 'extra') console.log(`extra (tuned on): ${tally.clusters} DUC 2006 clusters from ${2 * DUC_PER_PART + 1}`);
    else console.log(`${part === 'dev' ? 'dev (tuned on)' : 'held back'}: ${tally.clusters} clusters (Multi-News val250 idx ${part === 'dev' ? `< ${MULTI_NEWS_DEV_BELOW}` : `>= ${MULTI_NEWS_DEV_BELOW}`} with 2+ articles, DUC 2006 clusters ${part === 'dev' ? `1-${DUC_PER_PART}` : `${DUC_PER_PART + 1}-${2 * DUC_PER_PART}`})`);
    console.log(`  planted contradictions found ${(tally.found / Math.max(1, tally.planted)).toFixed(3)} (${tally.found}/${tally.planted})   target >= 0.85   by kind: ${[...tally.plantedByKind].sort().map(([kind, [hit, all]]) => `${kind} ${hit}/${all}`).join(', ')}; by corpus: ${[...tally.plantedByCorpus].sort().map(([corpus, [hit, all]]) => `${corpus} ${hit}/${all}`).join(', ')}; article restates the figure elsewhere ${tally.restated[0]}/${tally.restated[1]}${CONSISTENT_PLANTS ? ' (changed there too)' : ' (left)'}`);
    console.log(`  reported on unmodified clusters: ${tally.reported} in ${tally.clustersWith} clusters (${[...tally.byKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}); sample of ${sample.length} for hand checking in ${sampleFile(part)}`);
    for (const miss of tally.missed) console.log(`  missed ${miss}`);
  }
}

await main();
