// Digest quality and speed against published anchors, scored with the project's ROUGE (src/rouge):
// - DUC 2006: 50 clusters of 25 articles, 250-word digests, generic and with the topic narrative as query;
//   ROUGE-2 and ROUGE-SU4 recall against the 4 human models, jackknifed, -m, -l 250, as the official run.
//   Same-run baseline: NIST's baseline (lead of the most recent article), rebuilt here from our own cleaning.
// - Multi-News val250: 300-word digests, ROUGE-1/2/SU4 F (x100) against the one human summary, -m.
//   Same-run baseline: lead-3 of each document (the first three sentences of each, joined), cut at 300 words.
// - Speed: time to digest each 25-article DUC cluster (prepared articles and relations given; the first
//   cluster warms up; fastest of 3 runs each), median and slowest cluster, wall and CPU time, against a
//   same-run baseline of building the sentence units alone.
// Run: npm run eval:digest   (node --import tsx bench/eval-digest.ts [--duc-only|--multinews-only] [--limit N] [--skip-speed])
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDigest, type DigestSettings } from '../src/digest/index.ts';
import { prepareStory, type PreparedStory } from '../src/engine/summarize.ts';
import { unintroducedDefinites, unresolvedReferences } from '../src/digest/reading.ts';
import { figureFacts, sameFigure } from '../src/digest/figures.ts';
import { buildUnits } from '../src/digest/units.ts';
import type { Digest } from '../src/model.ts';
import type { RawArticle } from '../src/model.ts';
import { averageScores, rouge, ROUGE_1, ROUGE_2, ROUGE_SU4, type RougeScore } from '../src/rouge/index.ts';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';
import { readModels, readRougeEvaluations, readTopics } from './lib/duc-rouge.ts';

const DUC_WORDS = 250;
const MICROSECONDS_PER_MS = 1000;
/** Timed runs per cluster; the fastest is kept, which damps the noise of a shared 2-core machine. */
const SPEED_RUNS = 3;
const MULTI_NEWS_WORDS = 300;
const MULTI_NEWS_FILE = join(DUC2006_ROOT, '..', 'multi-news-val250', 'clusters.jsonl');
/** Lead sentences per document of the lead-3 baseline. */
const LEAD_SENTENCES = 3;

const args = process.argv.slice(2);
const limitArg = args.indexOf('--limit');
/** --skip-speed: quality only, for quick rounds while tuning (the speed lines then say nothing). */
const SKIP_SPEED = args.includes('--skip-speed');
/** --dump FILE: every figure pair and unintroduced sentence, one a line (the printed examples are the first few). */
const dumpArg = args.indexOf('--dump');
const DUMP_FILE = dumpArg >= 0 ? args[dumpArg + 1] : undefined;
const dumpLines: string[] = [];
const LIMIT = limitArg >= 0 ? Number(args[limitArg + 1]) : Number.POSITIVE_INFINITY;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How a digest reads: does it open with a lead sentence, and how many sentences point back to nothing. */
interface ReadingTally {
  digests: number;
  /** First sentence is one of the first two sentences of some article of the story (or a near-copy: same words). */
  openWithLead: number;
  /** ... the very first sentence of some article. */
  openWithFirst: number;
  sentences: number;
  unresolved: number;
  examples: string[];
  /** Pairs of digest sentences telling one figure of one thing (figureFacts), and digests with any. */
  figureRepeats: number;
  /** ... of them, pairs telling a count or a measure (what selection holds to one sentence). */
  countRepeats: number;
  /** ... pairs giving one sum, share or length of time whatever it is of (the measure before session 31). */
  sameValueRepeats: number;
  digestsRepeatingFigure: number;
  figureExamples: string[];
  /** Sentences with an unintroduced definite reference (unintroducedDefinites), and those a later sentence introduces. */
  unintroduced: number;
  introducedLater: number;
  definiteExamples: string[];
}

const newTally = (): ReadingTally => ({ digests: 0, openWithLead: 0, openWithFirst: 0, sentences: 0, unresolved: 0, examples: [], figureRepeats: 0, countRepeats: 0, sameValueRepeats: 0, digestsRepeatingFigure: 0, figureExamples: [], unintroduced: 0, introducedLater: 0, definiteExamples: [] });
const wordsOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function tallyReading(tally: ReadingTally, story: PreparedStory, digest: Digest): void {
  if (digest.sentences.length === 0) return;
  tally.digests++;
  const first = wordsOf(digest.sentences[0]!.text);
  const leadsAt = (position: number) => story.articles.some((article) => article.sentences.slice(0, position).some((span) => wordsOf(article.text.slice(span.start, span.end)) === first));
  if (leadsAt(2)) tally.openWithLead++;
  if (leadsAt(1)) tally.openWithFirst++;
  const byId = new Map(story.articles.map((article) => [article.id, article]));
  const placed = digest.sentences.map((sentence) => {
    const article = sentence.from === undefined ? undefined : byId.get(sentence.from.articleId);
    const index = article === undefined ? -1 : article.sentences.findIndex((span) => span.start === sentence.from!.span.start);
    return { text: sentence.text, articleId: sentence.from?.articleId ?? '', sentenceIndex: index };
  });
  tally.sentences += placed.length;
  const unresolved = unresolvedReferences(placed);
  tally.unresolved += unresolved.length;
  for (const { index, reason } of unresolved) if (tally.examples.length < 5) tally.examples.push(`${reason}: ${placed[index]!.text.slice(0, 100)}`);
  const figures = digest.sentences.map((sentence) => figureFacts(sentence.text));
  let repeats = 0;
  const valueOnly = figures.map((facts) => facts.map(({ about: _about, ...fact }) => fact));
  for (let i = 0; i < figures.length; i++) {
    for (let j = i + 1; j < figures.length; j++) {
      const sameValue = valueOnly[i]!.find((fact) => valueOnly[j]!.some((other) => sameFigure(fact, other)));
      if (sameValue !== undefined) {
        tally.sameValueRepeats++;
        if (DUMP_FILE !== undefined) dumpLines.push(`value\t${sameValue.kind}\t${sameValue.key}\t${digest.sentences[i]!.text}\t${digest.sentences[j]!.text}`);
      }
      const shared = figures[i]!.find((fact) => figures[j]!.some((other) => sameFigure(fact, other)));
      if (shared === undefined) continue;
      repeats++;
      if (shared.kind === 'figure' || shared.kind === 'measure') tally.countRepeats++;
      if (DUMP_FILE !== undefined) dumpLines.push(`figure\t${shared.kind}\t${shared.key} ${shared.counted.join(' ')}\t${digest.sentences[i]!.text}\t${digest.sentences[j]!.text}`);
      if (tally.figureExamples.length < 3) tally.figureExamples.push(`${shared.key} ${shared.counted.join(' ')}: ${digest.sentences[i]!.text.slice(0, 90)} | ${digest.sentences[j]!.text.slice(0, 90)}`);
    }
  }
  tally.figureRepeats += repeats;
  digest.sentences.forEach((sentence, index) => {
    const heads = unintroducedDefinites(sentence.text, digest.sentences.slice(0, index).map((item) => item.text).join(' '));
    if (heads.length === 0) return;
    tally.unintroduced++;
    const later = digest.sentences.slice(index + 1).map((item) => item.text).join(' ');
    if (heads.some((head) => unintroducedDefinites(`the ${head}`, later).length === 0)) tally.introducedLater++;
    if (DUMP_FILE !== undefined) dumpLines.push(`definite\t${heads.join(',')}\t${index}\t${sentence.text}`);
    if (tally.definiteExamples.length < 4) tally.definiteExamples.push(`"the ${heads.join('", "the ')}": ${sentence.text.slice(0, 110)}`);
  });
  if (repeats > 0) tally.digestsRepeatingFigure++;
}

function printTally(name: string, tally: ReadingTally): void {
  console.log(`  ${name.padEnd(9)} opens with a lead sentence (first two of an article) ${(tally.openWithLead / tally.digests).toFixed(3)} (${tally.openWithLead}/${tally.digests}), with an article's first sentence ${(tally.openWithFirst / tally.digests).toFixed(3)}; sentences pointing back to nothing ${tally.unresolved} of ${tally.sentences} (target 0)`);
  for (const example of tally.examples) console.log(`    ${example}`);
  console.log(`  ${''.padEnd(9)} one figure of one thing told twice: ${tally.figureRepeats} sentence pairs (${tally.countRepeats} of a count or measure) in ${tally.digestsRepeatingFigure} of ${tally.digests} digests; one figure whatever a sum, share or time is of: ${tally.sameValueRepeats} pairs`);
  for (const example of tally.figureExamples) console.log(`    ${example}`);
  console.log(`  ${''.padEnd(9)} unintroduced definite references: ${tally.unintroduced} of ${tally.sentences} sentences, ${tally.introducedLater} of them introduced by a later sentence`);
  for (const example of tally.definiteExamples) console.log(`    ${example}`);
}

const readingTallies = new Map<string, ReadingTally>();

function digestLines(story: PreparedStory, settings: DigestSettings, tallyName?: string): string[] {
  const digest = buildDigest({ storyId: 'eval', articles: story.articles, relations: story.relations, ...settings });
  if (tallyName !== undefined) {
    const tally = readingTallies.get(tallyName) ?? newTally();
    readingTallies.set(tallyName, tally);
    tallyReading(tally, story, digest);
  }
  return digest.sentences.map((sentence) => sentence.text);
}

/** The first sentences of an article, as text lines. */
function leadLines(story: PreparedStory, articleIndex: number, count: number): string[] {
  const article = story.articles[articleIndex];
  if (article === undefined) return [];
  return article.sentences.slice(0, count).map((span) => article.text.slice(span.start, span.end));
}

function format(score: RougeScore, field: 'recall' | 'f', scale = 1): string {
  return (score[field] * scale).toFixed(scale === 1 ? 4 : 2);
}

async function evalDuc(): Promise<void> {
  if (!existsSync(join(DUC2006_ROOT, 'docs'))) {
    console.log(`DUC 2006: skipped, data not found under ${DUC2006_ROOT}`);
    return;
  }
  const evaluations = await readRougeEvaluations();
  const topics = new Map((await readTopics()).map((topic) => [topic.id, topic]));
  const clusters = (await readDucClusters()).slice(0, LIMIT);
  const runs = { generic: { r2: [] as RougeScore[], su4: [] as RougeScore[] }, query: { r2: [] as RougeScore[], su4: [] as RougeScore[] }, baseline: { r2: [] as RougeScore[], su4: [] as RougeScore[] } };
  const rougeOptions = { stem: true, wordLimit: DUC_WORDS, jackknife: true, formula: 'A' as const, alpha: 0.5 };
  const speed: { digest: number[]; digestCpu: number[]; units: number[] } = { digest: [], digestCpu: [], units: [] };
  for (const cluster of clusters) {
    const topicId = cluster.id.replace(/[A-Z]$/, '');
    const models = await readModels(topicId, evaluations);
    const story = prepareStory(cluster.documents.map((document) => document.raw));
    const narrative = topics.get(topicId);
    const query = narrative === undefined ? undefined : `${narrative.title} ${narrative.narrative}`;
    const outputs: Array<[keyof typeof runs, string[]]> = [
      ['generic', digestLines(story, { words: DUC_WORDS }, 'DUC generic')],
      ['query', digestLines(story, { words: DUC_WORDS, ...(query === undefined ? {} : { query }) }, 'DUC query')],
      // NIST's baseline: the lead of the most recent article, to 250 words.
      ['baseline', leadLines(story, story.articles.length - 1, Number.POSITIVE_INFINITY)],
    ];
    for (const [run, lines] of outputs) {
      const scores = rouge(lines, models, [ROUGE_2, ROUGE_SU4], rougeOptions);
      runs[run].r2.push(scores.get('ROUGE-2')!);
      runs[run].su4.push(scores.get('ROUGE-SU4')!);
    }
    // Speed: each cluster timed SPEED_RUNS times after the first cluster has warmed the code up; the fastest
    // run of each is kept (what the code costs without the other engineers' jobs), with its CPU time.
    if (!SKIP_SPEED && (cluster !== clusters[0] || clusters.length === 1)) {
      let unitsMs = Number.POSITIVE_INFINITY;
      let digestMs = Number.POSITIVE_INFINITY;
      let digestCpuMs = Number.POSITIVE_INFINITY;
      for (let run = 0; run < SPEED_RUNS; run++) {
        let started = performance.now();
        buildUnits(story.articles);
        unitsMs = Math.min(unitsMs, performance.now() - started);
        started = performance.now();
        const cpuStarted = process.cpuUsage();
        buildDigest({ storyId: 'speed', articles: story.articles, relations: story.relations, words: DUC_WORDS, ...(query === undefined ? {} : { query }) });
        const cpu = process.cpuUsage(cpuStarted);
        digestMs = Math.min(digestMs, performance.now() - started);
        digestCpuMs = Math.min(digestCpuMs, (cpu.user + cpu.system) / MICROSECONDS_PER_MS);
      }
      speed.units.push(unitsMs);
      speed.digest.push(digestMs);
      speed.digestCpu.push(digestCpuMs);
    }
  }
  console.log(`DUC 2006, ${clusters.length} clusters, ${DUC_WORDS} words, ROUGE-1.5.5 settings -m -l ${DUC_WORDS} -f A jackknifed (recall)`);
  for (const [run, scores] of Object.entries(runs)) {
    console.log(`  ${run.padEnd(9)} ROUGE-2 ${format(averageScores(scores.r2), 'recall')}  ROUGE-SU4 ${format(averageScores(scores.su4), 'recall')}`);
  }
  console.log('  anchors: best system (24) 0.0956 / 0.1553; NIST baseline 0.0495 / 0.0979; best human 0.1326 / 0.1839');
  for (const name of ['DUC generic', 'DUC query']) printTally(name.replace('DUC ', ''), readingTallies.get(name) ?? newTally());
  const digestMs = median(speed.digest);
  const unitsMs = median(speed.units);
  const slowest = Math.max(...speed.digest);
  if (!SKIP_SPEED) {
    console.log(`  speed: digest (with facts and additions) of a 25-article cluster: fastest of ${SPEED_RUNS} runs per cluster, wall median ${digestMs.toFixed(1)} ms, slowest cluster ${slowest.toFixed(1)} ms over ${speed.digest.length} clusters; CPU time median ${median(speed.digestCpu).toFixed(1)} ms, slowest ${Math.max(...speed.digestCpu).toFixed(1)} ms`);
    console.log(`         same-run baseline, sentence units alone: wall median ${unitsMs.toFixed(1)} ms (digest/units ${(digestMs / unitsMs).toFixed(2)}x); target <= 200 ms`);
  }
}

interface MultiNewsCluster {
  idx: number;
  documents: string[];
  summary: string;
}

async function evalMultiNews(): Promise<void> {
  if (!existsSync(MULTI_NEWS_FILE)) {
    console.log(`Multi-News: skipped, data not found at ${MULTI_NEWS_FILE}`);
    return;
  }
  const clusters = (await readFile(MULTI_NEWS_FILE, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MultiNewsCluster)
    .slice(0, LIMIT);
  const runs = { digest: [] as Array<Map<string, RougeScore>>, lead3: [] as Array<Map<string, RougeScore>> };
  const rougeOptions = { stem: true, wordLimit: MULTI_NEWS_WORDS };
  for (const cluster of clusters) {
    const raws: RawArticle[] = cluster.documents
      .filter((text) => text.trim() !== '')
      .map((text, index) => ({ origin: { path: `multi-news/${cluster.idx}/${index}.txt`, format: 'text' }, text }));
    const story = prepareStory(raws);
    // The human summary is one paragraph: ROUGE reads it as one line.
    const reference = cluster.summary.replace(/^[–—-]\s*/, '').replace(/\s+/g, ' ');
    const digest = digestLines(story, { words: MULTI_NEWS_WORDS }, 'Multi-News');
    const lead = story.articles.flatMap((_, index) => leadLines(story, index, LEAD_SENTENCES));
    runs.digest.push(rouge(digest, [reference], [ROUGE_1, ROUGE_2, ROUGE_SU4], rougeOptions));
    runs.lead3.push(rouge(lead, [reference], [ROUGE_1, ROUGE_2, ROUGE_SU4], rougeOptions));
  }
  console.log(`Multi-News val250, ${clusters.length} clusters, ${MULTI_NEWS_WORDS} words, -m -l ${MULTI_NEWS_WORDS}, F x100`);
  for (const [run, scores] of Object.entries(runs)) {
    const metric = (name: string) => format(averageScores(scores.map((score) => score.get(name)!)), 'f', 100);
    console.log(`  ${run.padEnd(7)} ROUGE-1 ${metric('ROUGE-1')}  ROUGE-2 ${metric('ROUGE-2')}  ROUGE-SU4 ${metric('ROUGE-SU4')}`);
  }
  printTally('digest', readingTallies.get('Multi-News') ?? newTally());
  console.log('  anchors (full test split): LexRank 38.27/12.70/13.20; TextRank 38.44/13.10/13.50; MMR 38.77/11.98/12.91; lead-3 39.41/11.77/14.51');
}

const started = performance.now();
if (!args.includes('--multinews-only')) await evalDuc();
if (!args.includes('--duc-only')) await evalMultiNews();
if (DUMP_FILE !== undefined) writeFileSync(DUMP_FILE, `${dumpLines.join('\n')}\n`);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
